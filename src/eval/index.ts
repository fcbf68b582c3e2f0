/**
 * Separation quality metrics: BSS Eval v3 (mir_eval), BSS Eval v4 (museval) and SI-SDR.
 * Sources are given as lists of planar channels (source → channel → samples).
 */
export { bssEval, type BssEvalOptions, type BssEvalResult } from "./bss-eval";
export { bssEvalSources, bssEvalImages, type V3Options, type V3SourcesResult, type V3ImagesResult } from "./v3";
export { bssEvalV4, type V4Options, type V4Result, type V4Metrics } from "./v4";
export { siSdr, type SiSdrOptions, type SiSdrResult } from "./si-sdr";
export { frames, type Frame } from "./framing";
export { nanMedian } from "./stats";
export type { Samples, SourceInput } from "./sources";
