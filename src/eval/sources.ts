/** Sample arrays accepted by the evaluation functions. */
export type Samples = Float32Array | Float64Array;

/**
 * One source: its planar channels (`[left, right]`), or one array for a mono source.
 * A list of sources is indexed source → channel → sample, the layout of `AudioSignal.channels`.
 */
export type SourceInput = Samples | readonly Samples[];

/** Sources converted to float64 planar channels, all with the same channel count and length. */
export interface SourceSet {
  sources: Float64Array[][];
  count: number;
  channels: number;
  length: number;
}

type Role = "reference" | "estimate";

/** Converts and checks one list of sources (shape and finiteness; silence is checked separately). */
export function toSourceSet(input: readonly SourceInput[], role: Role): SourceSet {
  if (!Array.isArray(input)) throw new Error(`BSS Eval: ${role}s must be an array of sources`);
  const sources = input.map((source, j) => {
    const channels: readonly Samples[] = isSamples(source) ? [source] : source;
    if (!Array.isArray(channels) || channels.length === 0 || !channels.every(isSamples)) {
      throw new Error(`BSS Eval: ${role} source ${j} must be a Float32Array/Float64Array or an array of them (its channels)`);
    }
    return channels.map((ch, c) => toFloat64(ch, role, j, c));
  });
  const count = sources.length;
  const channels = count > 0 ? sources[0].length : 0;
  const length = count > 0 ? sources[0][0].length : 0;
  sources.forEach((s, j) => {
    if (s.length !== channels) {
      throw new Error(`BSS Eval: ${role} source ${j} has ${s.length} channels, source 0 has ${channels}`);
    }
    s.forEach((ch, c) => {
      if (ch.length !== length) {
        throw new Error(`BSS Eval: ${role} source ${j} channel ${c} has ${ch.length} samples, source 0 has ${length}`);
      }
    });
  });
  return { sources, count, channels, length };
}

/** Same number of sources, channels and samples, as mir_eval's and museval's validate(). */
export function checkSameShape(refs: SourceSet, ests: SourceSet): void {
  const shape = (s: SourceSet) => `${s.count} sources × ${s.channels} channels × ${s.length} samples`;
  if (refs.count !== ests.count || refs.channels !== ests.channels || refs.length !== ests.length) {
    throw new Error(
      `BSS Eval: estimates and references must have the same shape; references are ${shape(refs)}, ` +
        `estimates are ${shape(ests)}. Pad or trim the estimates to the references' length first ` +
        `(bssEvalV4 does this for you, like museval.evaluate).`,
    );
  }
}

/**
 * True when a source is silent in [start, end) by the reference tools' rule: the sum over its
 * channels is zero at every sample (so an exactly anti-phase stereo pair counts as silent too).
 */
export function isSilent(channels: Float64Array[], start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    let sum = 0;
    for (const ch of channels) sum += ch[i];
    if (sum !== 0) return false;
  }
  return true;
}

/** Rejects silent sources, which would make the Gram matrix singular (mir_eval raises too). */
export function checkNotSilent(refs: SourceSet, ests: SourceSet): void {
  refs.sources.forEach((s, j) => {
    if (isSilent(s, 0, refs.length)) {
      throw new Error(
        `BSS Eval: reference source ${j} is silent (all zeros). BSS Eval is undefined for a silent ` +
          `reference (any number of silent sources could be added); leave that source out of both ` +
          `the references and the estimates.`,
      );
    }
  });
  ests.sources.forEach((s, j) => {
    if (isSilent(s, 0, ests.length)) {
      throw new Error(
        `BSS Eval: estimated source ${j} is silent (all zeros), which leaves the decomposition ` +
          `undetermined. Score it separately (e.g. with SI-SDR, which reports -Infinity), or add ` +
          `the estimate your method actually produced.`,
      );
    }
  });
}

function isSamples(x: unknown): x is Samples {
  return x instanceof Float32Array || x instanceof Float64Array;
}

function toFloat64(ch: Samples, role: Role, j: number, c: number): Float64Array {
  const out = Float64Array.from(ch);
  for (let i = 0; i < out.length; i++) {
    if (!Number.isFinite(out[i])) {
      throw new Error(`BSS Eval: ${role} source ${j} channel ${c} has a non-finite sample (${out[i]}) at index ${i}`);
    }
  }
  return out;
}
