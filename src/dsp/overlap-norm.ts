import { doubles } from "./doubles";

/** Below this summed squared window a sample counts as uncovered and comes out 0. */
export const NORM_FLOOR = 1e-10;

/**
 * Σ_t window[p − t·hop]² at padded position p, summed over the frames t that cover p in frame
 * order. Away from the ends every position is covered by the same set of window offsets, so one
 * hop's worth of sums serves all of them; only the first and last frame lengths are summed apart.
 */
export class OverlapNorm {
  /**
   * 1 / the sum at positions congruent to 0..hop−1 (mod hop) away from the ends (0 where the sum
   * is 0): a multiply per sample instead of a division, which costs several times more.
   */
  readonly periodicInverse: number[];
  private readonly lo: number;
  private readonly hi: number;

  constructor(
    private readonly window: Float32Array,
    private readonly hop: number,
    private readonly frames: number,
  ) {
    const nfft = window.length;
    // Positions in [lo, hi) see every window offset congruent to them mod hop.
    this.lo = Math.ceil((nfft - hop) / hop) * hop;
    this.hi = frames * hop;
    this.periodicInverse = doubles(hop);
    for (let r = 0; r < hop; r++) {
      const d = this.sum(this.lo + r, Number.MAX_SAFE_INTEGER);
      this.periodicInverse[r] = d > NORM_FLOOR ? 1 / d : 0;
    }
  }

  /** Whether positions [from, from + count) are all away from the ends (see `periodicInverse`). */
  isPeriodic(from: number, count: number): boolean {
    return from >= this.lo && from + count <= this.hi;
  }

  at(p: number): number {
    return this.sum(p, this.frames);
  }

  /** The sum at p over frames 0..frames−1 (frames beyond the last count for the periodic part). */
  private sum(p: number, frames: number): number {
    const { window, hop } = this;
    const first = Math.max(0, Math.floor((p - window.length) / hop) + 1);
    const last = Math.min(frames - 1, Math.floor(p / hop));
    let d = 0;
    for (let t = first; t <= last; t++) {
      const w = window[p - t * hop];
      d += w * w;
    }
    return d;
  }
}
