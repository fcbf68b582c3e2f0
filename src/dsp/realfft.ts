/**
 * A real FFT specialised for one power-of-two size N, built for the STFT's inner loop.
 *
 * A real frame of N samples is transformed as one complex FFT of M = N/2 points (even samples in
 * the real part, odd samples in the imaginary part) followed by a split step that untangles the
 * two half spectra: half the work of a complex N-point FFT, and no second frame to pair it with.
 * Everything a size needs is computed once per plan (bit-reversal order, twiddles), the complex
 * data lives in float64 scratch arrays of the plan, and the STFT's windowing, the FFT's
 * permutation and the float32 spectrogram are folded into the loads and stores, so a frame is
 * read once and written once. The complex FFT is in ./fft-radix; its last pass, fused with the
 * split step or with overlap-add, is in ./fft-last-pass.
 *
 * Arithmetic is float64 throughout, as with fft.js before it. `stft`/`istft` use it only where
 * WebAssembly SIMD is missing (./stft-simd runs four frames at a time in float32 lanes elsewhere,
 * 2–5× faster); `rfft` and the tests use it everywhere. Signal and spectrogram are
 * Float32Array only, so that V8 sees one array type at every load and store (see ./fft-radix);
 * windows, scratch and tables are plain arrays of doubles (see ./doubles).
 */

import { isPowerOfTwo } from "./fft";
import { doubles } from "./doubles";
import { hasWholeLastPass, lastPassAddSwapped, lastPassSplit } from "./fft-last-pass";
import { bitReversal, firstPassFromFrame, firstPassFromPoints, radix4Passes, radix4Twiddles } from "./fft-radix";

export class RealFft {
  /** Real frame length N. */
  readonly size: number;
  /** Complex FFT length M = N/2. */
  private readonly half: number;
  private readonly rev: number[];
  private readonly twiddles: number[];
  /** cos(2πk/N) and −sin(2πk/N) for k = 0..M/2: the split step's twiddles. */
  private readonly splitCos: number[];
  private readonly splitSin: number[];
  /** The inverse's complex input in natural order; the FFT's work arrays. */
  private readonly ur: number[];
  private readonly ui: number[];
  private readonly zr: number[];
  private readonly zi: number[];

  constructor(size: number) {
    if (!isPowerOfTwo(size)) throw new Error(`real FFT size must be a power of two ≥ 2, got ${size}`);
    const m = size / 2;
    this.size = size;
    this.half = m;
    this.rev = bitReversal(m);
    this.twiddles = radix4Twiddles(m);
    const angles = Array.from({ length: m / 2 + 1 }, (_, k) => (2 * Math.PI * k) / size);
    this.splitCos = doubles(angles.map(Math.cos));
    this.splitSin = doubles(angles.map((a) => -Math.sin(a)));
    this.ur = doubles(m);
    this.ui = doubles(m);
    this.zr = doubles(m);
    this.zi = doubles(m);
  }

  /**
   * Spectrum of the frame `src[offset + n]·window[n]`, n = 0..N−1: bins 0..N/2 go to `re`/`im`
   * from index `at` on. Unscaled, like numpy.fft.rfft of the windowed frame.
   */
  forward(src: Float32Array, offset: number, window: number[], re: Float32Array, im: Float32Array, at: number): void {
    if (offset < 0 || offset + this.size > src.length) {
      throw new Error(`frame [${offset}, ${offset + this.size}) reaches outside the ${src.length} samples`);
    }
    const { half: m, zr, zi, twiddles } = this;
    firstPassFromFrame(src, offset, window, this.rev, zr, zi);
    if (hasWholeLastPass(m)) {
      radix4Passes(zr, zi, twiddles, m / 4);
      lastPassSplit(zr, zi, twiddles, twiddles.length - 6 * (m / 4), this.splitCos, this.splitSin, re, im, at);
      return;
    }
    radix4Passes(zr, zi, twiddles);
    this.split(re, im, at);
  }

  /**
   * Adds the inverse of the half spectrum in `re`/`im` (bins 0..N/2 from index `at`), times
   * `weights[n]`, to `target[to + n]` for n = 0..N−1: overlap-add's step. The inverse is
   * numpy.fft.irfft's (scaled by 1/N; the imaginary parts of the DC and Nyquist bins are ignored,
   * as a real signal has none).
   */
  inverseAdd(re: Float32Array, im: Float32Array, at: number, weights: number[], target: number[], to = 0): void {
    const { half: m, zr, zi } = this;
    this.unsplit(re, im, at);
    firstPassFromPoints(this.ur, this.ui, this.rev, zr, zi);
    // unsplit stored Z crosswise, so the forward FFT computes swap(M·ifft(Z)): the even samples
    // come out in zi, the odd ones in zr. Its factor 2 and the 1/M make the 1/N.
    const scale = 1 / this.size;
    if (hasWholeLastPass(m)) {
      radix4Passes(zr, zi, this.twiddles, m / 4);
      lastPassAddSwapped(zr, zi, this.twiddles, this.twiddles.length - 6 * (m / 4), scale, weights, target, to);
      return;
    }
    radix4Passes(zr, zi, this.twiddles);
    for (let n = 0; n < m; n++) {
      target[to + 2 * n] += zi[n] * scale * weights[2 * n];
      target[to + 2 * n + 1] += zr[n] * scale * weights[2 * n + 1];
    }
  }

  /**
   * The split step: X[k] = E[k] + W^k·O[k] and X[M−k] = conj(E[k] − W^k·O[k]), where
   * E = (Z[k] + conj Z[M−k])/2 and O = (Z[k] − conj Z[M−k])/2i are the spectra of the even and
   * odd samples, W = e^{−2πi/N}.
   */
  private split(re: Float32Array, im: Float32Array, at: number): void {
    const { half: m, zr, zi, splitCos: cs, splitSin: sn } = this;
    re[at] = zr[0] + zi[0];
    im[at] = 0;
    re[at + m] = zr[0] - zi[0];
    im[at + m] = 0;
    for (let k = 1; k < m - k; k++) {
      const ar = zr[k];
      const ai = zi[k];
      const br = zr[m - k];
      const bi = zi[m - k];
      const er = 0.5 * (ar + br);
      const ei = 0.5 * (ai - bi);
      const or = 0.5 * (ai + bi);
      const oi = 0.5 * (br - ar);
      const c = cs[k];
      const s = sn[k];
      const wr = c * or - s * oi;
      const wi = c * oi + s * or;
      re[at + k] = er + wr;
      im[at + k] = ei + wi;
      re[at + m - k] = er - wr;
      im[at + m - k] = wi - ei;
    }
    if (m >= 2) {
      // W^(N/4) = −i exactly, so X[N/4] = conj Z[M/2] (the table's cos(π/2) is 6e-17, not 0).
      re[at + m / 2] = zr[m / 2];
      im[at + m / 2] = -zi[m / 2];
    }
  }

  /**
   * The split step undone: Z[k] = E[k] + i·O[k] with E = X[k] + conj X[M−k] and
   * O = (X[k] − conj X[M−k])·conj(W^k) (twice the true values; inverseAdd scales). Stored
   * crosswise (real parts in ui, imaginary in ur): ifft(Z)·M = swap(fft(swap(Z))) with
   * swap(a + ib) = b + ia, so the forward FFT serves for the inverse.
   */
  private unsplit(re: Float32Array, im: Float32Array, at: number): void {
    const { half: m, ur, ui, splitCos: cs, splitSin: sn } = this;
    const r0 = re[at];
    const rm = re[at + m];
    ur[0] = r0 - rm;
    ui[0] = r0 + rm;
    for (let k = 1; k < m - k; k++) {
      const ar = re[at + k];
      const ai = im[at + k];
      const br = re[at + m - k];
      const bi = im[at + m - k];
      const er = ar + br;
      const ei = ai - bi;
      const dr = ar - br;
      const di = ai + bi;
      const c = cs[k];
      const s = sn[k];
      const or = dr * c + di * s;
      const oi = di * c - dr * s;
      ui[k] = er - oi;
      ur[k] = ei + or;
      ui[m - k] = er + oi;
      ur[m - k] = or - ei;
    }
    if (m >= 2) {
      ui[m / 2] = 2 * re[at + m / 2];
      ur[m / 2] = -2 * im[at + m / 2];
    }
  }
}

const plans = new Map<number, RealFft>();

/** The shared plan for one size: its tables cost more to build than a transform of that size. */
export function realFftPlan(size: number): RealFft {
  let plan = plans.get(size);
  if (!plan) {
    plan = new RealFft(size);
    plans.set(size, plan);
  }
  return plan;
}
