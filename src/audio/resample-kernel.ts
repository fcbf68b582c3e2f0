import type { PolyphasePlan } from "./resample-filter";

/** Index of the newest input sample that output `i` depends on: ⌊(i·down + half) / up⌋. */
export function lastInputFor(plan: PolyphasePlan, i: number): number {
  return Math.floor((i * plan.down + plan.half) / plan.up);
}

/** Index of the oldest input sample that output `i` reads (its tap may be zero). */
export function firstInputFor(plan: PolyphasePlan, i: number): number {
  return lastInputFor(plan, i) - plan.tapsPerPhase + 1;
}

/**
 * Computes outputs i0 … i1−1 into out[0 … i1−i0−1]. `buf[j]` holds input sample x[base + j]; the
 * caller guarantees buf covers firstInputFor(i0) … lastInputFor(i1 − 1) (zeros standing in for
 * samples before the start or after the end of the signal).
 *
 * The phase and input position advance by integer steps, so there is no division or allocation per
 * sample; the products are summed in float64 and rounded once on the store into `out`.
 */
export function runPolyphase(
  plan: PolyphasePlan,
  buf: Float32Array,
  base: number,
  out: Float32Array,
  i0: number,
  i1: number,
): void {
  const { up, down, table } = plan;
  const L = plan.tapsPerPhase;
  const stepWhole = Math.floor(down / up);
  const stepFrac = down % up;
  const n0 = i0 * down + plan.half;
  let kmax = Math.floor(n0 / up);
  let r = n0 - kmax * up;
  let o = 0;
  for (let i = i0; i < i1; i++) {
    const t = r * L;
    const s = kmax - L + 1 - base;
    // Four partial sums break the add-latency chain (the loop is latency-bound, not load-bound).
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let j = 0;
    for (; j + 3 < L; j += 4) {
      a0 += table[t + j] * buf[s + j];
      a1 += table[t + j + 1] * buf[s + j + 1];
      a2 += table[t + j + 2] * buf[s + j + 2];
      a3 += table[t + j + 3] * buf[s + j + 3];
    }
    for (; j < L; j++) a0 += table[t + j] * buf[s + j];
    out[o++] = a0 + a1 + (a2 + a3);
    kmax += stepWhole;
    r += stepFrac;
    if (r >= up) {
      r -= up;
      kmax++;
    }
  }
}

/**
 * `runPolyphase` for two channels at once (stereo, the common case): each table row is loaded once
 * for both, which matters because consecutive outputs use scattered rows. The sums are formed in the
 * same order as `runPolyphase`, so results are identical to two single-channel runs. Writes outA/outB from index 0.
 */
export function runPolyphasePair(
  plan: PolyphasePlan,
  bufA: Float32Array,
  bufB: Float32Array,
  base: number,
  outA: Float32Array,
  outB: Float32Array,
  i0: number,
  i1: number,
): void {
  const { up, down, table } = plan;
  const L = plan.tapsPerPhase;
  const stepWhole = Math.floor(down / up);
  const stepFrac = down % up;
  const n0 = i0 * down + plan.half;
  let kmax = Math.floor(n0 / up);
  let r = n0 - kmax * up;
  for (let i = i0; i < i1; i++) {
    const t = r * L;
    const s = kmax - L + 1 - base;
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let b0 = 0;
    let b1 = 0;
    let b2 = 0;
    let b3 = 0;
    let j = 0;
    for (; j + 3 < L; j += 4) {
      const h0 = table[t + j];
      const h1 = table[t + j + 1];
      const h2 = table[t + j + 2];
      const h3 = table[t + j + 3];
      a0 += h0 * bufA[s + j];
      a1 += h1 * bufA[s + j + 1];
      a2 += h2 * bufA[s + j + 2];
      a3 += h3 * bufA[s + j + 3];
      b0 += h0 * bufB[s + j];
      b1 += h1 * bufB[s + j + 1];
      b2 += h2 * bufB[s + j + 2];
      b3 += h3 * bufB[s + j + 3];
    }
    for (; j < L; j++) {
      a0 += table[t + j] * bufA[s + j];
      b0 += table[t + j] * bufB[s + j];
    }
    outA[i - i0] = a0 + a1 + (a2 + a3);
    outB[i - i0] = b0 + b1 + (b2 + b3);
    kmax += stepWhole;
    r += stepFrac;
    if (r >= up) {
      r -= up;
      kmax++;
    }
  }
}
