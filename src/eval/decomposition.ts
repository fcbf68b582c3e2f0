import { BlockTransformer, accumulateProduct, blockLayout, haloBlock } from "./blocks";
import type { ProjectionFilters } from "./filters";

/**
 * Energies of BSS Eval's decomposition ŝ = s_true + e_spat + e_interf + e_artif of one estimate
 * against one reference over one slice, every signal zero-padded by L−1 samples as in
 * _bss_decomp_mtifilt. With P_j the projection on reference j and P the projection on all of
 * them: e_spat = P_j ŝ − s_true, e_interf = P ŝ − P_j ŝ, e_artif = ŝ − P ŝ. Only these sums are
 * needed for every metric, so the components themselves are never stored.
 */
export interface PairEnergies {
  /** Σ s_true² */
  target: number;
  /** Σ (e_spat + e_interf + e_artif)² */
  distortion: number;
  /** Σ e_spat² */
  spatial: number;
  /** Σ (s_true + e_spat)² */
  filtered: number;
  /** Σ e_interf² */
  interference: number;
  /** Σ (s_true + e_spat + e_interf)² */
  projected: number;
  /** Σ e_artif² */
  artifacts: number;
  /** Σ (e_interf + e_artif)² */
  residual: number;
}

/**
 * Decomposes the wanted (reference, estimate) pairs on slice [start, start + length), filtering
 * the slice (zero outside it) with filters that may have been computed on a different span:
 * museval's v4 computes them once on the whole signal and applies them window by window.
 */
export function decompose(
  refs: Float64Array[],
  ests: Float64Array[][],
  filters: ProjectionFilters,
  pairs: boolean[][],
  start: number,
  length: number,
): (PairEnergies | null)[][] {
  const { nsrc, nchan, filtersLength: L } = filters;
  const layout = blockLayout(length, L);
  const t = new BlockTransformer(layout.fftSize);
  const m = t.spectrumLength;
  const n = refs.length * L;
  const nj = nchan * L;

  const spectrumOf = (coefs: Float64Array, offset: number) =>
    t.forwardPadded(coefs.subarray(offset, offset + L), new Float64Array(m));
  // Filter spectra at this block size: hAll[jest][c][p], hOwn[jtrue][jest][c][cj].
  const hAll = filters.all.map((cf) =>
    cf ? range(nchan).map((c) => refs.map((_, p) => spectrumOf(cf, c * n + p * L))) : null,
  );
  const hOwn = filters.own.map((row) =>
    row.map((cf) => (cf ? range(nchan).map((c) => range(nchan).map((cj) => spectrumOf(cf, c * nj + cj * L))) : null)),
  );

  const energies: (PairEnergies | null)[][] = range(nsrc).map((jtrue) =>
    range(nsrc).map((jest) => (pairs[jtrue][jest] ? zeroEnergies() : null)),
  );

  // One spectrum then one time-domain block per projected output channel.
  const outputs: { spectrum: Float64Array; time: Float64Array }[] = [];
  const allIdx: number[][] = hAll.map((h) => (h ? range(nchan).map(() => outputs.push(slot(m, layout.fftSize)) - 1) : []));
  const ownIdx: number[][][] = hOwn.map((row) =>
    row.map((h) => (h ? range(nchan).map(() => outputs.push(slot(m, layout.fftSize)) - 1) : [])),
  );
  const x = refs.map(() => new Float64Array(m));

  for (let b = 0; b < layout.count; b++) {
    for (let p = 0; p < refs.length; p++) haloBlock(t, layout, refs[p], start, b, x[p]);
    for (const o of outputs) o.spectrum.fill(0);
    for (let jest = 0; jest < nsrc; jest++) {
      const h = hAll[jest];
      if (!h) continue;
      for (let c = 0; c < nchan; c++) {
        const acc = outputs[allIdx[jest][c]].spectrum;
        for (let p = 0; p < refs.length; p++) accumulateProduct(acc, x[p], h[c][p]);
      }
    }
    for (let jtrue = 0; jtrue < nsrc; jtrue++) {
      for (let jest = 0; jest < nsrc; jest++) {
        const h = hOwn[jtrue][jest];
        if (!h) continue;
        for (let c = 0; c < nchan; c++) {
          const acc = outputs[ownIdx[jtrue][jest][c]].spectrum;
          for (let cj = 0; cj < nchan; cj++) accumulateProduct(acc, x[jtrue * nchan + cj], h[c][cj]);
        }
      }
    }
    for (let i = 0; i < outputs.length; i += 2) {
      const second = outputs[i + 1];
      t.inversePair(outputs[i].spectrum, second?.spectrum ?? null, outputs[i].time, second?.time ?? null);
    }

    // Output samples n = b·S + i of the zero-padded slice sit at index halo + i of the block.
    const first = b * layout.step;
    const count = Math.min(layout.step, length + layout.halo - first);
    const inSlice = Math.max(0, Math.min(count, length - first));
    for (let jtrue = 0; jtrue < nsrc; jtrue++) {
      for (let jest = 0; jest < nsrc; jest++) {
        const e = energies[jtrue][jest];
        if (!e) continue;
        for (let c = 0; c < nchan; c++) {
          accumulateBlock(
            e,
            refs[jtrue * nchan + c],
            ests[jest][c],
            start + first,
            inSlice,
            count,
            outputs[ownIdx[jtrue][jest][c]].time,
            outputs[allIdx[jest][c]].time,
            layout.halo,
          );
        }
      }
    }
  }
  return energies;
}

function accumulateBlock(
  e: PairEnergies,
  ref: Float64Array,
  est: Float64Array,
  at: number,
  inSlice: number,
  count: number,
  own: Float64Array,
  all: Float64Array,
  halo: number,
): void {
  let target = 0, distortion = 0, spatial = 0, filtered = 0;
  let interference = 0, projected = 0, artifacts = 0, residual = 0;
  for (let i = 0; i < count; i++) {
    const s = i < inSlice ? ref[at + i] : 0;
    const y = i < inSlice ? est[at + i] : 0;
    const pj = own[halo + i];
    const pa = all[halo + i];
    target += s * s;
    distortion += (y - s) * (y - s);
    spatial += (pj - s) * (pj - s);
    filtered += pj * pj;
    interference += (pa - pj) * (pa - pj);
    projected += pa * pa;
    artifacts += (y - pa) * (y - pa);
    residual += (y - pj) * (y - pj);
  }
  e.target += target;
  e.distortion += distortion;
  e.spatial += spatial;
  e.filtered += filtered;
  e.interference += interference;
  e.projected += projected;
  e.artifacts += artifacts;
  e.residual += residual;
}

function zeroEnergies(): PairEnergies {
  return { target: 0, distortion: 0, spatial: 0, filtered: 0, interference: 0, projected: 0, artifacts: 0, residual: 0 };
}

function slot(spectrumLength: number, size: number) {
  return { spectrum: new Float64Array(spectrumLength), time: new Float64Array(size) };
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
