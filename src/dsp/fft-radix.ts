/**
 * The passes of an in-place decimation-in-time complex FFT of M = 2^b points, for RealFft, on
 * split real and imaginary arrays of doubles (plain arrays, not Float64Array: see ./doubles). The
 * first pass reads its input in bit-reversed order straight from where it lies (a windowed signal
 * frame, or natural-order scratch arrays) and does twiddle-free 8-point DFTs (b odd) or 4-point
 * DFTs (b even); radix-4 passes with precomputed twiddles follow. Reading the frame in the first
 * pass spares the STFT a copy; the last pass is fused with its neighbour in ./fft-last-pass.
 *
 * The first pass exists twice, once per kind of source, because V8 compiles a function that sees
 * both a Float32Array and a plain array as sources into slower polymorphic loads (measured: the
 * ISTFT lost more than the STFT gained). The radix-4 butterfly is written out in its loop: as a
 * function V8 did not inline it, and the calls cost a third of a pass (the first pass's DFTs are
 * inlined). Loads and stores, not arithmetic, set the pace, hence one pass fewer per frame
 * wherever a pass could be folded into its neighbour.
 */

import { doubles } from "./doubles";

/**
 * Points of the twiddle-free first pass for M = 2^b points: 8 when b is odd, 4 when even (M itself
 * below that), so that radix-4 passes finish the transform.
 */
export function firstRadix(m: number): number {
  const bits = Math.round(Math.log2(m));
  return Math.min(m, bits % 2 === 1 ? 8 : 4);
}

/** For each radix-4 pass after the first, and each j < h: cos, sin of W^j, W^2j, W^3j, W = e^{−2πi/4h}. */
export function radix4Twiddles(m: number): number[] {
  const twiddles: number[] = [];
  for (let h = firstRadix(m); h < m; h *= 4) {
    for (let j = 0; j < h; j++) {
      for (let p = 1; p <= 3; p++) {
        const a = (-2 * Math.PI * p * j) / (4 * h);
        twiddles.push(Math.cos(a), Math.sin(a));
      }
    }
  }
  return doubles(twiddles);
}

/** rev[i] = i with its log2(m) bits reversed. */
export function bitReversal(m: number): number[] {
  const bits = Math.round(Math.log2(m));
  const rev: number[] = [];
  for (let i = 0; i < m; i++) {
    let r = 0;
    for (let b = 0, v = i; b < bits; b++, v >>= 1) r = (r << 1) | (v & 1);
    rev.push(r);
  }
  return rev;
}

const SQRT1_2 = Math.SQRT1_2;

/**
 * First pass over the M complex points src[offset + 2n]·window[2n] + i·src[offset + 2n + 1]·window[2n + 1]
 * (a real frame of 2M samples, even samples as real parts, odd as imaginary) into zr/zi.
 */
export function firstPassFromFrame(
  src: Float32Array,
  offset: number,
  window: number[],
  rev: number[],
  zr: number[],
  zi: number[],
): void {
  const m = zr.length;
  const radix = firstRadix(m);
  const s = m / radix;
  // Point p of group g is element rev[radix·g] + p·s, i.e. samples 2(r + p·s) and 2(r + p·s) + 1.
  const s2 = 2 * s;
  if (radix === 8) {
    for (let g = 0, o = 0; g < s; g++, o += 8) {
      const w0 = 2 * rev[o];
      const w1 = w0 + s2;
      const w2 = w1 + s2;
      const w3 = w2 + s2;
      const w4 = w3 + s2;
      const w5 = w4 + s2;
      const w6 = w5 + s2;
      const w7 = w6 + s2;
      const x = offset;
      dft8(
        src[x + w0] * window[w0], src[x + w0 + 1] * window[w0 + 1],
        src[x + w1] * window[w1], src[x + w1 + 1] * window[w1 + 1],
        src[x + w2] * window[w2], src[x + w2 + 1] * window[w2 + 1],
        src[x + w3] * window[w3], src[x + w3 + 1] * window[w3 + 1],
        src[x + w4] * window[w4], src[x + w4 + 1] * window[w4 + 1],
        src[x + w5] * window[w5], src[x + w5 + 1] * window[w5 + 1],
        src[x + w6] * window[w6], src[x + w6 + 1] * window[w6 + 1],
        src[x + w7] * window[w7], src[x + w7 + 1] * window[w7 + 1],
        zr, zi, o,
      );
    }
  } else {
    for (let g = 0, o = 0; g < s; g++, o += radix) {
      const w0 = 2 * rev[o];
      const w1 = w0 + s2;
      const w2 = w1 + s2;
      const w3 = w2 + s2;
      const x = offset;
      if (radix === 4) {
        dft4(
          src[x + w0] * window[w0], src[x + w0 + 1] * window[w0 + 1],
          src[x + w1] * window[w1], src[x + w1 + 1] * window[w1 + 1],
          src[x + w2] * window[w2], src[x + w2 + 1] * window[w2 + 1],
          src[x + w3] * window[w3], src[x + w3 + 1] * window[w3 + 1],
          zr, zi, o,
        );
      } else if (radix === 2) {
        dft2(src[x + w0] * window[w0], src[x + w0 + 1] * window[w0 + 1], src[x + w1] * window[w1], src[x + w1 + 1] * window[w1 + 1], zr, zi, o);
      } else {
        zr[o] = src[x + w0] * window[w0];
        zi[o] = src[x + w0 + 1] * window[w0 + 1];
      }
    }
  }
}

/** First pass over the M complex points ur[n] + i·ui[n] into zr/zi. */
export function firstPassFromPoints(ur: number[], ui: number[], rev: number[], zr: number[], zi: number[]): void {
  const m = zr.length;
  const radix = firstRadix(m);
  const s = m / radix;
  if (radix === 8) {
    for (let g = 0, o = 0; g < s; g++, o += 8) {
      const p0 = rev[o];
      const p1 = p0 + s;
      const p2 = p1 + s;
      const p3 = p2 + s;
      const p4 = p3 + s;
      const p5 = p4 + s;
      const p6 = p5 + s;
      const p7 = p6 + s;
      dft8(
        ur[p0], ui[p0], ur[p1], ui[p1], ur[p2], ui[p2], ur[p3], ui[p3],
        ur[p4], ui[p4], ur[p5], ui[p5], ur[p6], ui[p6], ur[p7], ui[p7],
        zr, zi, o,
      );
    }
  } else {
    for (let g = 0, o = 0; g < s; g++, o += radix) {
      const p0 = rev[o];
      const p1 = p0 + s;
      const p2 = p1 + s;
      const p3 = p2 + s;
      if (radix === 4) dft4(ur[p0], ui[p0], ur[p1], ui[p1], ur[p2], ui[p2], ur[p3], ui[p3], zr, zi, o);
      else if (radix === 2) dft2(ur[p0], ui[p0], ur[p1], ui[p1], zr, zi, o);
      else {
        zr[o] = ur[p0];
        zi[o] = ui[p0];
      }
    }
  }
}

/**
 * The radix-4 passes that follow the first pass, in place on zr/zi. Elements i, i+h, i+2h, i+3h
 * hold the sub-transforms of the points ≡ 0, 2, 1, 3 (mod 4) (bit-reversed order); the twiddles
 * W^j, W^2j, W^3j go on sub-transforms 1, 2, 3. Passes run while the sub-transform size h is
 * below `until`. (Radix-8 passes, 2 instead of 3 for 512 points, measured 5 % slower: they need
 * more registers than x64 has.)
 */
export function radix4Passes(zr: number[], zi: number[], tw: number[], until = zr.length): void {
  const m = zr.length;
  let t = 0;
  for (let h = firstRadix(m); h < until; h *= 4) {
    const block = 4 * h;
    for (let j = 0; j < h; j++, t += 6) {
      const c1 = tw[t];
      const s1 = tw[t + 1];
      const c2 = tw[t + 2];
      const s2 = tw[t + 3];
      const c3 = tw[t + 4];
      const s3 = tw[t + 5];
      for (let i0 = j; i0 < m; i0 += block) {
        const i1 = i0 + h;
        const i2 = i1 + h;
        const i3 = i2 + h;
        const x0r = zr[i0];
        const x0i = zi[i0];
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
        zr[i0] = s02r + s13r;
        zi[i0] = s02i + s13i;
        zr[i1] = d02r + d13i;
        zi[i1] = d02i - d13r;
        zr[i2] = s02r - s13r;
        zi[i2] = s02i - s13i;
        zr[i3] = d02r - d13i;
        zi[i3] = d02i + d13r;
      }
    }
  }
}

/** 8-point DFT of a0..a7 (natural order) into z[o..o+7]: radix-2 on (p, p+4), W8^p, two 4-point DFTs. */
// prettier-ignore
function dft8(
  a0r: number, a0i: number, a1r: number, a1i: number, a2r: number, a2i: number, a3r: number, a3i: number,
  a4r: number, a4i: number, a5r: number, a5i: number, a6r: number, a6i: number, a7r: number, a7i: number,
  zr: number[], zi: number[], o: number,
): void {
  const e1r = a1r - a5r;
  const e1i = a1i - a5i;
  const e3r = a3r - a7r;
  const e3i = a3i - a7i;
  // Even outputs: DFT4 of the sums; odd outputs: DFT4 of the differences times 1, W8, −i, W8³.
  dft4Strided(a0r + a4r, a0i + a4i, a1r + a5r, a1i + a5i, a2r + a6r, a2i + a6i, a3r + a7r, a3i + a7i, zr, zi, o);
  dft4Strided(
    a0r - a4r, a0i - a4i,
    SQRT1_2 * (e1r + e1i), SQRT1_2 * (e1i - e1r),
    a2i - a6i, a6r - a2r,
    SQRT1_2 * (e3i - e3r), -SQRT1_2 * (e3r + e3i),
    zr, zi, o + 1,
  );
}

/** 4-point DFT into z[o], z[o+2], z[o+4], z[o+6]. */
// prettier-ignore
function dft4Strided(
  a0r: number, a0i: number, a1r: number, a1i: number, a2r: number, a2i: number, a3r: number, a3i: number,
  zr: number[], zi: number[], o: number,
): void {
  const s02r = a0r + a2r;
  const s02i = a0i + a2i;
  const d02r = a0r - a2r;
  const d02i = a0i - a2i;
  const s13r = a1r + a3r;
  const s13i = a1i + a3i;
  const d13r = a1r - a3r;
  const d13i = a1i - a3i;
  zr[o] = s02r + s13r;
  zi[o] = s02i + s13i;
  zr[o + 2] = d02r + d13i;
  zi[o + 2] = d02i - d13r;
  zr[o + 4] = s02r - s13r;
  zi[o + 4] = s02i - s13i;
  zr[o + 6] = d02r - d13i;
  zi[o + 6] = d02i + d13r;
}

/** 4-point DFT into z[o..o+3]. */
// prettier-ignore
function dft4(
  a0r: number, a0i: number, a1r: number, a1i: number, a2r: number, a2i: number, a3r: number, a3i: number,
  zr: number[], zi: number[], o: number,
): void {
  const s02r = a0r + a2r;
  const s02i = a0i + a2i;
  const d02r = a0r - a2r;
  const d02i = a0i - a2i;
  const s13r = a1r + a3r;
  const s13i = a1i + a3i;
  const d13r = a1r - a3r;
  const d13i = a1i - a3i;
  zr[o] = s02r + s13r;
  zi[o] = s02i + s13i;
  zr[o + 1] = d02r + d13i;
  zi[o + 1] = d02i - d13r;
  zr[o + 2] = s02r - s13r;
  zi[o + 2] = s02i - s13i;
  zr[o + 3] = d02r - d13i;
  zi[o + 3] = d02i + d13r;
}

function dft2(a0r: number, a0i: number, a1r: number, a1i: number, zr: number[], zi: number[], o: number): void {
  zr[o] = a0r + a1r;
  zi[o] = a0i + a1i;
  zr[o + 1] = a0r - a1r;
  zi[o + 1] = a0i - a1i;
}
