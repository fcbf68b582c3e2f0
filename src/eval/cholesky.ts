/**
 * Cholesky factorisation A = L·Lᵀ of a dense symmetric positive-definite matrix, in place.
 *
 * Storage is row-major n×n in a Float64Array; only the lower triangle is read and the factor
 * replaces it (the strict upper triangle is left holding scratch values). BSS Eval's Gram matrices
 * are 1024–4096 wide, so the O(n³/6) update dominates everything else: it is blocked by columns
 * (left-looking) and by the summation index so that the block of rows being reused stays in
 * cache, and its inner kernel computes a 4×2 tile of dot products per pass over memory.
 */

const COLUMN_BLOCK = 64;
const INNER_BLOCK = 256;

/** Factors `a` in place; returns false (leaving `a` partly overwritten) if a pivot is not positive. */
export function choleskyInPlace(a: Float64Array, n: number): boolean {
  for (let jb = 0; jb < n; jb += COLUMN_BLOCK) {
    const je = Math.min(jb + COLUMN_BLOCK, n);
    if (jb > 0) subtractPanelProducts(a, n, jb, je);
    for (let j = jb; j < je; j++) {
      const rj = j * n;
      let d = a[rj + j];
      for (let k = jb; k < j; k++) d -= a[rj + k] * a[rj + k];
      if (!(d > 0) || !Number.isFinite(d)) return false;
      const ljj = Math.sqrt(d);
      a[rj + j] = ljj;
      const inv = 1 / ljj;
      for (let i = j + 1; i < n; i++) {
        const ri = i * n;
        let s = a[ri + j];
        for (let k = jb; k < j; k++) s -= a[ri + k] * a[rj + k];
        a[ri + j] = s * inv;
      }
    }
  }
  return true;
}

/**
 * A[i, j] -= Σ_{k<jb} L[i,k]·L[j,k] for rows i ≥ jb and columns j in [jb, je). Rows i < je compute
 * a few entries above the diagonal too: cheaper than branching, and those slots are never read.
 */
function subtractPanelProducts(a: Float64Array, n: number, jb: number, je: number): void {
  for (let k0 = 0; k0 < jb; k0 += INNER_BLOCK) {
    const k1 = Math.min(k0 + INNER_BLOCK, jb);
    let i = jb;
    for (; i + 3 < n; i += 4) {
      const r0 = i * n;
      const r1 = r0 + n;
      const r2 = r1 + n;
      const r3 = r2 + n;
      let j = jb;
      for (; j + 1 < je; j += 2) {
        const q0 = j * n;
        const q1 = q0 + n;
        let s00 = 0, s01 = 0, s10 = 0, s11 = 0, s20 = 0, s21 = 0, s30 = 0, s31 = 0;
        for (let k = k0; k < k1; k++) {
          const b0 = a[q0 + k];
          const b1 = a[q1 + k];
          const x0 = a[r0 + k];
          const x1 = a[r1 + k];
          const x2 = a[r2 + k];
          const x3 = a[r3 + k];
          s00 += x0 * b0; s01 += x0 * b1;
          s10 += x1 * b0; s11 += x1 * b1;
          s20 += x2 * b0; s21 += x2 * b1;
          s30 += x3 * b0; s31 += x3 * b1;
        }
        a[r0 + j] -= s00; a[r0 + j + 1] -= s01;
        a[r1 + j] -= s10; a[r1 + j + 1] -= s11;
        a[r2 + j] -= s20; a[r2 + j + 1] -= s21;
        a[r3 + j] -= s30; a[r3 + j + 1] -= s31;
      }
      for (; j < je; j++) {
        const q0 = j * n;
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (let k = k0; k < k1; k++) {
          const b = a[q0 + k];
          s0 += a[r0 + k] * b; s1 += a[r1 + k] * b; s2 += a[r2 + k] * b; s3 += a[r3 + k] * b;
        }
        a[r0 + j] -= s0; a[r1 + j] -= s1; a[r2 + j] -= s2; a[r3 + j] -= s3;
      }
    }
    for (; i < n; i++) {
      const ri = i * n;
      for (let j = jb; j < je; j++) {
        const q = j * n;
        let s = 0;
        for (let k = k0; k < k1; k++) s += a[ri + k] * a[q + k];
        a[ri + j] -= s;
      }
    }
  }
}

/** Solves L·Lᵀ·x = b in place for one right-hand side stored contiguously at `b[offset..offset+n)`. */
export function choleskySolveInPlace(l: Float64Array, n: number, b: Float64Array, offset = 0): void {
  // Forward: L·y = b, a dot product along each (contiguous) row of L.
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    let s = b[offset + i];
    for (let k = 0; k < i; k++) s -= l[ri + k] * b[offset + k];
    b[offset + i] = s / l[ri + i];
  }
  // Backward: Lᵀ·x = y, column-oriented so that it too walks rows of L contiguously.
  for (let i = n - 1; i >= 0; i--) {
    const ri = i * n;
    const xi = b[offset + i] / l[ri + i];
    b[offset + i] = xi;
    for (let k = 0; k < i; k++) b[offset + k] -= l[ri + k] * xi;
  }
}
