import { bssEval } from "./bss-eval";
import type { Frame } from "./framing";
import type { Samples, SourceInput } from "./sources";
import { nanMedian } from "./stats";

export interface V4Options {
  /** Sample rate of the signals in Hz; sets the default window and hop to one second. */
  sampleRate: number;
  /** Frame length in samples (default: one second). */
  window?: number;
  /** Frame hop in samples (default: one second). */
  hop?: number;
  /**
   * Trim or zero-pad each estimate to the references' length first, as museval.evaluate does
   * (default true): separation pipelines often return a few samples more or less.
   */
  padding?: boolean;
}

export interface V4Metrics {
  sdr: number[];
  isr: number[];
  sir: number[];
  sar: number[];
}

export interface V4Result {
  frames: Frame[];
  /** Per source and frame (sdr[j][t]), NaN in frames where any source or estimate is silent. */
  sdr: Float64Array[];
  isr: Float64Array[];
  sir: Float64Array[];
  sar: Float64Array[];
  /** Track scores: per source, the median over frames ignoring NaN, as museval aggregates. */
  median: V4Metrics;
}

/**
 * BSS Eval v4 as museval.evaluate scores SiSEC/MUSDB18 tracks: bss_eval_images ratios in frames
 * of one second, with the 512-tap distortion filters estimated once on the whole tracks
 * (time-invariant) and no permutation search (estimate j belongs to reference j).
 */
export function bssEvalV4(
  references: readonly SourceInput[],
  estimates: readonly SourceInput[],
  options: V4Options,
): V4Result {
  const { sampleRate } = options;
  if (!(sampleRate > 0) || !Number.isFinite(sampleRate)) {
    throw new Error(`bssEvalV4: sampleRate must be a positive number, got ${sampleRate}`);
  }
  const second = Math.round(sampleRate);
  const padded = options.padding === false ? estimates : matchLength(references, estimates);
  const r = bssEval(references, padded, {
    window: options.window ?? second,
    hop: options.hop ?? second,
    framewiseFilters: false,
    computePermutation: false,
  });
  const median = (m: Float64Array[]) => m.map(nanMedian);
  return {
    frames: r.frames,
    sdr: r.sdr,
    isr: r.isr,
    sir: r.sir,
    sar: r.sar,
    median: { sdr: median(r.sdr), isr: median(r.isr), sir: median(r.sir), sar: median(r.sar) },
  };
}

/** museval's pad_or_truncate: estimates cut or zero-padded at the end to the references' length. */
function matchLength(references: readonly SourceInput[], estimates: readonly SourceInput[]): SourceInput[] {
  const first = references[0];
  if (first === undefined) return [...estimates];
  const length = (first instanceof Float32Array || first instanceof Float64Array ? first : first[0])?.length;
  if (length === undefined) return [...estimates];
  const fit = (ch: Samples): Samples => {
    if (ch.length === length) return ch;
    if (ch.length > length) return ch.subarray(0, length);
    const out = new Float64Array(length);
    out.set(ch);
    return out;
  };
  return estimates.map((s) => (s instanceof Float32Array || s instanceof Float64Array ? fit(s) : s.map(fit)));
}
