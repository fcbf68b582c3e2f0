import { fftPlan, nextPowerOfTwo } from "../dsp/fft";

/**
 * Block ("overlap-save") transforms shared by the correlation and projection steps.
 *
 * BSS Eval needs only 2·L−1 lags of each correlation (L = filter length, 512) and convolutions
 * with L-tap filters, yet the reference implementations use one FFT the size of the whole signal
 * (2²¹ points for 30 s at 44.1 kHz). Cutting a slice into blocks of S new samples, each with L−1
 * samples of context on both sides, gives the same sums exactly (no circular wrap-around) with
 * small cache-resident FFTs, and lets every step stream through the signal block by block
 * instead of holding full-length spectra in memory.
 *
 * Block b covers slice samples [b·S − halo, b·S + S + halo) where halo = L − 1 and
 * S = fftSize − 2·halo. Lags run over [−halo, halo], so a correlation has 2·halo + 1 values and a
 * convolution output has length + halo samples (the "full" convolution truncated as in BSS Eval).
 */
export interface BlockLayout {
  fftSize: number;
  halo: number;
  /** New samples per block. */
  step: number;
  /** Number of blocks that cover the convolution output [0, length + halo). */
  count: number;
  length: number;
}

export function blockLayout(length: number, filtersLength: number): BlockLayout {
  const halo = filtersLength - 1;
  // 16·halo keeps the wasted context under ~13% while the FFT stays small enough for L2.
  let fftSize = nextPowerOfTwo(Math.max(16 * halo, 1024));
  fftSize = Math.min(fftSize, nextPowerOfTwo(length + 3 * halo + 1));
  while (fftSize - 2 * halo < 1) fftSize *= 2;
  const step = fftSize - 2 * halo;
  return { fftSize, halo, step, count: Math.ceil((length + halo) / step), length };
}

/** Reusable scratch buffers for one FFT size. Spectra are half spectra: bins 0..N/2 interleaved. */
export class BlockTransformer {
  readonly size: number;
  readonly spectrumLength: number;
  private readonly plan;
  private readonly real: Float64Array;
  private readonly complexIn: Float64Array;
  private readonly complexOut: Float64Array;

  constructor(size: number) {
    this.size = size;
    this.spectrumLength = size + 2;
    this.plan = fftPlan(size);
    this.real = new Float64Array(size);
    this.complexIn = new Float64Array(2 * size);
    this.complexOut = new Float64Array(2 * size);
  }

  /**
   * Half spectrum of `signal[from, to)` (samples outside [0, signal.length) of the slice counted
   * as zero by the caller's bounds), placed at position `at` of an otherwise zero block.
   */
  forward(signal: Float64Array, from: number, to: number, at: number, out: Float64Array): Float64Array {
    const x = this.real;
    x.fill(0);
    if (to > from) x.set(signal.subarray(from, to), at);
    this.plan.realTransform(this.complexOut, x);
    out.set(this.complexOut.subarray(0, this.spectrumLength));
    return out;
  }

  /** Half spectrum of a short real sequence (a filter) zero-padded to the block size. */
  forwardPadded(values: Float64Array, out: Float64Array): Float64Array {
    return this.forward(values, 0, values.length, 0, out);
  }

  /**
   * Inverse transforms of two real signals from their half spectra with one complex FFT:
   * ifft(P + iQ) = p + i·q when p and q are real.
   */
  inversePair(p: Float64Array, q: Float64Array | null, outP: Float64Array, outQ: Float64Array | null): void {
    const n = this.size;
    const z = this.complexIn;
    const half = n / 2;
    for (let k = 0; k <= half; k++) {
      const pr = p[2 * k];
      const pi = p[2 * k + 1];
      const qr = q ? q[2 * k] : 0;
      const qi = q ? q[2 * k + 1] : 0;
      z[2 * k] = pr - qi;
      z[2 * k + 1] = pi + qr;
      if (k > 0 && k < half) {
        // Bin n−k holds conj(P[k]) + i·conj(Q[k]).
        const m = n - k;
        z[2 * m] = pr + qi;
        z[2 * m + 1] = qr - pi;
      }
    }
    this.plan.inverseTransform(this.complexOut, z);
    const w = this.complexOut;
    for (let t = 0; t < n; t++) outP[t] = w[2 * t];
    if (outQ) for (let t = 0; t < n; t++) outQ[t] = w[2 * t + 1];
  }
}

/**
 * Spectrum of block b of a slice with `halo` samples of context before and after
 * (the "halo" view: used as the reference side of correlations and as convolution input).
 */
export function haloBlock(
  t: BlockTransformer,
  layout: BlockLayout,
  signal: Float64Array,
  sliceStart: number,
  b: number,
  out: Float64Array,
): Float64Array {
  const first = b * layout.step - layout.halo; // slice coordinates
  const from = Math.max(first, 0);
  const to = Math.min(first + layout.fftSize, layout.length);
  return t.forward(signal, sliceStart + from, sliceStart + Math.max(to, from), from - first, out);
}

/** Spectrum of the S new samples of block b alone, zero-padded (the other side of a correlation). */
export function plainBlock(
  t: BlockTransformer,
  layout: BlockLayout,
  signal: Float64Array,
  sliceStart: number,
  b: number,
  out: Float64Array,
): Float64Array {
  const from = b * layout.step;
  const to = Math.min(from + layout.step, layout.length);
  return t.forward(signal, sliceStart + from, sliceStart + Math.max(to, from), 0, out);
}

/** acc += x · conj(y), on half spectra. */
export function accumulateCrossSpectrum(acc: Float64Array, x: Float64Array, y: Float64Array): void {
  for (let k = 0; k < acc.length; k += 2) {
    const xr = x[k], xi = x[k + 1], yr = y[k], yi = y[k + 1];
    acc[k] += xr * yr + xi * yi;
    acc[k + 1] += xi * yr - xr * yi;
  }
}

/** acc += x · h, on half spectra. */
export function accumulateProduct(acc: Float64Array, x: Float64Array, h: Float64Array): void {
  for (let k = 0; k < acc.length; k += 2) {
    const xr = x[k], xi = x[k + 1], hr = h[k], hi = h[k + 1];
    acc[k] += xr * hr - xi * hi;
    acc[k + 1] += xr * hi + xi * hr;
  }
}
