/**
 * All permutations of 0..n−1 in lexicographic order, i.e. the order of Python's
 * itertools.permutations(range(n)): the reference tools keep the first best permutation, so ties
 * are broken the same way only if candidates come in the same order.
 */
export function permutations(n: number): number[][] {
  const out: number[][] = [];
  const current: number[] = [];
  const used = new Array<boolean>(n).fill(false);
  const visit = () => {
    if (current.length === n) {
      out.push(current.slice());
      return;
    }
    for (let i = 0; i < n; i++) {
      if (used[i]) continue;
      used[i] = true;
      current.push(i);
      visit();
      current.pop();
      used[i] = false;
    }
  };
  visit();
  return out;
}

/** n! grows fast; past this the search would take longer than anyone would wait. */
export const MAX_PERMUTED_SOURCES = 8;

/**
 * The candidate permutation with the largest score, the first one on ties (numpy.argmax).
 * A NaN score never wins unless all are NaN, when the first candidate is returned.
 */
export function bestPermutation(candidates: number[][], score: (perm: number[]) => number): number[] {
  let best = 0;
  let bestScore = -Infinity;
  let found = false;
  for (let i = 0; i < candidates.length; i++) {
    const s = score(candidates[i]);
    if (Number.isNaN(s)) continue;
    if (!found || s > bestScore) {
      best = i;
      bestScore = s;
      found = true;
    }
  }
  return candidates[best];
}
