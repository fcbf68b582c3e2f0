import { describe, expect, it } from "vitest";
import { planAxis } from "../../../src/backend/phase-plan";

/** Direct evaluation of dx[i] = Σ_{p,a: p·s + a − P = i} dy[p]·w[a] for one axis. */
function direct(dy: number[], w: number[], s: number, P: number, X: number): number[] {
  const dx = new Array<number>(X).fill(0);
  dy.forEach((d, p) => w.forEach((wa, a) => {
    const i = p * s + a - P;
    if (i >= 0 && i < X) dx[i] += d * wa;
  }));
  return dx;
}

/** The same through the plan: per phase a stride-1 correlation of padded dy with reversed taps. */
function viaPlan(dy: number[], w: number[], s: number, P: number, X: number): number[] | null {
  const phases = planAxis(X, dy.length, w.length, s, P);
  if (!phases) return null;
  const dx = new Array<number>(X).fill(0);
  phases.forEach((ph, phi) => {
    if (ph.rows === 0) {
      expect(phi).toBeGreaterThanOrEqual(X);
      return;
    }
    const padded = [...new Array(ph.padBefore).fill(0), ...dy, ...new Array(ph.padAfter).fill(0)];
    expect(padded.length - ph.taps + 1).toBe(ph.rows);
    for (let h = 0; h + ph.skip < ph.rows; h++) {
      const i = s * h + phi;
      if (i >= X) break;
      for (let u = 0; u < ph.taps; u++) dx[i] += padded[h + ph.skip + u] * w[ph.tap + s * (ph.taps - 1 - u)];
    }
    // Enough rows to cover every output of this phase.
    expect(s * (ph.rows - ph.skip - 1) + phi).toBeGreaterThanOrEqual(X - s);
  });
  return dx;
}

describe("planAxis", () => {
  it("5 taps, stride 2, 'same' padding (the U-Net): phases of 2 and 3 taps", () => {
    // X = 64, dy = 32, pad_total = 31·2 + 5 − 64 = 3, before = 1.
    const phases = planAxis(64, 32, 5, 2, 1);
    expect(phases?.map((p) => [p.tap, p.taps, p.padBefore, p.skip])).toEqual([[1, 2, 1, 0], [0, 3, 1, 0]]);
  });

  it("gives up where a phase would have no taps", () => {
    expect(planAxis(10, 5, 1, 2, 0)).toBeNull();
  });

  it("reproduces the direct sum for many sizes, strides, kernels and pads", () => {
    let checked = 0;
    for (const s of [1, 2, 3]) {
      for (let k = s; k <= 6; k++) {
        for (let X = 1; X <= 14; X++) {
          const pTotal = Math.max((Math.ceil(X / s) - 1) * s + k - X, 0);
          const valid = Math.floor((X - k) / s) + 1;
          const configs: [number, number][] = [[Math.ceil(X / s), Math.floor(pTotal / 2)]];
          if (valid > 0) configs.push([valid, 0]);
          // Explicit pads, up to larger than the kernel's reach.
          for (const P of [1, k - 1, k + 1]) {
            const Y = Math.floor((X + P + 1 - k) / s) + 1;
            if (Y > 0) configs.push([Y, P]);
          }
          for (const [Y, P] of configs) {
            const dy = Array.from({ length: Y }, (_, i) => ((i * 7 + 3) % 11) - 5);
            const w = Array.from({ length: k }, (_, i) => ((i * 5 + 1) % 7) - 3);
            const got = viaPlan(dy, w, s, P, X);
            expect(got, `s ${s} k ${k} X ${X} Y ${Y} P ${P}`).toEqual(direct(dy, w, s, P, X));
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});
