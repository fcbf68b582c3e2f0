import FFT from "fft.js";

/**
 * Shared fft.js plans, one per power-of-two size: building the twiddle table costs more than a
 * transform of the same size, and BSS Eval calls the same sizes over and over. (The STFT has a
 * real FFT of its own, ./realfft, built for its frame loop.)
 */
const plans = new Map<number, FFT>();

export function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n > 1 && (n & (n - 1)) === 0;
}

export function nextPowerOfTwo(n: number): number {
  let p = 2;
  while (p < n) p *= 2;
  return p;
}

export function fftPlan(size: number): FFT {
  if (!isPowerOfTwo(size)) throw new Error(`FFT size must be a power of two ≥ 2, got ${size}`);
  let plan = plans.get(size);
  if (!plan) {
    plan = new FFT(size);
    plans.set(size, plan);
  }
  return plan;
}

/**
 * Real-input FFT: `input` has `size` samples; returns interleaved complex bins 0..size/2
 * (size/2 + 1 bins, i.e. `size + 2` numbers), like numpy.fft.rfft.
 */
export function rfft(input: ArrayLike<number>, size = input.length, out?: Float64Array): Float64Array {
  const plan = fftPlan(size);
  const data = new Float64Array(size);
  data.set(input.length > size ? Array.prototype.slice.call(input, 0, size) : (input as ArrayLike<number>));
  const full = new Float64Array(2 * size);
  plan.realTransform(full, data);
  const result = out ?? new Float64Array(size + 2);
  result.set(full.subarray(0, size + 2));
  return result;
}

/** Complex FFT of interleaved data (length 2·size), forward. */
export function fft(data: Float64Array): Float64Array {
  const size = data.length / 2;
  const out = new Float64Array(data.length);
  fftPlan(size).transform(out, data);
  return out;
}

/** Complex inverse FFT of interleaved data (length 2·size), scaled by 1/size like numpy.fft.ifft. */
export function ifft(data: Float64Array): Float64Array {
  const size = data.length / 2;
  const out = new Float64Array(data.length);
  fftPlan(size).inverseTransform(out, data);
  return out;
}
