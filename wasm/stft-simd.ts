// AssemblyScript, not TypeScript: the STFT's real FFTs, four frames at a time in the four float32
// lanes of WebAssembly SIMD. `npm run build:wasm` compiles it into src/wasm/kernels.ts (the
// module's bytes), and a unit test checks that those bytes are what this source compiles to.
// The JavaScript side (src/dsp/stft-simd.ts) lays out the memory and calls `setup`, `forward` and
// `inverse`; it explains the layout.
//
// A real frame of N samples is one complex FFT of M = N/2 points (even samples real, odd samples
// imaginary) and a split step, as in src/dsp/realfft.ts. Lane f of every vector belongs to frame f
// of the four, so the FFT itself has no shuffles: every butterfly does four frames' work. Frames
// go in and out through 4×4 transposes.
//
// The complex FFT is radix-2 decimation in time on bit-reversed input, two stages fused per pass
// (a radix-2² butterfly on a, a+h, a+2h, a+3h), after one plain radix-2 stage when log2 M is odd.

let M: i32 = 0; // complex FFT size
let oddStages: bool = false;
let tw: usize = 0; // per fused pass of half-span h, per j < h: w1 = W_2h^j, w2 = W_4h^j (re, im; f32)
let split: usize = 0; // per k < M: cos(2πk/N), −sin(2πk/N) (f32)
let rev: usize = 0; // per k < M: bit-reverse(k) × 16 (i32), the byte offset of a vector
let win: usize = 0; // analysis window, N × f32
let synth: usize = 0; // synthesis weights: window[n] / M, negated for odd n (see `inverse`)
let zr: usize = 0; // M vectors: the complex FFT's real parts…
let zi: usize = 0; // …and imaginary parts
let xr: usize = 0; // M + 1 vectors: a spectrum, bins 0 … M (real parts)…
let xi: usize = 0; // …and imaginary parts

export function setup(m: i32, odd: bool, twP: usize, splitP: usize, revP: usize, winP: usize, synthP: usize, zrP: usize, ziP: usize, xrP: usize, xiP: usize): void {
  M = m;
  oddStages = odd;
  tw = twP;
  split = splitP;
  rev = revP;
  win = winP;
  synth = synthP;
  zr = zrP;
  zi = ziP;
  xr = xrP;
  xi = xiP;
}

/** The complex FFT of zr/zi in place: bit-reversed order in, natural order out. */
function passes(): void {
  const end = <usize>M << 4;
  let h: usize = 16; // half-span in bytes (one vector = 16)
  if (oddStages) {
    for (let a: usize = 0; a < end; a += 32) {
      const ar = v128.load(zr + a);
      const ai = v128.load(zi + a);
      const br = v128.load(zr + a, 16);
      const bi = v128.load(zi + a, 16);
      v128.store(zr + a, f32x4.add(ar, br));
      v128.store(zi + a, f32x4.add(ai, bi));
      v128.store(zr + a, f32x4.sub(ar, br), 16);
      v128.store(zi + a, f32x4.sub(ai, bi), 16);
    }
    h = 32;
  }
  let t = tw;
  while (h < end) {
    for (let g: usize = 0; g < end; g += h << 2) {
      let w = t;
      for (let j: usize = 0; j < h; j += 16) {
        const w1r = v128.load32_splat(w);
        const w1i = v128.load32_splat(w, 4);
        const w2r = v128.load32_splat(w, 8);
        const w2i = v128.load32_splat(w, 12);
        w += 16;
        const pr = zr + g + j;
        const pi = zi + g + j;
        const ar = v128.load(pr);
        const ai = v128.load(pi);
        const br = v128.load(pr + h);
        const bi = v128.load(pi + h);
        const cr = v128.load(pr + 2 * h);
        const ci = v128.load(pi + 2 * h);
        const dr = v128.load(pr + 3 * h);
        const di = v128.load(pi + 3 * h);
        // Stage of half-span h: (a, b) and (c, d), both with w1.
        const bwr = f32x4.sub(f32x4.mul(w1r, br), f32x4.mul(w1i, bi));
        const bwi = f32x4.add(f32x4.mul(w1r, bi), f32x4.mul(w1i, br));
        const dwr = f32x4.sub(f32x4.mul(w1r, dr), f32x4.mul(w1i, di));
        const dwi = f32x4.add(f32x4.mul(w1r, di), f32x4.mul(w1i, dr));
        const a1r = f32x4.add(ar, bwr);
        const a1i = f32x4.add(ai, bwi);
        const b1r = f32x4.sub(ar, bwr);
        const b1i = f32x4.sub(ai, bwi);
        const c1r = f32x4.add(cr, dwr);
        const c1i = f32x4.add(ci, dwi);
        const d1r = f32x4.sub(cr, dwr);
        const d1i = f32x4.sub(ci, dwi);
        // Stage of half-span 2h: (a, c) with w2, (b, d) with w2 · (−i).
        const cwr = f32x4.sub(f32x4.mul(w2r, c1r), f32x4.mul(w2i, c1i));
        const cwi = f32x4.add(f32x4.mul(w2r, c1i), f32x4.mul(w2i, c1r));
        const ewr = f32x4.sub(f32x4.mul(w2r, d1r), f32x4.mul(w2i, d1i));
        const ewi = f32x4.add(f32x4.mul(w2r, d1i), f32x4.mul(w2i, d1r));
        // (−i)(x + iy) = y − ix
        v128.store(pr, f32x4.add(a1r, cwr));
        v128.store(pi, f32x4.add(a1i, cwi));
        v128.store(pr + 2 * h, f32x4.sub(a1r, cwr));
        v128.store(pi + 2 * h, f32x4.sub(a1i, cwi));
        v128.store(pr + h, f32x4.add(b1r, ewi));
        v128.store(pi + h, f32x4.sub(b1i, ewr));
        v128.store(pr + 3 * h, f32x4.sub(b1r, ewi));
        v128.store(pi + 3 * h, f32x4.add(b1i, ewr));
      }
    }
    t += h;
    h <<= 2;
  }
}

/**
 * Spectra of `quads` × 4 frames: frame i starts at inP + i·hopBytes (float32 samples), its bins
 * 0 … M go to reP/imP + i·(M + 1)·4. Unscaled, like numpy.fft.rfft of the windowed frame.
 */
export function forward(inP: usize, hopBytes: usize, quads: i32, reP: usize, imP: usize): void {
  const rowBytes = (<usize>M + 1) << 2;
  const half = <usize>M << 4;
  const hv = f32x4.splat(0.5);
  for (let q: usize = 0; q < <usize>quads; q++) {
    const p0 = inP + q * 4 * hopBytes;
    const p1 = p0 + hopBytes;
    const p2 = p1 + hopBytes;
    const p3 = p2 + hopBytes;
    // Samples 2n … 2n+3 of each frame, windowed and transposed: z[n] = x[2n] + i·x[2n+1].
    for (let n: usize = 0; n < <usize>M; n += 2) {
      const s = n << 3;
      const w = v128.load(win + s);
      const v0 = f32x4.mul(v128.load(p0 + s), w);
      const v1 = f32x4.mul(v128.load(p1 + s), w);
      const v2 = f32x4.mul(v128.load(p2 + s), w);
      const v3 = f32x4.mul(v128.load(p3 + s), w);
      const t0 = v128.shuffle<f32>(v0, v1, 0, 4, 1, 5);
      const t1 = v128.shuffle<f32>(v0, v1, 2, 6, 3, 7);
      const t2 = v128.shuffle<f32>(v2, v3, 0, 4, 1, 5);
      const t3 = v128.shuffle<f32>(v2, v3, 2, 6, 3, 7);
      const a = <usize>load<i32>(rev + (n << 2));
      const b = <usize>load<i32>(rev + (n << 2), 4);
      v128.store(zr + a, v128.shuffle<f32>(t0, t2, 0, 1, 4, 5));
      v128.store(zi + a, v128.shuffle<f32>(t0, t2, 2, 3, 6, 7));
      v128.store(zr + b, v128.shuffle<f32>(t1, t3, 0, 1, 4, 5));
      v128.store(zi + b, v128.shuffle<f32>(t1, t3, 2, 3, 6, 7));
    }
    passes();
    // Split: X[k] = E + W^k·O, E = (Z[k] + conj Z[M−k]) / 2, O = (Z[k] − conj Z[M−k]) / 2i.
    for (let k: usize = 0; k < <usize>M; k++) {
      const m = ((<usize>M - k) & (<usize>M - 1)) << 4;
      const a = v128.load(zr + (k << 4));
      const b = v128.load(zi + (k << 4));
      const c = v128.load(zr + m);
      const d = v128.load(zi + m);
      const er = f32x4.mul(f32x4.add(a, c), hv);
      const ei = f32x4.mul(f32x4.sub(b, d), hv);
      const or = f32x4.mul(f32x4.add(b, d), hv);
      const oi = f32x4.mul(f32x4.sub(c, a), hv);
      const wr = v128.load32_splat(split + (k << 3));
      const wi = v128.load32_splat(split + (k << 3), 4);
      v128.store(xr + (k << 4), f32x4.add(er, f32x4.sub(f32x4.mul(wr, or), f32x4.mul(wi, oi))));
      v128.store(xi + (k << 4), f32x4.add(ei, f32x4.add(f32x4.mul(wr, oi), f32x4.mul(wi, or))));
    }
    // X[M] = Re Z[0] − Im Z[0], real.
    v128.store(xr + half, f32x4.sub(v128.load(zr), v128.load(zi)));
    v128.store(xi + half, f32x4.splat(0));
    // Out, transposed back to frames: bins k … k+3 of frame f are one vector.
    const o0 = reP + q * 4 * rowBytes;
    const i0 = imP + q * 4 * rowBytes;
    transposeOut(xr, o0, rowBytes);
    transposeOut(xi, i0, rowBytes);
  }
}

/** Bins 0 … M of four frames from vectors `src` (lane = frame) to rows at out + f·rowBytes. */
@inline
function transposeOut(src: usize, out: usize, rowBytes: usize): void {
  for (let k: usize = 0; k < <usize>M; k += 4) {
    const p = src + (k << 4);
    const t0 = v128.shuffle<f32>(v128.load(p), v128.load(p, 16), 0, 4, 1, 5);
    const t1 = v128.shuffle<f32>(v128.load(p), v128.load(p, 16), 2, 6, 3, 7);
    const t2 = v128.shuffle<f32>(v128.load(p, 32), v128.load(p, 48), 0, 4, 1, 5);
    const t3 = v128.shuffle<f32>(v128.load(p, 32), v128.load(p, 48), 2, 6, 3, 7);
    const o = out + (k << 2);
    v128.store(o, v128.shuffle<f32>(t0, t2, 0, 1, 4, 5));
    v128.store(o + rowBytes, v128.shuffle<f32>(t0, t2, 2, 3, 6, 7));
    v128.store(o + 2 * rowBytes, v128.shuffle<f32>(t1, t3, 0, 1, 4, 5));
    v128.store(o + 3 * rowBytes, v128.shuffle<f32>(t1, t3, 2, 3, 6, 7));
  }
  const last = v128.load(src + (<usize>M << 4));
  const o = out + (<usize>M << 2);
  store<f32>(o, f32x4.extract_lane(last, 0));
  store<f32>(o + rowBytes, f32x4.extract_lane(last, 1));
  store<f32>(o + 2 * rowBytes, f32x4.extract_lane(last, 2));
  store<f32>(o + 3 * rowBytes, f32x4.extract_lane(last, 3));
}

/**
 * Adds the inverses of `quads` × 4 spectra (rows of bins 0 … M at reP/imP + i·(M + 1)·4), each
 * times the synthesis weights, into the float32 overlap-add sums at olaP + i·hopBytes: numpy's
 * irfft (scaled by 1/N; the imaginary parts of bins 0 and M ignored) weighted by the window.
 */
export function inverse(reP: usize, imP: usize, quads: i32, olaP: usize, hopBytes: usize): void {
  const rowBytes = (<usize>M + 1) << 2;
  const half = <usize>M << 4;
  const hv = f32x4.splat(0.5);
  for (let q: usize = 0; q < <usize>quads; q++) {
    const r0 = reP + q * 4 * rowBytes;
    const m0 = imP + q * 4 * rowBytes;
    transposeIn(r0, rowBytes, xr);
    transposeIn(m0, rowBytes, xi);
    v128.store(xi, f32x4.splat(0));
    v128.store(xi + half, f32x4.splat(0));
    // Z[k] = E + i·O with E = (X[k] + conj X[M−k]) / 2 and O = (X[k] − conj X[M−k])·conj(W^k) / 2;
    // stored conjugated, at bit-reversed places, so the forward FFT computes conj(M·z).
    for (let k: usize = 0; k < <usize>M; k++) {
      const m = (<usize>M - k) << 4;
      const a = v128.load(xr + (k << 4));
      const b = v128.load(xi + (k << 4));
      const c = v128.load(xr + m);
      const d = v128.load(xi + m);
      const er = f32x4.mul(f32x4.add(a, c), hv);
      const ei = f32x4.mul(f32x4.sub(b, d), hv);
      const tr = f32x4.mul(f32x4.sub(a, c), hv);
      const ti = f32x4.mul(f32x4.add(b, d), hv);
      const cr = v128.load32_splat(split + (k << 3));
      const ci = f32x4.neg(v128.load32_splat(split + (k << 3), 4));
      const or = f32x4.sub(f32x4.mul(tr, cr), f32x4.mul(ti, ci));
      const oi = f32x4.add(f32x4.mul(tr, ci), f32x4.mul(ti, cr));
      const p = <usize>load<i32>(rev + (k << 2));
      v128.store(zr + p, f32x4.sub(er, oi));
      v128.store(zi + p, f32x4.neg(f32x4.add(ei, or)));
    }
    passes();
    // Samples 2n … 2n+3 of each frame: transposed back, weighted, added to the sums.
    const a0 = olaP + q * 4 * hopBytes;
    const a1 = a0 + hopBytes;
    const a2 = a1 + hopBytes;
    const a3 = a2 + hopBytes;
    for (let n: usize = 0; n < <usize>M; n += 2) {
      const p = n << 4;
      const t0 = v128.shuffle<f32>(v128.load(zr + p), v128.load(zi + p), 0, 4, 1, 5);
      const t1 = v128.shuffle<f32>(v128.load(zr + p), v128.load(zi + p), 2, 6, 3, 7);
      const t2 = v128.shuffle<f32>(v128.load(zr + p, 16), v128.load(zi + p, 16), 0, 4, 1, 5);
      const t3 = v128.shuffle<f32>(v128.load(zr + p, 16), v128.load(zi + p, 16), 2, 6, 3, 7);
      const s = n << 3;
      const w = v128.load(synth + s);
      v128.store(a0 + s, f32x4.add(v128.load(a0 + s), f32x4.mul(v128.shuffle<f32>(t0, t2, 0, 1, 4, 5), w)));
      v128.store(a1 + s, f32x4.add(v128.load(a1 + s), f32x4.mul(v128.shuffle<f32>(t0, t2, 2, 3, 6, 7), w)));
      v128.store(a2 + s, f32x4.add(v128.load(a2 + s), f32x4.mul(v128.shuffle<f32>(t1, t3, 0, 1, 4, 5), w)));
      v128.store(a3 + s, f32x4.add(v128.load(a3 + s), f32x4.mul(v128.shuffle<f32>(t1, t3, 2, 3, 6, 7), w)));
    }
  }
}

/** Rows of bins 0 … M of four frames (at src + f·rowBytes) to vectors at dst (lane = frame). */
@inline
function transposeIn(src: usize, rowBytes: usize, dst: usize): void {
  for (let k: usize = 0; k < <usize>M; k += 4) {
    const s = src + (k << 2);
    const v0 = v128.load(s);
    const v1 = v128.load(s + rowBytes);
    const v2 = v128.load(s + 2 * rowBytes);
    const v3 = v128.load(s + 3 * rowBytes);
    const t0 = v128.shuffle<f32>(v0, v1, 0, 4, 1, 5);
    const t1 = v128.shuffle<f32>(v0, v1, 2, 6, 3, 7);
    const t2 = v128.shuffle<f32>(v2, v3, 0, 4, 1, 5);
    const t3 = v128.shuffle<f32>(v2, v3, 2, 6, 3, 7);
    const d = dst + (k << 4);
    v128.store(d, v128.shuffle<f32>(t0, t2, 0, 1, 4, 5));
    v128.store(d, v128.shuffle<f32>(t0, t2, 2, 3, 6, 7), 16);
    v128.store(d, v128.shuffle<f32>(t1, t3, 0, 1, 4, 5), 32);
    v128.store(d, v128.shuffle<f32>(t1, t3, 2, 3, 6, 7), 48);
  }
  const s = src + (<usize>M << 2);
  const v = f32x4.replace_lane(f32x4.replace_lane(f32x4.splat(load<f32>(s)), 1, load<f32>(s + rowBytes)), 2, load<f32>(s + 2 * rowBytes));
  v128.store(dst + (<usize>M << 4), f32x4.replace_lane(v, 3, load<f32>(s + 3 * rowBytes)));
}
