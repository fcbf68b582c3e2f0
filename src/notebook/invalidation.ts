/**
 * `invalidation` for a notebook run as a plain module: a promise that never resolves, since a
 * module runs once and is never re-run or stopped. Importing it from the library lets `tsc`
 * type-check a cell's cleanup (`invalidation.then(() => run.stop())`); inside a notebook session
 * the compiler replaces it with the cell's own, which resolves when the cell re-runs, is stopped
 * or is removed.
 */
export const invalidation: Promise<void> = new Promise<void>(() => undefined);
