import { fftPlan, isPowerOfTwo } from "./fft";
import { checkNola, resolveWindow, type WindowSpec } from "./window";

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
  if (!isPowerOfTwo(nfft)) throw new Error(`STFT size must be a power of two (fft.js), got ${nfft}`);
  const window = resolveWindow(config.window, nfft);
  if (!checkNola(window, hop)) {
    throw new Error(
      `STFT hop ${hop} with this ${nfft}-sample window violates NOLA (some samples get no window ` +
        `weight), so the signal could not be reconstructed; use a smaller hop`,
    );
  }
  return window;
}

export function stft(signal: Float32Array, config: StftConfig = STFT_PAPER): Spectrogram {
  const window = validate(config);
  if (signal.length === 0) throw new Error("cannot take the STFT of an empty signal");
  const { nfft, hop } = config;
  const pad = config.center ? nfft / 2 : 0;
  const frames = frameCountFor(signal.length, config);
  const bins = nfft / 2 + 1;
  const re = new Float32Array(frames * bins);
  const im = new Float32Array(frames * bins);
  const plan = fftPlan(nfft);
  const frame = new Float64Array(nfft);
  const out = new Float64Array(2 * nfft);
  for (let t = 0; t < frames; t++) {
    const start = t * hop - pad;
    const lo = Math.max(0, -start);
    const hi = Math.min(nfft, signal.length - start);
    frame.fill(0);
    for (let n = lo; n < hi; n++) frame[n] = signal[start + n] * window[n];
    plan.realTransform(out, frame);
    const base = t * bins;
    for (let k = 0; k < bins; k++) {
      re[base + k] = out[2 * k];
      im[base + k] = out[2 * k + 1];
    }
  }
  return { frames, bins, re, im, length: signal.length, config };
}

/**
 * Least-squares inverse STFT (Griffin & Lim 1984): overlap-add of windowed inverse frames divided
 * by the summed squared window, so istft(stft(x)) = x to float precision for any NOLA window/hop,
 * and a modified spectrogram gets the signal whose STFT is closest to it. Two real frames share
 * one complex inverse FFT (one in the real part, one in the imaginary part).
 */
export function istft(spec: Spectrogram, length = spec.length): Float32Array {
  const { config, frames, bins } = spec;
  const window = validate(config);
  const { nfft, hop } = config;
  if (bins !== nfft / 2 + 1) throw new Error(`spectrogram has ${bins} bins, expected ${nfft / 2 + 1} for nfft ${nfft}`);
  const pad = config.center ? nfft / 2 : 0;
  const total = (frames - 1) * hop + nfft;
  const acc = new Float64Array(total);
  const norm = new Float64Array(total);
  const plan = fftPlan(nfft);
  const packed = new Float64Array(2 * nfft);
  const out = new Float64Array(2 * nfft);
  const half = nfft / 2;
  for (let t = 0; t < frames; t += 2) {
    const a = t * bins;
    const hasB = t + 1 < frames;
    const b = (t + 1) * bins;
    for (let k = 0; k <= half; k++) {
      // DC and Nyquist carry no imaginary part in a real signal's spectrum (numpy's irfft drops it).
      const edge = k === 0 || k === half;
      const ar = spec.re[a + k];
      const ai = edge ? 0 : spec.im[a + k];
      const br = hasB ? spec.re[b + k] : 0;
      const bi = hasB && !edge ? spec.im[b + k] : 0;
      packed[2 * k] = ar - bi;
      packed[2 * k + 1] = ai + br;
      if (!edge) {
        const m = nfft - k;
        packed[2 * m] = ar + bi;
        packed[2 * m + 1] = -ai + br;
      }
    }
    plan.inverseTransform(out, packed);
    const sa = t * hop;
    for (let n = 0; n < nfft; n++) {
      const w = window[n];
      acc[sa + n] += out[2 * n] * w;
      norm[sa + n] += w * w;
    }
    if (hasB) {
      const sb = sa + hop;
      for (let n = 0; n < nfft; n++) {
        const w = window[n];
        acc[sb + n] += out[2 * n + 1] * w;
        norm[sb + n] += w * w;
      }
    }
  }
  const result = new Float32Array(length);
  const available = Math.min(length, total - pad);
  for (let i = 0; i < available; i++) {
    const d = norm[i + pad];
    result[i] = d > 1e-10 ? acc[i + pad] / d : 0;
  }
  return result;
}
