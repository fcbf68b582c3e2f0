import { imageCriteria, sourceCriteria, type Criteria } from "./criteria";
import { decompose } from "./decomposition";
import { projectionFilters, type ProjectionFilters } from "./filters";
import { frames as makeFrames, type Frame } from "./framing";
import { MAX_PERMUTED_SOURCES, bestPermutation, permutations } from "./permutation";
import { checkNotSilent, checkSameShape, isSilent, toSourceSet, type SourceInput } from "./sources";
import { nanMean } from "./stats";

export interface BssEvalOptions {
  /** Frame length in samples; Infinity (default) scores the whole signal as one frame. */
  window?: number;
  /** Frame hop in samples; defaults to `window`. */
  hop?: number;
  /** Length of the time-invariant distortion filters, in taps (default 512, as both toolboxes). */
  filtersLength?: number;
  /**
   * Estimate new distortion filters in every frame (BSS Eval v3) instead of once on the whole
   * signal and applied to every frame (v4, the default).
   */
  framewiseFilters?: boolean;
  /**
   * bss_eval_sources ratios (v2/v3 "sources": the filtered reference is the target, no ISR)
   * instead of bss_eval_images ratios (default; what v4/SiSEC report).
   */
  sourcesVersion?: boolean;
  /**
   * Match estimates to references by trying every permutation and keeping the one with the best
   * mean SIR (default false: estimate j is scored against reference j).
   */
  computePermutation?: boolean;
}

export interface BssEvalResult {
  /** The frames scored, in samples. */
  frames: Frame[];
  /** sdr[j][t]: reference source j in frame t, in dB; NaN where a source is silent in the frame. */
  sdr: Float64Array[];
  /** Image-to-spatial distortion ratio; NaN throughout with `sourcesVersion`. */
  isr: Float64Array[];
  sir: Float64Array[];
  sar: Float64Array[];
  /**
   * permutation[t][j]: the estimate scored against reference j in frame t. With filters computed
   * once (v4) a single permutation is chosen for the whole signal and repeated for every frame.
   */
  permutation: number[][];
}

/**
 * BSS Eval (Vincent, Gribonval & Févotte 2006) with the options of museval's `bss_eval`, which
 * also covers mir_eval's v3 functions: see `bssEvalImages`, `bssEvalSources` and `bssEvalV4` for
 * the usual presets.
 *
 * References and estimates are lists of sources of identical shape. Throws when a whole reference
 * or estimate is silent; a frame in which any reference or estimate is silent scores NaN.
 *
 * One deliberate difference from museval: with `computePermutation` and filters computed once,
 * museval averages SIR over frames with numpy.mean, so a single silent (NaN) frame silently
 * turns the search off (argmax of NaNs picks the identity); here NaN frames are ignored.
 */
export function bssEval(
  references: readonly SourceInput[],
  estimates: readonly SourceInput[],
  options: BssEvalOptions = {},
): BssEvalResult {
  const refs = toSourceSet(references, "reference");
  const ests = toSourceSet(estimates, "estimate");
  checkSameShape(refs, ests);
  // Like the reference tools, empty input gives empty results rather than an error.
  if (refs.count === 0 || refs.length === 0) return { frames: [], sdr: [], isr: [], sir: [], sar: [], permutation: [] };
  checkNotSilent(refs, ests);

  const filtersLength = options.filtersLength ?? 512;
  if (!Number.isInteger(filtersLength) || filtersLength < 1) {
    throw new Error(`BSS Eval: filtersLength must be a positive integer, got ${filtersLength}`);
  }
  const window = options.window ?? Infinity;
  const frameList = makeFrames(refs.length, window, options.hop ?? window);
  const nsrc = refs.count;
  if (options.computePermutation && nsrc > MAX_PERMUTED_SOURCES) {
    throw new Error(
      `BSS Eval: computePermutation with ${nsrc} sources would try ${nsrc}! orderings; ` +
        `match at most ${MAX_PERMUTED_SOURCES} sources this way, or order the estimates yourself.`,
    );
  }
  const identity = Array.from({ length: nsrc }, (_, j) => j);
  const candidates = options.computePermutation ? permutations(nsrc) : [identity];
  const pairs = identity.map((jtrue) => identity.map((jest) => candidates.some((perm) => perm[jtrue] === jest)));
  const refChannels = refs.sources.flat();
  const criteriaOf = options.sourcesVersion ? sourceCriteria : imageCriteria;

  const global: ProjectionFilters | null = options.framewiseFilters
    ? null
    : projectionFilters(refChannels, ests.sources, pairs, 0, refs.length, filtersLength);

  // scores[t][jtrue][jest], null for a silent frame or a pair that no candidate needs.
  const scores: ((Criteria | null)[][] | null)[] = frameList.map(({ start, end }) => {
    const silent =
      refs.sources.some((s) => isSilent(s, start, end)) || ests.sources.some((s) => isSilent(s, start, end));
    if (silent) return null;
    const filters = global ?? projectionFilters(refChannels, ests.sources, pairs, start, end - start, filtersLength);
    const energies = decompose(refChannels, ests.sources, filters, pairs, start, end - start);
    return energies.map((row) => row.map((e) => (e ? criteriaOf(e) : null)));
  });

  const sirOf = (t: number, jtrue: number, jest: number) => scores[t]?.[jtrue][jest]?.sir ?? NaN;
  const meanSir = (perm: number[], ts: number[]) =>
    nanMean(ts.flatMap((t) => perm.map((jest, jtrue) => sirOf(t, jtrue, jest))));
  const allFrames = frameList.map((_, t) => t);
  const shared = options.framewiseFilters ? null : bestPermutation(candidates, (perm) => meanSir(perm, allFrames));
  const permutation = frameList.map((_, t) => shared ?? bestPermutation(candidates, (perm) => meanSir(perm, [t])));

  const metric = (pick: (c: Criteria) => number) =>
    identity.map((jtrue) =>
      Float64Array.from(frameList, (_, t) => {
        const c = scores[t]?.[jtrue][permutation[t][jtrue]];
        return c ? pick(c) : NaN;
      }),
    );
  return {
    frames: frameList,
    sdr: metric((c) => c.sdr),
    isr: metric((c) => c.isr),
    sir: metric((c) => c.sir),
    sar: metric((c) => c.sar),
    permutation,
  };
}
