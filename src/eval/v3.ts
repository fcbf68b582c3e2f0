import { bssEval } from "./bss-eval";
import type { SourceInput } from "./sources";

export interface V3Options {
  /** Try every estimate/reference matching and keep the best mean SIR (default true, as mir_eval). */
  computePermutation?: boolean;
}

export interface V3SourcesResult {
  sdr: Float64Array;
  sir: Float64Array;
  sar: Float64Array;
  /** permutation[j]: the estimate matched to reference j. */
  permutation: number[];
}

export interface V3ImagesResult extends V3SourcesResult {
  isr: Float64Array;
}

/**
 * BSS Eval v3 `bss_eval_sources`, as mir_eval.separation.bss_eval_sources: whole-signal scores
 * where the reference filtered by the best 512-tap filter is the target. Multichannel sources
 * follow museval's extension of it (filters map every channel of a reference to each channel).
 * Prefer `bssEvalImages`/`bssEvalV4` for new work: this version forgives any filtering of a source.
 */
export function bssEvalSources(
  references: readonly SourceInput[],
  estimates: readonly SourceInput[],
  options: V3Options = {},
): V3SourcesResult {
  const r = bssEval(references, estimates, {
    framewiseFilters: true,
    sourcesVersion: true,
    computePermutation: options.computePermutation ?? true,
  });
  return { sdr: firstFrame(r.sdr), sir: firstFrame(r.sir), sar: firstFrame(r.sar), permutation: r.permutation[0] ?? [] };
}

/**
 * BSS Eval v3 `bss_eval_images`, as mir_eval.separation.bss_eval_images: whole-signal scores of
 * multichannel source images, with ISR.
 */
export function bssEvalImages(
  references: readonly SourceInput[],
  estimates: readonly SourceInput[],
  options: V3Options = {},
): V3ImagesResult {
  const r = bssEval(references, estimates, {
    framewiseFilters: true,
    computePermutation: options.computePermutation ?? true,
  });
  return {
    sdr: firstFrame(r.sdr),
    isr: firstFrame(r.isr),
    sir: firstFrame(r.sir),
    sar: firstFrame(r.sar),
    permutation: r.permutation[0] ?? [],
  };
}

function firstFrame(perSource: Float64Array[]): Float64Array {
  return Float64Array.from(perSource, (frames) => frames[0]);
}
