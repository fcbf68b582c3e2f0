/**
 * Median of the values that are not NaN (numpy.nanmedian); NaN when there are none.
 * This is how museval aggregates frames into a track score: silent frames are NaN and skipped.
 * ±Infinity are ordinary values here, as in numpy.
 */
export function nanMedian(values: ArrayLike<number>): number {
  const kept: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) kept.push(values[i]);
  if (kept.length === 0) return NaN;
  kept.sort((a, b) => a - b);
  const mid = kept.length >> 1;
  if (kept.length % 2 === 1) return kept[mid];
  const lo = kept[mid - 1];
  const hi = kept[mid];
  // numpy averages the two middle values, so inf with inf stays inf and inf with -inf is NaN.
  return lo === hi ? lo : (lo + hi) / 2;
}

/** Mean of the values that are not NaN (numpy.nanmean); NaN when there are none. */
export function nanMean(values: ArrayLike<number>): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) continue;
    sum += values[i];
    count++;
  }
  return count === 0 ? NaN : sum / count;
}
