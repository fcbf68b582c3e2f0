/**
 * Low-pass filter design for the polyphase resampler. It follows scipy.signal's firwin + Kaiser
 * window formulas term for term so that, with scipy's parameters, `resample` reproduces
 * `scipy.signal.resample_poly` to float precision.
 */

/** Modified Bessel function of the first kind, order 0, by its power series (converges for all x). */
export function besselI0(x: number): number {
  const q = (x * x) / 4;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < 500; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

/** Symmetric Kaiser window of length n, like scipy.signal.get_window(("kaiser", beta), n, fftbins=False). */
export function kaiserWindow(n: number, beta: number): Float64Array {
  const w = new Float64Array(n);
  if (n === 1) {
    w[0] = 1;
    return w;
  }
  const alpha = (n - 1) / 2;
  const norm = besselI0(beta);
  for (let i = 0; i < n; i++) {
    const r = (i - alpha) / alpha;
    w[i] = besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / norm;
  }
  return w;
}

/** numpy.sinc: sin(πx)/(πx), 1 at 0. */
function sinc(x: number): number {
  if (x === 0) return 1;
  const y = Math.PI * x;
  return Math.sin(y) / y;
}

/**
 * Windowed-sinc low-pass with unit DC gain, like scipy.signal.firwin(numtaps, cutoff, window=("kaiser", beta)):
 * `cutoff` is relative to the Nyquist frequency of the rate the filter runs at (0 < cutoff ≤ 1).
 */
export function firwinKaiser(numtaps: number, cutoff: number, beta: number): Float64Array {
  const alpha = (numtaps - 1) / 2;
  const w = kaiserWindow(numtaps, beta);
  const h = new Float64Array(numtaps);
  let sum = 0;
  for (let i = 0; i < numtaps; i++) {
    h[i] = cutoff * sinc(cutoff * (i - alpha)) * w[i];
    sum += h[i];
  }
  for (let i = 0; i < numtaps; i++) h[i] /= sum;
  return h;
}

/**
 * A prototype filter split into its `up` polyphase components, laid out for the inner loop.
 *
 * Output sample i of a rational resampler is y[i] = Σ_k h[half + i·down − k·up] · x[k]. With
 * n = i·down + half, kmax = ⌊n/up⌋ and phase r = n mod up, the taps that meet x[kmax − L + 1 … kmax]
 * are h[r + (L−1−j)·up] for j = 0 … L−1. Row r of `table` stores them in that (reversed) order, zero
 * where the index passes the end of h, so the inner loop walks taps and input forward together.
 * L is ⌊2·half/up⌋ + 1 rounded up to a multiple of four; the extra taps index past h's end, so they
 * are zeros (on the oldest samples).
 */
export interface PolyphasePlan {
  up: number;
  down: number;
  /** Half length of the prototype filter in taps at the upsampled rate; the filter has 2·half+1 taps. */
  half: number;
  /** Taps per phase, a multiple of four (zero taps pad the oldest end) for the SIMD kernel. */
  tapsPerPhase: number;
  /** up × tapsPerPhase coefficients, row r = phase r, already multiplied by `up`. */
  table: Float32Array;
}

export function buildPolyphasePlan(up: number, down: number, half: number, beta: number, cutoff: number): PolyphasePlan {
  const numtaps = 2 * half + 1;
  const h = firwinKaiser(numtaps, cutoff / Math.max(up, down), beta);
  const L = Math.ceil((Math.floor((2 * half) / up) + 1) / 4) * 4;
  const table = new Float32Array(up * L);
  for (let r = 0; r < up; r++) {
    for (let j = 0; j < L; j++) {
      const idx = r + (L - 1 - j) * up;
      table[r * L + j] = idx < numtaps ? h[idx] * up : 0;
    }
  }
  return { up, down, half, tapsPerPhase: L, table };
}
