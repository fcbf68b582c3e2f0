import { assertSignal, type AudioSignal } from "./signal";
import { trimOrPad } from "./channels";
import { buildPolyphasePlan, type PolyphasePlan } from "./resample-filter";
import { firstInputFor, lastInputFor, runPolyphase } from "./resample-kernel";
import { runPolyphaseSimd } from "./resample-simd";

/**
 * Filter parameters of the resampler. The low-pass is a Kaiser-windowed sinc with cutoff at the
 * lower of the two Nyquist frequencies (times `cutoff`), run at the upsampled rate.
 */
export interface ResampleOptions {
  /** Sinc zero crossings on each side of the centre: half length = zeroCrossings × max(up, down) taps. */
  zeroCrossings?: number;
  /** Half length in taps at the upsampled rate; overrides zeroCrossings. */
  halfLength?: number;
  /** Window of the sinc; only Kaiser, with its β. */
  window?: readonly ["kaiser", number];
  /**
   * Cutoff as a fraction of the lower Nyquist frequency. 1 (the default, scipy's choice) puts the
   * middle of the transition band at Nyquist: what aliases lands only inside the transition band,
   * never in the passband. Lower it to trade top-octave bandwidth for no aliasing at all.
   */
  cutoff?: number;
}

/**
 * scipy.signal.resample_poly's defaults: with these, `resample(x, a, b, RESAMPLE_SCIPY)` equals
 * `resample_poly(x, b/g, a/g)` (g = gcd) to float precision, including its output length
 * ⌈n·up/down⌉, its zero-phase alignment (output 0 sits on input 0) and its zero padding at both ends.
 * About 55 dB stop-band attenuation and 0.02 dB passband ripple to 0.8 × Nyquist.
 */
export const RESAMPLE_SCIPY: Readonly<ResampleOptions> = Object.freeze({ zeroCrossings: 10, window: ["kaiser", 5] as const });

/**
 * The default: 20 zero crossings and Kaiser β = 9. Measured with tones in
 * test/unit/audio/resample-quality.test.ts (which asserts the rounded-down figures): tones above
 * 1.2 × the lower Nyquist frequency are attenuated by 94 dB (≥ 90 dB asserted; scipy's defaults give
 * 55 dB), upsampling images likewise by 94 dB, and passband gain stays within ±0.0004 dB up to
 * 0.85 × Nyquist (≤ 0.001 dB asserted; scipy: 0.05 dB). It costs twice the multiply-adds of
 * RESAMPLE_SCIPY: 3 min of 44.1 kHz stereo → 8192 Hz took 0.6–0.8 s in a float64 JavaScript loop
 * on a 2-core machine, and takes about 0.05–0.1 s in the WebAssembly SIMD kernel (resample-simd.ts).
 */
export const RESAMPLE_DEFAULT: Readonly<ResampleOptions> = Object.freeze({ zeroCrossings: 20, window: ["kaiser", 9] as const });

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** The reduced ratio: 44100 → 8192 is up 2048, down 11025. */
export function resampleRatio(fromRate: number, toRate: number): { up: number; down: number } {
  for (const [name, rate] of [["fromRate", fromRate], ["toRate", toRate]] as const) {
    if (!Number.isSafeInteger(rate) || rate <= 0) {
      throw new Error(`resample: ${name} must be a positive whole number of Hz, got ${rate}`);
    }
  }
  const g = gcd(fromRate, toRate);
  return { up: toRate / g, down: fromRate / g };
}

const planCache = new Map<string, PolyphasePlan>();
const PLAN_CACHE_SIZE = 8;

/** Builds (or reuses) the polyphase table for a ratio and options; plans are cached per parameters. */
export function resamplePlan(fromRate: number, toRate: number, options: ResampleOptions = {}): PolyphasePlan {
  const { up, down } = resampleRatio(fromRate, toRate);
  const o = { ...RESAMPLE_DEFAULT, ...options };
  const half = o.halfLength ?? Math.round(o.zeroCrossings! * Math.max(up, down));
  const beta = o.window![1];
  const cutoff = o.cutoff ?? 1;
  if (o.window![0] !== "kaiser") throw new Error(`resample: only the "kaiser" window is supported, got "${o.window![0]}"`);
  if (!Number.isSafeInteger(half) || half < 1) throw new Error(`resample: half length must be a positive whole number of taps, got ${half}`);
  if (!(cutoff > 0 && cutoff <= 1)) throw new Error(`resample: cutoff must be in (0, 1], got ${cutoff}`);
  if (!(beta >= 0)) throw new Error(`resample: Kaiser β must be ≥ 0, got ${beta}`);
  const key = `${up}/${down}/${half}/${beta}/${cutoff}`;
  let plan = planCache.get(key);
  if (!plan) {
    plan = buildPolyphasePlan(up, down, half, beta, cutoff);
    if (planCache.size >= PLAN_CACHE_SIZE) planCache.delete(planCache.keys().next().value!);
    planCache.set(key, plan);
  }
  return plan;
}

/** Output length for n input samples: ⌈n·up/down⌉, as scipy.signal.resample_poly. */
export function resampledLength(n: number, fromRate: number, toRate: number): number {
  const { up, down } = resampleRatio(fromRate, toRate);
  return Math.ceil((n * up) / down);
}

/**
 * Resamples one channel from `fromRate` to `toRate` (any positive integers) with a polyphase
 * Kaiser-windowed-sinc filter. The output has ⌈n·toRate/fromRate⌉ samples (ratio reduced by gcd),
 * output 0 is aligned with input 0 (zero phase), and the signal is taken as zero outside its ends.
 * When the rates are equal it returns a copy. The input is copied once into a zero-padded buffer;
 * for signals too long for that use `Resampler`, which gives identical output block by block.
 */
export function resample(x: Float32Array, fromRate: number, toRate: number, options?: ResampleOptions): Float32Array {
  const { up, down } = resampleRatio(fromRate, toRate);
  if (up === down) return x.slice();
  return resampleChannels([x], resamplePlan(fromRate, toRate, options))[0];
}

/**
 * One-shot resampling of equal-length channels: outputs 0 … nOut − 1 (⌈n·up/down⌉ by default; past
 * that, zeros). The WebAssembly SIMD kernel runs where it can, on pairs of channels that share its
 * table loads and straight from the channels (same floats as the JavaScript loop, ~10× faster);
 * else the JavaScript loop, a channel at a time, on zero-padded copies.
 */
function resampleChannels(channels: Float32Array[], plan: PolyphasePlan, nOut = Math.ceil((channels[0].length * plan.up) / plan.down)): Float32Array[] {
  const n = channels[0].length;
  const outs = channels.map(() => new Float32Array(nOut));
  const computed = Math.min(nOut, Math.ceil((n * plan.up) / plan.down));
  if (computed <= 0) return outs;
  let c = 0;
  for (; c < channels.length; c += 2) {
    const group = channels.slice(c, c + 2);
    if (!runPolyphaseSimd(plan, group, 0, outs.slice(c, c + 2), 0, computed)) break;
  }
  if (c >= channels.length) return outs;
  // The JavaScript loop reads zero-padded copies that stand in for the silence around the signal.
  const base = firstInputFor(plan, 0);
  const size = Math.max(lastInputFor(plan, computed - 1) + 1, n) - base;
  for (; c < channels.length; c++) {
    const buf = new Float32Array(size);
    buf.set(channels[c], -base);
    runPolyphase(plan, buf, base, outs[c], 0, computed);
  }
  return outs;
}

/**
 * Resamples every channel of a signal to `toRate`. At the same rate it returns a new signal that
 * shares the channel arrays (no copy); otherwise every channel is new.
 */
export function resampleSignal(signal: AudioSignal, toRate: number, options?: ResampleOptions): AudioSignal {
  assertSignal(signal, "resampleSignal");
  if (signal.sampleRate === toRate) return { sampleRate: toRate, channels: [...signal.channels] };
  return { sampleRate: toRate, channels: resampleChannels(signal.channels, resamplePlan(signal.sampleRate, toRate, options)) };
}

/**
 * `resampleSignal` to exactly `frames` frames: the resampled signal cut short or followed by zeros,
 * as `trimOrPad(resampleSignal(…), frames)` but without computing or copying what is cut.
 */
export function resampleToLength(signal: AudioSignal, toRate: number, frames: number, options?: ResampleOptions): AudioSignal {
  assertSignal(signal, "resampleToLength");
  if (!Number.isInteger(frames) || frames < 0) throw new Error(`resampleToLength: frame count must be a whole number ≥ 0, got ${frames}`);
  if (signal.sampleRate === toRate) return trimOrPad(signal, frames);
  return { sampleRate: toRate, channels: resampleChannels(signal.channels, resamplePlan(signal.sampleRate, toRate, options), frames) };
}
