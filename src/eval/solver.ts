import { choleskyInPlace, choleskySolveInPlace } from "./cholesky";
import { luInPlace, luSolveInPlace, type LuFactors } from "./lu";

/**
 * A factorised symmetric system, solved for as many right-hand sides as needed: BSS Eval solves
 * the same Gram matrix for every estimate and every channel, and the factorisation is the only
 * O(n³) step, so it is done once.
 */
export interface SymmetricSolver {
  readonly n: number;
  /** Which factorisation succeeded: Cholesky normally, LU when rounding made G look indefinite. */
  readonly method: "cholesky" | "lu";
  /** Solves G·x = b for each of the `count` right-hand sides stored back to back in `b`, in place. */
  solveInPlace(b: Float64Array, count?: number): Float64Array;
}

/**
 * Factors a symmetric positive semi-definite matrix (row-major n×n; not modified).
 * Tries Cholesky (half the work of LU); falls back to LU with partial pivoting like
 * numpy.linalg.solve when a pivot is not positive.
 */
export function factorSymmetric(g: Float64Array, n: number): SymmetricSolver {
  if (g.length !== n * n) throw new Error(`factorSymmetric: expected ${n}×${n} values, got ${g.length}`);
  const l = g.slice();
  if (choleskyInPlace(l, n)) {
    return {
      n,
      method: "cholesky",
      solveInPlace(b, count = 1) {
        for (let r = 0; r < count; r++) choleskySolveInPlace(l, n, b, r * n);
        return b;
      },
    };
  }
  // Cholesky only wrote the lower triangle; LU needs both, so start again from the original.
  const f: LuFactors | null = luInPlace(g.slice(), n);
  if (!f) {
    throw new Error(
      "BSS Eval: the references' Gram matrix is singular, so the distortion filters are undefined. " +
        "This happens when a reference source is a delayed/filtered copy of another or nearly silent.",
    );
  }
  return {
    n,
    method: "lu",
    solveInPlace(b, count = 1) {
      for (let r = 0; r < count; r++) luSolveInPlace(f, b, r * n);
      return b;
    },
  };
}
