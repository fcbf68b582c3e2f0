// AssemblyScript, not TypeScript: the polyphase resampler's inner loop in WebAssembly SIMD, for one
// channel or a pair. `npm run build:wasm` compiles it into src/wasm/kernels.ts; the
// JavaScript side (src/audio/resample-simd.ts) lays out the memory and explains the parameters.
//
// Float32 arithmetic in f32x4 lanes: eight partial sums per output (two vectors, so each channel has
// two add chains in flight), tap j going to sum j mod 8; a row of 8k + 4 taps puts its last four into
// sums 0–3; then v = lo + hi and (v0 + v1) + (v2 + v3). The JavaScript loop (src/audio/resample-kernel.ts)
// computes the same sums in the same order, so both give the same floats. Rows are a multiple of four
// taps (the plan pads them with zeros), so there is no scalar tail.

@inline
function finish(lo: v128, hi: v128): f32 {
  const v = f32x4.add(lo, hi);
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3));
}

/**
 * `count` outputs of one channel to out, out + 4, …: output i reads the row of taps at
 * table + phase·rowBytes and the input from x on; then x moves on by stepBytes, and by one sample
 * more each time the phase, advancing by stepFrac, wraps past `up`.
 */
export function one(table: usize, rowBytes: usize, mainBytes: usize, up: i32, stepBytes: usize, stepFrac: i32, phase: i32, x: usize, out: usize, count: i32): void {
  for (let i = 0; i < count; i++) {
    let pt = table + <usize>phase * rowBytes;
    const endMain = pt + mainBytes;
    const endRow = pt + rowBytes;
    let p = x;
    let lo = f32x4.splat(0);
    let hi = f32x4.splat(0);
    while (pt < endMain) {
      lo = f32x4.add(lo, f32x4.mul(v128.load(pt), v128.load(p)));
      hi = f32x4.add(hi, f32x4.mul(v128.load(pt, 16), v128.load(p, 16)));
      pt += 32;
      p += 32;
    }
    if (pt < endRow) lo = f32x4.add(lo, f32x4.mul(v128.load(pt), v128.load(p)));
    store<f32>(out, finish(lo, hi));
    out += 4;
    x += stepBytes;
    phase += stepFrac;
    if (phase >= up) {
      phase -= up;
      x += 4;
    }
  }
}

/** `one` for two channels at once: each row of taps is loaded once for both (rows are scattered). */
export function pair(table: usize, rowBytes: usize, mainBytes: usize, up: i32, stepBytes: usize, stepFrac: i32, phase: i32, xa: usize, xb: usize, oa: usize, ob: usize, count: i32): void {
  for (let i = 0; i < count; i++) {
    let pt = table + <usize>phase * rowBytes;
    const endMain = pt + mainBytes;
    const endRow = pt + rowBytes;
    let pa = xa;
    let pb = xb;
    let aLo = f32x4.splat(0);
    let aHi = f32x4.splat(0);
    let bLo = f32x4.splat(0);
    let bHi = f32x4.splat(0);
    while (pt < endMain) {
      const t0 = v128.load(pt);
      const t1 = v128.load(pt, 16);
      aLo = f32x4.add(aLo, f32x4.mul(t0, v128.load(pa)));
      bLo = f32x4.add(bLo, f32x4.mul(t0, v128.load(pb)));
      aHi = f32x4.add(aHi, f32x4.mul(t1, v128.load(pa, 16)));
      bHi = f32x4.add(bHi, f32x4.mul(t1, v128.load(pb, 16)));
      pt += 32;
      pa += 32;
      pb += 32;
    }
    if (pt < endRow) {
      const t0 = v128.load(pt);
      aLo = f32x4.add(aLo, f32x4.mul(t0, v128.load(pa)));
      bLo = f32x4.add(bLo, f32x4.mul(t0, v128.load(pb)));
    }
    store<f32>(oa, finish(aLo, aHi));
    store<f32>(ob, finish(bLo, bHi));
    oa += 4;
    ob += 4;
    xa += stepBytes;
    xb += stepBytes;
    phase += stepFrac;
    if (phase >= up) {
      phase -= up;
      xa += 4;
      xb += 4;
    }
  }
}
