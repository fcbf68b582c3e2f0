import { isPowerOfTwo } from "./fft";
import { doubles } from "./doubles";
import { realFftPlan } from "./realfft";
import { checkNola, resolveWindow, type WindowSpec } from "./window";
import { NORM_FLOOR, OverlapNorm } from "./overlap-norm";
import { istftSimd, stftSimd } from "./stft-simd";

/**
 * STFT settings. `center` pads nfft/2 zeros on both sides (scipy's `boundary='zeros'`, librosa's
 * `center=True`) so that frame t is centred on sample t·hop and every sample, the first included,
 * is covered by a non-zero part of the window: without it a periodic Hann window (w[0] = 0) leaves
 * sample 0 unrecoverable. The end is always zero-padded to complete the last frame.
 */
export interface StftConfig {
  nfft: number;
  hop: number;
  window: WindowSpec;
  center: boolean;
}

/** The paper's settings (at the model rate of 8192 Hz): periodic Hann 1024, hop 768. */
export const STFT_PAPER: StftConfig = { nfft: 1024, hop: 768, window: "hann", center: true };

/** The paper's model sample rate: mono audio at 8192 Hz, so 513 bins span 0–4096 Hz. */
export const MODEL_SAMPLE_RATE = 8192;

/**
 * A one-sided complex spectrogram, frame-major: bin k of frame t is at index t·bins + k.
 * `length` is the number of samples of the signal it came from, so the ISTFT can trim exactly.
 * Values are unscaled sums (numpy.fft.rfft of the windowed frame); scipy's `stft` divides by sum(window).
 */
export interface Spectrogram {
  frames: number;
  bins: number;
  re: Float32Array;
  im: Float32Array;
  length: number;
  config: StftConfig;
}

export function frameCountFor(length: number, config: StftConfig): number {
  const padded = length + (config.center ? config.nfft : 0);
  return padded <= config.nfft ? 1 : 1 + Math.ceil((padded - config.nfft) / config.hop);
}

function validate(config: StftConfig): Float32Array {
  const { nfft, hop } = config;
  if (!isPowerOfTwo(nfft)) throw new Error(`STFT size must be a power of two (the FFT is radix-2/4), got ${nfft}`);
  const window = resolveWindow(config.window, nfft);
  if (!checkNola(window, hop)) {
    throw new Error(
      `STFT hop ${hop} with this ${nfft}-sample window violates NOLA (some samples get no window ` +
        `weight), so the signal could not be reconstructed; use a smaller hop`,
    );
  }
  return window;
}

/**
 * The one-sided STFT of a signal. It runs on the WebAssembly SIMD kernel (./stft-simd: four frames
 * at a time in float32, as scipy computes for float32 input) where that is present, and on the
 * float64 JavaScript FFT below elsewhere; both match scipy.signal.stft within the fixtures' bounds.
 */
export function stft(signal: Float32Array, config: StftConfig = STFT_PAPER): Spectrogram {
  const window = validate(config);
  if (signal.length === 0) throw new Error("cannot take the STFT of an empty signal");
  const { nfft, hop } = config;
  const pad = config.center ? nfft / 2 : 0;
  const frames = frameCountFor(signal.length, config);
  const fast = stftSimd(signal, config, window, frames);
  if (fast) return fast;
  const bins = nfft / 2 + 1;
  const re = new Float32Array(frames * bins);
  const im = new Float32Array(frames * bins);
  const plan = realFftPlan(nfft);
  const w = doubles(window);
  // Frames that reach past either end of the signal are copied, zero-padded, into `edge`; the
  // others are read in place.
  const edge = new Float32Array(nfft);
  for (let t = 0; t < frames; t++) {
    const start = t * hop - pad;
    if (start >= 0 && start + nfft <= signal.length) {
      plan.forward(signal, start, w, re, im, t * bins);
    } else {
      edge.fill(0);
      const lo = Math.max(0, -start);
      const hi = Math.min(nfft, signal.length - start);
      if (hi > lo) edge.set(signal.subarray(start + lo, start + hi), lo);
      plan.forward(edge, 0, w, re, im, t * bins);
    }
  }
  return { frames, bins, re, im, length: signal.length, config };
}

/**
 * Least-squares inverse STFT (Griffin & Lim 1984): overlap-add of windowed inverse frames divided
 * by the summed squared window, so istft(stft(x)) = x to float precision for any NOLA window/hop,
 * and a modified spectrogram gets the signal whose STFT is closest to it.
 *
 * Like `stft`, it runs on the SIMD kernel where it can (overlap-add in float32 there, a batch of
 * frames at a time). In the JavaScript fallback below the overlap-add runs in a buffer a few frames
 * long: after frame t is added, its first hop is final (no later frame reaches back that far), is
 * written out and cleared for reuse; when the buffer runs out, the partial sums still open move to
 * its start. Signal-length float64 sums would cost more in fresh memory (page faults on 24 MB for 3
 * minutes) than the arithmetic.
 */
export function istft(spec: Spectrogram, length = spec.length): Float32Array {
  const { config, frames, bins } = spec;
  const window = validate(config);
  const { nfft, hop } = config;
  if (bins !== nfft / 2 + 1) throw new Error(`spectrogram has ${bins} bins, expected ${nfft / 2 + 1} for nfft ${nfft}`);
  const fast = istftSimd(spec, length, window);
  if (fast) return fast;
  const pad = config.center ? nfft / 2 : 0;
  const plan = realFftPlan(nfft);
  const result = new Float32Array(length);
  // Long enough that the open sums never overlap where they move to.
  const ola = doubles(2 * nfft + OLA_FRAMES * hop);
  const w = doubles(window);
  const norm = new OverlapNorm(window, hop, frames);
  let base = 0; // padded position of ola[0]
  for (let t = 0; t < frames; t++) {
    const from = t * hop;
    let o = from - base;
    if (o + nfft > ola.length) {
      moveToStart(ola, o, nfft - hop);
      base = from;
      o = 0;
    }
    plan.inverseAdd(spec.re, spec.im, t * bins, w, ola, o);
    const count = t === frames - 1 ? nfft : hop;
    const out = from - pad;
    if (norm.isPeriodic(from, count) && out >= 0 && out + count <= length) {
      // The common case, inside the signal and away from its ends: position from + n ≡ n (mod hop).
      emitScaled(ola, o, norm.periodicInverse, count, result, out);
    } else {
      for (let n = 0; n < count; n++) {
        const i = out + n;
        const d = norm.at(from + n);
        if (i >= 0 && i < length) result[i] = d > NORM_FLOOR ? ola[o + n] / d : 0;
        ola[o + n] = 0;
      }
    }
  }
  return result;
}

/** Hops the overlap-add buffer advances by between moves of its open sums. */
const OLA_FRAMES = 8;

// The per-frame loops of istft live in functions of their own: called once a frame, V8 optimizes
// them during the first call of istft instead of after several (istft's own loop runs once a call).

/** Moves the `count` open sums at ola[from…] to the start of the buffer, leaving zeros behind. */
function moveToStart(ola: number[], from: number, count: number): void {
  for (let n = 0; n < count; n++) {
    ola[n] = ola[from + n];
    ola[from + n] = 0;
  }
}

/** result[out + n] = ola[o + n] × scale[n] for n < count, clearing ola for reuse. */
function emitScaled(ola: number[], o: number, scale: number[], count: number, result: Float32Array, out: number): void {
  for (let n = 0; n < count; n++) {
    result[out + n] = ola[o + n] * scale[n];
    ola[o + n] = 0;
  }
}
