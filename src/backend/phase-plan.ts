/**
 * How a strided transposed convolution (the input gradient of a strided convolution) splits into
 * stride-1 convolutions, one per output phase. Pure arithmetic, one spatial axis at a time.
 *
 * Forward conv along one axis: y[p] = Σ_a x[p·s + a − P] · w[a]. Its input gradient is
 *   dx[i] = Σ_{p,a : p·s + a − P = i} dy[p] · w[a].
 * Output rows i ≡ φ (mod s) only ever meet the taps a ≡ (φ + P) (mod s) =: r, i.e. a = r + s·t,
 * at p = m − t with m = (i + P − r)/s. So phase φ is a plain correlation of dy with the taps
 * r, r+s, … taken in reverse order: a stride-1 convolution with T = ⌈(k − r)/s⌉ taps. The phase's
 * h-th row (i = s·h + φ) has m = h + m0, so the convolution needs T − 1 − m0 rows of padding in
 * front; where that is negative (large front pads) it gets none and its first m0 − T + 1 output
 * rows are skipped instead. The back padding makes it produce ⌈X/s⌉ rows after the skipped ones
 * (rows past X are cropped when interleaving).
 */
export interface AxisPhase {
  /** First kernel tap of this phase (the others are tap + s, tap + 2s, …). */
  tap: number;
  /** Number of taps. */
  taps: number;
  /** Zero rows before dy. */
  padBefore: number;
  /** Zero rows after dy; never negative (extra output rows are ignored). */
  padAfter: number;
  /** Leading output rows of the convolution that belong to no output (where dy would need cropping). */
  skip: number;
  /** Rows the stride-1 convolution produces: dyLength + padBefore + padAfter − taps + 1; 0 for a phase with no output rows (X ≤ φ). */
  rows: number;
}

/**
 * Phases for one axis, indexed by output phase φ = i mod s, or null where the split does not apply
 * (a kernel smaller than the stride leaves phases without taps): the caller then uses the stock kernel.
 */
export function planAxis(outLength: number, dyLength: number, kernel: number, stride: number, padBefore: number): AxisPhase[] | null {
  if (outLength <= 0 || dyLength <= 0 || kernel < stride) return null;
  const rowsWanted = Math.ceil(outLength / stride);
  const phases: AxisPhase[] = [];
  for (let phi = 0; phi < stride; phi++) {
    const tap = (phi + padBefore) % stride;
    if (phi >= outLength) {
      phases.push({ tap, taps: 0, padBefore: 0, padAfter: 0, skip: 0, rows: 0 });
      continue;
    }
    const taps = Math.ceil((kernel - tap) / stride);
    const m0 = (phi + padBefore - tap) / stride;
    const before = Math.max(taps - 1 - m0, 0);
    const skip = Math.max(m0 - taps + 1, 0);
    const after = Math.max(rowsWanted + skip - dyLength - before + taps - 1, 0);
    phases.push({ tap, taps, padBefore: before, padAfter: after, skip, rows: dyLength + before + after - taps + 1 });
  }
  return phases;
}
