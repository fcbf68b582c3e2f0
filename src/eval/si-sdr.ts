import { safeDb } from "./criteria";
import { luInPlace, luSolveInPlace } from "./lu";
import { checkSameShape, isSilent, toSourceSet, type SourceInput } from "./sources";

export interface SiSdrOptions {
  /**
   * Subtract each channel's mean from references and estimates first (default false). Le Roux et
   * al. (2019) zero-mean both signals; we leave it off by default because audio stems are already
   * near zero-mean and an offset in an estimate is a real error a listener's DAC will reproduce.
   */
  zeroMean?: boolean;
}

export interface SiSdrResult {
  /** Scale-invariant SDR per source, dB. */
  siSdr: Float64Array;
  /** Scale-invariant SIR: target against the part of the error lying in the references' span. */
  siSir: Float64Array;
  /** Scale-invariant SAR: target against the part of the error outside the references' span. */
  siSar: Float64Array;
  /** Scale-dependent SDR: the error is ŝ − s itself, so a gain error is penalised. */
  sdSdr: Float64Array;
}

/**
 * SI-SDR, SI-SIR, SI-SAR and SD-SDR of Le Roux, Wisdom, Erdogan & Hershey, "SDR – half-baked or
 * well done?" (ICASSP 2019), estimate j against reference j.
 *
 * With α = ⟨ŝ, s⟩ / ‖s‖², e_target = α·s and P the orthogonal projection on the span of all
 * references: SI-SDR = ‖e_target‖² / ‖ŝ − e_target‖², SI-SIR = ‖e_target‖² / ‖Pŝ − e_target‖²,
 * SI-SAR = ‖e_target‖² / ‖ŝ − Pŝ‖², SD-SDR = ‖e_target‖² / ‖ŝ − s‖², all in dB. The last two errors
 * are orthogonal, so 10^(−SI-SDR/10) = 10^(−SI-SIR/10) + 10^(−SI-SAR/10).
 *
 * A multichannel source is scored as one signal (its channels concatenated): one gain for the
 * whole image, so a wrong balance between channels counts as distortion. A silent estimate scores
 * −Infinity SI-SDR and SD-SDR and NaN SI-SIR/SI-SAR (there is nothing to split).
 */
export function siSdr(
  references: readonly SourceInput[],
  estimates: readonly SourceInput[],
  options: SiSdrOptions = {},
): SiSdrResult {
  const refs = toSourceSet(references, "reference");
  const ests = toSourceSet(estimates, "estimate");
  checkSameShape(refs, ests);
  const nsrc = refs.count;
  refs.sources.forEach((s, j) => {
    if (refs.length > 0 && s.every((ch) => isSilent([ch], 0, refs.length))) {
      throw new Error(`SI-SDR: reference source ${j} is silent (all zeros), so no scale of it can match an estimate`);
    }
  });
  const flat = (s: Float64Array[]) => {
    const out = new Float64Array(s.length * refs.length);
    s.forEach((ch, c) => out.set(ch, c * refs.length));
    if (options.zeroMean) {
      s.forEach((ch, c) => {
        let mean = 0;
        for (let i = 0; i < ch.length; i++) mean += ch[i];
        mean /= ch.length || 1;
        for (let i = 0; i < ch.length; i++) out[c * refs.length + i] -= mean;
      });
    }
    return out;
  };
  const r = refs.sources.map(flat);
  const e = ests.sources.map(flat);

  // Gram matrix of the references, for the projection on their span (SI-SIR/SI-SAR).
  const gram = new Float64Array(nsrc * nsrc);
  for (let a = 0; a < nsrc; a++) for (let b = a; b < nsrc; b++) gram[a * nsrc + b] = gram[b * nsrc + a] = dot(r[a], r[b]);
  const factors = nsrc > 0 ? luInPlace(gram.slice(), nsrc) : null;

  const result: SiSdrResult = {
    siSdr: new Float64Array(nsrc),
    siSir: new Float64Array(nsrc),
    siSar: new Float64Array(nsrc),
    sdSdr: new Float64Array(nsrc),
  };
  for (let j = 0; j < nsrc; j++) {
    const s = r[j];
    const y = e[j];
    const alpha = dot(y, s) / dot(s, s);
    let target = 0, residual = 0, plain = 0;
    for (let i = 0; i < s.length; i++) {
      const t = alpha * s[i];
      target += t * t;
      residual += (y[i] - t) * (y[i] - t);
      plain += (y[i] - s[i]) * (y[i] - s[i]);
    }
    if (dot(y, y) === 0) {
      result.siSdr[j] = result.sdSdr[j] = -Infinity;
      result.siSir[j] = result.siSar[j] = NaN;
      continue;
    }
    result.siSdr[j] = safeDb(target, residual);
    result.sdSdr[j] = safeDb(target, plain);

    if (!factors) {
      throw new Error("SI-SDR: the references are linearly dependent (one is a scaled copy or a mix of others), so SI-SIR/SI-SAR are undefined");
    }
    const beta = Float64Array.from(r, (rk) => dot(rk, y));
    luSolveInPlace(factors, beta);
    let interference = 0, artifacts = 0;
    for (let i = 0; i < s.length; i++) {
      let p = 0;
      for (let k = 0; k < nsrc; k++) p += beta[k] * r[k][i];
      interference += (p - alpha * s[i]) ** 2;
      artifacts += (y[i] - p) ** 2;
    }
    result.siSir[j] = safeDb(target, interference);
    result.siSar[j] = safeDb(target, artifacts);
  }
  return result;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
