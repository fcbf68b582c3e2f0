/**
 * The last radix-4 pass of the complex FFT (sub-transform size h = M/4, over the whole array)
 * fused with what the real FFT does next, so that the M points of its output are never stored:
 * the forward transform's split step, and the inverse's overlap-add. Frames of 16 samples or
 * fewer (M ≤ 8) have no such pass and take the plain steps.
 */

import { firstRadix } from "./fft-radix";

/** Whether the transform ends with a radix-4 pass over the whole array (h = M/4). */
export function hasWholeLastPass(m: number): boolean {
  return m >= 4 * firstRadix(m);
}

/**
 * The last radix-4 pass (h = M/4, twiddles from `t` on) of a transform whose input was stored
 * swapped (see RealFft.inverseAdd), fused with overlap-add: instead of storing output point n it
 * adds its imaginary part × scale × weights[2n] to target[to + 2n] and its real part × scale ×
 * weights[2n + 1] to target[to + 2n + 1]. Saves the ISTFT a pass over the frame.
 */
export function lastPassAddSwapped(
  zr: number[],
  zi: number[],
  tw: number[],
  t: number,
  scale: number,
  weights: number[],
  target: number[],
  to: number,
): void {
  const h = zr.length / 4;
  for (let j = 0; j < h; j++, t += 6) {
    const i1 = j + h;
    const i2 = i1 + h;
    const i3 = i2 + h;
    const c1 = tw[t];
    const s1 = tw[t + 1];
    const c2 = tw[t + 2];
    const s2 = tw[t + 3];
    const c3 = tw[t + 4];
    const s3 = tw[t + 5];
    const x0r = zr[j];
    const x0i = zi[j];
    const x2r = zr[i1];
    const x2i = zi[i1];
    const x1r = zr[i2];
    const x1i = zi[i2];
    const x3r = zr[i3];
    const x3i = zi[i3];
    const t1r = x1r * c1 - x1i * s1;
    const t1i = x1r * s1 + x1i * c1;
    const t2r = x2r * c2 - x2i * s2;
    const t2i = x2r * s2 + x2i * c2;
    const t3r = x3r * c3 - x3i * s3;
    const t3i = x3r * s3 + x3i * c3;
    const s02r = x0r + t2r;
    const s02i = x0i + t2i;
    const d02r = x0r - t2r;
    const d02i = x0i - t2i;
    const s13r = t1r + t3r;
    const s13i = t1i + t3i;
    const d13r = t1r - t3r;
    const d13i = t1i - t3i;
    // Output point n = j + q·h holds odd sample 2n + 1 in its real part, even sample 2n in its imaginary.
    let n = 2 * j;
    target[to + n] += (s02i + s13i) * scale * weights[n];
    target[to + n + 1] += (s02r + s13r) * scale * weights[n + 1];
    n = 2 * i1;
    target[to + n] += (d02i - d13r) * scale * weights[n];
    target[to + n + 1] += (d02r + d13i) * scale * weights[n + 1];
    n = 2 * i2;
    target[to + n] += (s02i - s13i) * scale * weights[n];
    target[to + n + 1] += (s02r - s13r) * scale * weights[n + 1];
    n = 2 * i3;
    target[to + n] += (d02i + d13r) * scale * weights[n];
    target[to + n + 1] += (d02r - d13i) * scale * weights[n + 1];
  }
}

/**
 * The last pass fused with the split step (RealFft.split: X[k] and X[M−k] from Z[k] and Z[M−k]).
 * Butterfly j yields Z[j + q·h] and butterfly h − j yields the partners Z[M − j − q·h], so each
 * iteration takes the two together; j = 0 and j = h/2 pair within themselves. The split twiddles
 * are cos(2πk/N) and −sin(2πk/N), k = 0..M/2; the pass's twiddles start at t0.
 */
export function lastPassSplit(
  zr: number[],
  zi: number[],
  tw: number[],
  t0: number,
  cs: number[],
  sn: number[],
  re: Float32Array,
  im: Float32Array,
  at: number,
): void {
  const m = zr.length;
  const h = m / 4;
  for (let j = 0; j <= h / 2; j++) {
    let t = t0 + 6 * j;
    let c1 = tw[t];
    let s1 = tw[t + 1];
    let c2 = tw[t + 2];
    let s2 = tw[t + 3];
    let c3 = tw[t + 4];
    let s3 = tw[t + 5];
    let x0r = zr[j];
    let x0i = zi[j];
    let x2r = zr[j + h];
    let x2i = zi[j + h];
    let x1r = zr[j + 2 * h];
    let x1i = zi[j + 2 * h];
    let x3r = zr[j + 3 * h];
    let x3i = zi[j + 3 * h];
    let t1r = x1r * c1 - x1i * s1;
    let t1i = x1r * s1 + x1i * c1;
    let t2r = x2r * c2 - x2i * s2;
    let t2i = x2r * s2 + x2i * c2;
    let t3r = x3r * c3 - x3i * s3;
    let t3i = x3r * s3 + x3i * c3;
    let s02r = x0r + t2r;
    let s02i = x0i + t2i;
    let d02r = x0r - t2r;
    let d02i = x0i - t2i;
    let s13r = t1r + t3r;
    let s13i = t1i + t3i;
    let d13r = t1r - t3r;
    let d13i = t1i - t3i;
    // Z[j + q·h] = y_q.
    const y0r = s02r + s13r;
    const y0i = s02i + s13i;
    const y1r = d02r + d13i;
    const y1i = d02i - d13r;
    const y2r = s02r - s13r;
    const y2i = s02i - s13i;
    const y3r = d02r - d13i;
    const y3i = d02i + d13r;
    if (j === 0) {
      // Z[0] gives the DC and Nyquist bins, Z[M/2] gives X[N/4] = conj Z[M/2] (W^(N/4) = −i).
      re[at] = y0r + y0i;
      im[at] = 0;
      re[at + m] = y0r - y0i;
      im[at + m] = 0;
      re[at + 2 * h] = y2r;
      im[at + 2 * h] = -y2i;
      splitPair(y1r, y1i, y3r, y3i, cs[h], sn[h], re, im, at + h, at + 3 * h);
    } else if (j === h / 2) {
      splitPair(y0r, y0i, y3r, y3i, cs[j], sn[j], re, im, at + j, at + m - j);
      splitPair(y1r, y1i, y2r, y2i, cs[j + h], sn[j + h], re, im, at + j + h, at + m - j - h);
    } else {
      // The partner butterfly k = h − j: Z[k + q·h] = u_q.
      const k = h - j;
      t = t0 + 6 * k;
      c1 = tw[t];
      s1 = tw[t + 1];
      c2 = tw[t + 2];
      s2 = tw[t + 3];
      c3 = tw[t + 4];
      s3 = tw[t + 5];
      x0r = zr[k];
      x0i = zi[k];
      x2r = zr[k + h];
      x2i = zi[k + h];
      x1r = zr[k + 2 * h];
      x1i = zi[k + 2 * h];
      x3r = zr[k + 3 * h];
      x3i = zi[k + 3 * h];
      t1r = x1r * c1 - x1i * s1;
      t1i = x1r * s1 + x1i * c1;
      t2r = x2r * c2 - x2i * s2;
      t2i = x2r * s2 + x2i * c2;
      t3r = x3r * c3 - x3i * s3;
      t3i = x3r * s3 + x3i * c3;
      s02r = x0r + t2r;
      s02i = x0i + t2i;
      d02r = x0r - t2r;
      d02i = x0i - t2i;
      s13r = t1r + t3r;
      s13i = t1i + t3i;
      d13r = t1r - t3r;
      d13i = t1i - t3i;
      const u0r = s02r + s13r;
      const u0i = s02i + s13i;
      const u1r = d02r + d13i;
      const u1i = d02i - d13r;
      const u2r = s02r - s13r;
      const u2i = s02i - s13i;
      const u3r = d02r - d13i;
      const u3i = d02i + d13r;
      splitPair(y0r, y0i, u3r, u3i, cs[j], sn[j], re, im, at + j, at + m - j);
      splitPair(y1r, y1i, u2r, u2i, cs[j + h], sn[j + h], re, im, at + j + h, at + m - j - h);
      splitPair(u1r, u1i, y2r, y2i, cs[k + h], sn[k + h], re, im, at + k + h, at + m - k - h);
      splitPair(u0r, u0i, y3r, y3i, cs[k], sn[k], re, im, at + k, at + m - k);
    }
  }
}

/** X[k] → re/im[lo] and X[M−k] → re/im[hi] from A = Z[k], B = Z[M−k] and W^k = (c, s). */
// prettier-ignore
function splitPair(
  ar: number, ai: number, br: number, bi: number, c: number, s: number,
  re: Float32Array, im: Float32Array, lo: number, hi: number,
): void {
  const er = 0.5 * (ar + br);
  const ei = 0.5 * (ai - bi);
  const or = 0.5 * (ai + bi);
  const oi = 0.5 * (br - ar);
  const wr = c * or - s * oi;
  const wi = c * oi + s * or;
  re[lo] = er + wr;
  im[lo] = ei + wi;
  re[hi] = er - wr;
  im[hi] = wi - ei;
}

