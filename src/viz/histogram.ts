/** Counts of values in equal-width bins, with the moments a histogram's reader asks for next. */
export interface Histogram {
  /** bins + 1 edges, increasing; bin k is [edges[k], edges[k + 1]), the last bin closed on the right. */
  edges: number[];
  counts: number[];
  /** Finite values counted (all of them when the range is the data's own). */
  count: number;
  mean: number;
  /** Population standard deviation (divides by count), as numpy's std. */
  std: number;
  min: number;
  max: number;
  /** NaN and infinite values, which no bin holds. */
  nonFinite: number;
}

/**
 * numpy.histogram(values, bins) for the values as float64: edges from linspace(min, max, bins + 1)
 * (min − 0.5 to max + 0.5 when all values are equal), each value in the bin whose edges enclose it,
 * the maximum in the last bin. The bin index is computed arithmetically and then corrected against
 * the edges, as numpy does, so values within a rounding error of an edge land where numpy puts them.
 * With `range`, values outside it are left out of the counts (numpy's behaviour) but not of the moments.
 */
export function histogram(values: ArrayLike<number>, bins = 40, range?: [number, number]): Histogram {
  if (!Number.isInteger(bins) || bins < 1) throw new Error(`histogram: bins must be a whole number ≥ 1, got ${bins}`);
  let min = Infinity, max = -Infinity, sum = 0, count = 0, nonFinite = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      nonFinite++;
      continue;
    }
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    count++;
  }
  const mean = count ? sum / count : NaN;
  let squares = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) squares += (v - mean) * (v - mean);
  }
  let [first, last] = range ?? (count ? [min, max] : [0, 1]);
  if (!(Number.isFinite(first) && Number.isFinite(last) && first <= last)) throw new Error(`histogram: range must be two finite numbers, low ≤ high, got [${first}, ${last}]`);
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  const step = (last - first) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? last : i * step + first));
  const counts = new Array<number>(bins).fill(0);
  const norm = bins / (last - first);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v >= first && v <= last)) continue; // also drops NaN
    let k = Math.min(bins - 1, Math.floor((v - first) * norm));
    if (v < edges[k]) k--;
    else if (k !== bins - 1 && v >= edges[k + 1]) k++;
    counts[k]++;
  }
  return { edges, counts, count, mean, std: count ? Math.sqrt(squares / count) : NaN, min: count ? min : NaN, max: count ? max : NaN, nonFinite };
}
