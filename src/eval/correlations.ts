import {
  BlockTransformer,
  accumulateCrossSpectrum,
  blockLayout,
  haloBlock,
  plainBlock,
} from "./blocks";

/**
 * Lagged inner products of a slice of the signals, for lags k in [−(L−1), L−1]:
 * r_xy[k] = Σ_n x[n+k]·y[n], with both signals zero outside the slice. Stored at index k + L − 1.
 * These are exactly the sums mir_eval and museval read off a full-length FFT.
 */
export interface Correlations {
  filtersLength: number;
  /** refRef[p][q] for reference channels p ≤ q (p = source·nchan + channel); undefined for p > q. */
  refRef: Float64Array[][];
  /** refEst[jest][p][c]: reference channel p against channel c of estimate jest (null if not needed). */
  refEst: (Float64Array[][] | null)[];
}

/**
 * @param refs reference channels, flattened source-major (index p = source·nchan + channel)
 * @param ests estimates as [source][channel]
 * @param wanted which estimates need correlations (the others are skipped)
 */
export function correlate(
  refs: Float64Array[],
  ests: Float64Array[][],
  wanted: boolean[],
  start: number,
  length: number,
  filtersLength: number,
): Correlations {
  const layout = blockLayout(length, filtersLength);
  const t = new BlockTransformer(layout.fftSize);
  const m = t.spectrumLength;
  const nref = refs.length;
  const nchan = ests.length > 0 ? ests[0].length : 0;
  // Sums over blocks stay in the frequency domain: one inverse FFT per pair at the end.
  const accRef = refs.map((_, p) => refs.map((__, q) => (q >= p ? new Float64Array(m) : null)));
  const accEst = ests.map((est, j) => (wanted[j] ? refs.map(() => est.map(() => new Float64Array(m))) : null));
  const halo = refs.map(() => new Float64Array(m));
  const plainRef = refs.map(() => new Float64Array(m));
  const plainEst = ests.map((est) => est.map(() => new Float64Array(m)));
  // Blocks whose new samples all lie beyond the slice contribute nothing to correlations.
  const blocks = Math.ceil(length / layout.step);
  for (let b = 0; b < blocks; b++) {
    for (let p = 0; p < nref; p++) {
      haloBlock(t, layout, refs[p], start, b, halo[p]);
      plainBlock(t, layout, refs[p], start, b, plainRef[p]);
    }
    for (let j = 0; j < ests.length; j++) {
      if (!wanted[j]) continue;
      for (let c = 0; c < nchan; c++) plainBlock(t, layout, ests[j][c], start, b, plainEst[j][c]);
    }
    for (let p = 0; p < nref; p++) {
      for (let q = p; q < nref; q++) accumulateCrossSpectrum(accRef[p][q]!, halo[p], plainRef[q]);
      for (let j = 0; j < ests.length; j++) {
        const acc = accEst[j];
        if (!acc) continue;
        for (let c = 0; c < nchan; c++) accumulateCrossSpectrum(acc[p][c], halo[p], plainEst[j][c]);
      }
    }
  }

  const spectra: Float64Array[] = [];
  for (let p = 0; p < nref; p++) for (let q = p; q < nref; q++) spectra.push(accRef[p][q]!);
  for (const acc of accEst) if (acc) for (const row of acc) spectra.push(...row);
  const lags = inverseLags(t, spectra, 2 * layout.halo + 1);

  let i = 0;
  const refRef: Float64Array[][] = refs.map(() => new Array<Float64Array>(nref));
  for (let p = 0; p < nref; p++) for (let q = p; q < nref; q++) refRef[p][q] = lags[i++];
  const refEst = accEst.map((acc) => (acc ? acc.map((row) => row.map(() => lags[i++])) : null));
  return { filtersLength, refRef, refEst };
}

/** Inverse transforms (two at a time) keeping the first `count` samples of each. */
function inverseLags(t: BlockTransformer, spectra: Float64Array[], count: number): Float64Array[] {
  const a = new Float64Array(t.size);
  const b = new Float64Array(t.size);
  const out: Float64Array[] = [];
  for (let i = 0; i < spectra.length; i += 2) {
    const second = i + 1 < spectra.length ? spectra[i + 1] : null;
    t.inversePair(spectra[i], second, a, second ? b : null);
    out.push(a.slice(0, count));
    if (second) out.push(b.slice(0, count));
  }
  return out;
}
