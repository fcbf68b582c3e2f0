/**
 * LU factorisation with partial (row) pivoting, P·A = L·U, in place, as LAPACK's getrf does.
 * It is the fallback when a Gram matrix is too close to singular for Cholesky (a zero or negative
 * pivot from rounding): partial pivoting is backward stable on any non-singular matrix, which is
 * what numpy.linalg.solve (the reference implementations' solver) relies on.
 */

export interface LuFactors {
  n: number;
  /** Row-major; unit-lower L below the diagonal, U on and above it. */
  lu: Float64Array;
  /** pivots[k] = row swapped with row k at step k. */
  pivots: Int32Array;
}

/** Factors `a` in place; returns null if an exactly zero pivot makes the matrix singular. */
export function luInPlace(a: Float64Array, n: number): LuFactors | null {
  const pivots = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    let p = k;
    let best = Math.abs(a[k * n + k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(a[i * n + k]);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    pivots[k] = p;
    if (!(best > 0) || !Number.isFinite(best)) return null;
    if (p !== k) {
      const rk = k * n;
      const rp = p * n;
      for (let j = 0; j < n; j++) {
        const t = a[rk + j];
        a[rk + j] = a[rp + j];
        a[rp + j] = t;
      }
    }
    const rk = k * n;
    const inv = 1 / a[rk + k];
    for (let i = k + 1; i < n; i++) {
      const ri = i * n;
      const l = a[ri + k] * inv;
      a[ri + k] = l;
      if (l === 0) continue;
      // Row-wise rank-1 update: both rows are contiguous, so this streams memory linearly.
      for (let j = k + 1; j < n; j++) a[ri + j] -= l * a[rk + j];
    }
  }
  return { n, lu: a, pivots };
}

/** Solves A·x = b in place for one right-hand side at `b[offset..offset+n)`. */
export function luSolveInPlace(f: LuFactors, b: Float64Array, offset = 0): void {
  const { n, lu, pivots } = f;
  for (let k = 0; k < n; k++) {
    const p = pivots[k];
    if (p !== k) {
      const t = b[offset + k];
      b[offset + k] = b[offset + p];
      b[offset + p] = t;
    }
  }
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    let s = b[offset + i];
    for (let k = 0; k < i; k++) s -= lu[ri + k] * b[offset + k];
    b[offset + i] = s;
  }
  for (let i = n - 1; i >= 0; i--) {
    const ri = i * n;
    let s = b[offset + i];
    for (let k = i + 1; k < n; k++) s -= lu[ri + k] * b[offset + k];
    b[offset + i] = s / lu[ri + i];
  }
}
