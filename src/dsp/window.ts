/** Window functions and the overlap condition the inverse STFT needs. */

export type WindowName = "hann" | "hamming" | "rect";
export type WindowSpec = WindowName | Float32Array;

/**
 * Periodic windows (scipy's `get_window(..., fftbins=True)`) are the default because they sum to
 * a constant under overlap-add; pass `periodic = false` for the symmetric filter-design form.
 */
export function makeWindow(name: WindowName, length: number, periodic = true): Float32Array {
  if (!Number.isInteger(length) || length < 1) throw new Error(`window length must be a positive integer, got ${length}`);
  const w = new Float32Array(length);
  const denom = periodic ? length : length - 1;
  for (let n = 0; n < length; n++) {
    const phase = denom === 0 ? 0 : (2 * Math.PI * n) / denom;
    switch (name) {
      case "hann":
        w[n] = 0.5 - 0.5 * Math.cos(phase);
        break;
      case "hamming":
        w[n] = 0.54 - 0.46 * Math.cos(phase);
        break;
      case "rect":
        w[n] = 1;
        break;
      default:
        throw new Error(`unknown window "${name as string}"; use hann, hamming, rect or pass the samples`);
    }
  }
  return w;
}

export function resolveWindow(spec: WindowSpec, length: number): Float32Array {
  if (typeof spec === "string") return makeWindow(spec, length);
  if (spec.length !== length) throw new Error(`window has ${spec.length} samples but the FFT size is ${length}`);
  return spec;
}

/**
 * Sum over frames of the squared window at each position within one hop: the denominator of the
 * least-squares ISTFT. NOLA (nonzero overlap-add) holds when its minimum is above zero; scipy
 * uses the same test (`check_NOLA`).
 */
export function windowSquareSum(window: Float32Array, hop: number): Float64Array {
  const sum = new Float64Array(hop);
  for (let n = 0; n < window.length; n++) sum[n % hop] += window[n] * window[n];
  return sum;
}

export function checkNola(window: Float32Array, hop: number, tolerance = 1e-10): boolean {
  if (!Number.isInteger(hop) || hop < 1 || hop > window.length) return false;
  return windowSquareSum(window, hop).every((v) => v > tolerance);
}
