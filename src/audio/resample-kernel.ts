import type { PolyphasePlan } from "./resample-filter";

/** Index of the newest input sample that output `i` depends on: ⌊(i·down + half) / up⌋. */
export function lastInputFor(plan: PolyphasePlan, i: number): number {
  return Math.floor((i * plan.down + plan.half) / plan.up);
}

/** Index of the oldest input sample that output `i` reads (its tap may be zero). */
export function firstInputFor(plan: PolyphasePlan, i: number): number {
  return lastInputFor(plan, i) - plan.tapsPerPhase + 1;
}

const f = Math.fround;

/**
 * One output: Σ table[t + j] · buf[s + j] over the row, in float32 arithmetic and in the WebAssembly
 * SIMD kernel's order (resample-simd.ts), so both give the same float: eight partial sums, tap j going
 * to sum j mod 8; a row of 8k + 4 taps puts its last four into sums 0–3; sums k and k + 4 are added,
 * then (v0 + v1) + (v2 + v3). Taps past a multiple of four (only rows the kernel never sees) go to
 * sum 0. `Math.fround` after each product and each sum is float32 arithmetic exactly: a product of
 * two floats is exact in float64, and a float64 sum of two floats rounds to the float32 sum.
 */
function dot(table: Float32Array, t: number, buf: Float32Array, s: number, L: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0; // prettier-ignore
  let j = 0;
  for (; j + 7 < L; j += 8) {
    s0 = f(s0 + f(table[t + j] * buf[s + j]));
    s1 = f(s1 + f(table[t + j + 1] * buf[s + j + 1]));
    s2 = f(s2 + f(table[t + j + 2] * buf[s + j + 2]));
    s3 = f(s3 + f(table[t + j + 3] * buf[s + j + 3]));
    s4 = f(s4 + f(table[t + j + 4] * buf[s + j + 4]));
    s5 = f(s5 + f(table[t + j + 5] * buf[s + j + 5]));
    s6 = f(s6 + f(table[t + j + 6] * buf[s + j + 6]));
    s7 = f(s7 + f(table[t + j + 7] * buf[s + j + 7]));
  }
  if (j + 3 < L) {
    s0 = f(s0 + f(table[t + j] * buf[s + j]));
    s1 = f(s1 + f(table[t + j + 1] * buf[s + j + 1]));
    s2 = f(s2 + f(table[t + j + 2] * buf[s + j + 2]));
    s3 = f(s3 + f(table[t + j + 3] * buf[s + j + 3]));
    j += 4;
  }
  for (; j < L; j++) s0 = f(s0 + f(table[t + j] * buf[s + j]));
  return f(f(f(s0 + s4) + f(s1 + s5)) + f(f(s2 + s6) + f(s3 + s7)));
}

/**
 * Computes outputs i0 … i1−1 into out[0 … i1−i0−1]. `buf[j]` holds input sample x[base + j]; the
 * caller guarantees buf covers firstInputFor(i0) … lastInputFor(i1 − 1) (zeros standing in for
 * samples before the start or after the end of the signal).
 *
 * The phase and input position advance by integer steps, so there is no division or allocation per
 * sample. This is the fallback where WebAssembly SIMD is missing; `runPolyphaseSimd` gives the same
 * floats.
 */
export function runPolyphase(plan: PolyphasePlan, buf: Float32Array, base: number, out: Float32Array, i0: number, i1: number): void {
  const { up, down, table } = plan;
  const L = plan.tapsPerPhase;
  const stepWhole = Math.floor(down / up);
  const stepFrac = down % up;
  const n0 = i0 * down + plan.half;
  let kmax = Math.floor(n0 / up);
  let r = n0 - kmax * up;
  for (let i = i0; i < i1; i++) {
    out[i - i0] = dot(table, r * L, buf, kmax - L + 1 - base, L);
    kmax += stepWhole;
    r += stepFrac;
    if (r >= up) {
      r -= up;
      kmax++;
    }
  }
}
