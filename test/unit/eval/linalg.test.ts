import { mulberry32 } from "../../../src/train/random";
import { describe, expect, it } from "vitest";
import { correlate } from "../../../src/eval/correlations";
import { factorSymmetric } from "../../../src/eval/solver";

function rng(seed: number) {
  const next = mulberry32(seed);
  return () => next() - 0.5;
}

function matVec(a: Float64Array, n: number, x: Float64Array): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => {
    let s = 0;
    for (let k = 0; k < n; k++) s += a[i * n + k] * x[k];
    return s;
  });
}

describe("symmetric solver", () => {
  it("solves an SPD system with Cholesky, across block boundaries, for several right-hand sides", () => {
    const r = rng(3);
    const n = 203; // not a multiple of the 64-column blocks or the 4-row kernel
    const x = Float64Array.from({ length: n * n }, r);
    const g = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j <= i; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += x[i * n + k] * x[j * n + k];
        g[i * n + j] = g[j * n + i] = s + (i === j ? 0.1 : 0);
      }
    const solver = factorSymmetric(g, n);
    expect(solver.method).toBe("cholesky");
    const want = Float64Array.from({ length: 2 * n }, r);
    const b = new Float64Array(2 * n);
    b.set(matVec(g, n, want.subarray(0, n)), 0);
    b.set(matVec(g, n, want.subarray(n)), n);
    const got = solver.solveInPlace(b, 2);
    for (let i = 0; i < 2 * n; i++) expect(got[i]).toBeCloseTo(want[i], 7);
  });

  it("falls back to LU with pivoting when the matrix is not positive definite", () => {
    const g = Float64Array.of(0, 1, 1, 0); // symmetric, indefinite, zero leading pivot
    const solver = factorSymmetric(g, 2);
    expect(solver.method).toBe("lu");
    expect(Array.from(solver.solveInPlace(Float64Array.of(2, 3)))).toEqual([3, 2]);
    expect(() => factorSymmetric(new Float64Array(4), 2)).toThrow(/singular/);
  });
});

describe("block correlations", () => {
  it("equal direct lagged sums over a slice, with multiple blocks and zero context outside it", () => {
    const r = rng(5);
    const total = 3000;
    const x = Float64Array.from({ length: total }, r);
    const y = Float64Array.from({ length: total }, r);
    const [start, length, L] = [137, 2500, 40]; // 2500 samples span several 1024-point blocks
    const c = correlate([x], [[y]], [true], start, length, L);
    const direct = (a: Float64Array, b: Float64Array, k: number) => {
      let s = 0;
      for (let n = 0; n < length; n++) {
        const m = n + k;
        if (m >= 0 && m < length) s += a[start + m] * b[start + n];
      }
      return s;
    };
    for (let k = -(L - 1); k <= L - 1; k++) {
      expect(c.refRef[0][0][k + L - 1]).toBeCloseTo(direct(x, x, k), 9);
      expect(c.refEst[0]![0][0][k + L - 1]).toBeCloseTo(direct(x, y, k), 9);
    }
  });
});
