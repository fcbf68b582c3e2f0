/**
 * Timing statistics for the benchmark. Browser-safe (the bench page uses it too).
 */

/** The median of `values` (the mean of the middle two for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export interface Repetitions {
  /** Untimed runs first: they build XNNPACK operators, grow the wasm heap, JIT the JavaScript. */
  warmup: number;
  /** Timed runs; the median is reported, so one run disturbed by a neighbour does not count. */
  runs: number;
}

export interface Timing {
  /** Median of `runsMs`. */
  ms: number;
  runsMs: number[];
}

/**
 * Times `task` (which must finish its work before it resolves: read a tensor back, not just
 * enqueue it) `warmup + runs` times and keeps the timed runs.
 */
export async function timeRuns(task: () => unknown | Promise<unknown>, reps: Repetitions): Promise<Timing> {
  if (!(Number.isInteger(reps.runs) && reps.runs >= 1)) throw new Error(`timeRuns: runs must be a whole number ≥ 1, got ${reps.runs}`);
  for (let i = 0; i < reps.warmup; i++) await task();
  const runsMs: number[] = [];
  for (let i = 0; i < reps.runs; i++) {
    const t0 = performance.now();
    await task();
    runsMs.push(performance.now() - t0);
  }
  return { ms: median(runsMs), runsMs };
}
