import type { PairEnergies } from "./decomposition";

/** One source's scores in dB. ISR is NaN in the bss_eval_sources version, which has no such ratio. */
export interface Criteria {
  sdr: number;
  isr: number;
  sir: number;
  sar: number;
}

/**
 * 10·log10(num/den), +Infinity when den is exactly 0 (a perfect component), as mir_eval's
 * _safe_db: the numerator is never 0 because silent references are rejected up front.
 */
export function safeDb(num: number, den: number): number {
  if (den === 0) return Infinity;
  return 10 * Math.log10(num / den);
}

/**
 * Energy ratios of bss_eval_images (v3 images, v4): distortion is measured against the true
 * source image itself, so spatial/filtering errors count against SDR and are reported as ISR.
 */
export function imageCriteria(e: PairEnergies): Criteria {
  return {
    sdr: safeDb(e.target, e.distortion),
    isr: safeDb(e.target, e.spatial),
    sir: safeDb(e.filtered, e.interference),
    sar: safeDb(e.projected, e.artifacts),
  };
}

/**
 * Energy ratios of bss_eval_sources (v2/v3): the target is the reference after the allowed
 * distortion filter (s_true + e_spat), so filtering the source costs nothing.
 */
export function sourceCriteria(e: PairEnergies): Criteria {
  return {
    sdr: safeDb(e.filtered, e.residual),
    isr: NaN,
    sir: safeDb(e.filtered, e.interference),
    sar: safeDb(e.projected, e.artifacts),
  };
}
