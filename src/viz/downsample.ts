/**
 * Shrinking frame-major pictures to the pixels they will be drawn on. A 3-minute song at the
 * paper's settings is ~1900 frames × 513 bins; a notebook column has ~800 pixels for it.
 *
 * Pooling takes the MAXIMUM of |value| over each block rather than the mean or a sample: a drum
 * hit or a consonant one frame long is exactly what a researcher looks for in a spectrogram, and
 * averaging it with its quiet neighbours (or skipping the frame) would erase it. The absolute value
 * matches `rasterPixels`, which paints |v|.
 */

/**
 * Where each of `m` output cells starts in `n` input cells: cell i covers [edges[i], edges[i+1]).
 * Boundaries fall at floor(i·n/m), so the blocks differ in size by at most one input cell and an
 * output cell's position along the axis stays within one input cell of i·n/m (the picture is not
 * stretched). With m ≥ n nothing is pooled: m is taken as n (we never invent cells).
 */
export function poolEdges(n: number, m: number): Int32Array {
  if (!Number.isInteger(n) || n < 1) throw new Error(`poolEdges: need at least one input cell, got ${n}`);
  if (!Number.isInteger(m) || m < 1) throw new Error(`poolEdges: need at least one output cell, got ${m}`);
  const cells = Math.min(n, m);
  const edges = new Int32Array(cells + 1);
  for (let i = 0; i <= cells; i++) edges[i] = Math.floor((i * n) / cells);
  return edges;
}

export interface Pooled {
  /** columns × rows, frame-major (column c, row r at c·rows + r), as the input. */
  values: Float32Array;
  columns: number;
  rows: number;
}

/**
 * Max-pools |values| (frames × bins, frame-major) to at most `maxColumns` × `maxRows`. A dimension
 * already small enough is left as it is; the result is a new array either way.
 */
export function maxPool(values: ArrayLike<number>, frames: number, bins: number, maxColumns: number, maxRows: number): Pooled {
  const rowEdges = poolEdges(bins, maxRows);
  return maxPoolRows(values, frames, bins, maxColumns, rowEdges.subarray(0, -1), rowEdges.subarray(1));
}

/**
 * Max-pools columns as `maxPool` does, and makes output row r the maximum of input rows
 * [from[r], to[r]): any mapping of rows, such as a log-frequency axis (`logRowRanges`), where low
 * output rows may repeat one input row and high ones gather many.
 */
export function maxPoolRows(values: ArrayLike<number>, frames: number, bins: number, maxColumns: number, from: Int32Array, to: Int32Array): Pooled {
  if (values.length !== frames * bins) {
    throw new Error(`maxPool: ${values.length} values cannot be ${frames} frames × ${bins} bins (that needs ${frames * bins})`);
  }
  const rows = from.length;
  for (let r = 0; r < rows; r++) {
    if (!(from[r] >= 0 && to[r] > from[r] && to[r] <= bins)) throw new Error(`maxPool: output row ${r} reads rows [${from[r]}, ${to[r]}) of ${bins}`);
  }
  const cols = poolEdges(frames, maxColumns);
  const columns = cols.length - 1;
  const out = new Float32Array(columns * rows);
  // First pool the bins of each frame into rows, then fold frames into columns: each frame is read
  // once, in memory order.
  const frameRows = new Float32Array(rows);
  for (let c = 0; c < columns; c++) {
    const base = c * rows;
    for (let t = cols[c]; t < cols[c + 1]; t++) {
      const at = t * bins;
      for (let r = 0; r < rows; r++) {
        let m = 0;
        for (let b = from[r]; b < to[r]; b++) {
          const v = Math.abs(values[at + b]);
          if (v > m) m = v;
        }
        frameRows[r] = m;
      }
      for (let r = 0; r < rows; r++) if (frameRows[r] > out[base + r]) out[base + r] = frameRows[r];
    }
  }
  return { values: out, columns, rows };
}

/**
 * The input rows under each of `m` output rows on a log-frequency axis from `low` to `end` Hz, for
 * `rows` input rows spanning [start, end] Hz evenly (row 0 lowest). Each output row covers the
 * frequencies low·(end/low)^(r/m) … low·(end/low)^((r+1)/m) and reads every input row those
 * touch, at least one: below a row's width an input row is repeated, above it rows are max-pooled.
 */
export function logRowRanges(rows: number, start: number, end: number, m: number, low: number): { from: Int32Array; to: Int32Array } {
  if (!(end > low && low > 0 && low >= start)) throw new Error(`logRowRanges: need 0 < low (${low}) < end (${end}) and low ≥ start (${start})`);
  const width = (end - start) / rows;
  const from = new Int32Array(m);
  const to = new Int32Array(m);
  const ratio = end / low;
  for (let r = 0; r < m; r++) {
    const f0 = low * ratio ** (r / m);
    const f1 = low * ratio ** ((r + 1) / m);
    const a = Math.min(rows - 1, Math.max(0, Math.floor((f0 - start) / width)));
    const b = Math.min(rows, Math.max(a + 1, Math.ceil((f1 - start) / width)));
    from[r] = a;
    to[r] = b;
  }
  return { from, to };
}
