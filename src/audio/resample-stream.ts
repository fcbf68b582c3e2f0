import type { PolyphasePlan } from "./resample-filter";
import { firstInputFor, lastInputFor, runPolyphase } from "./resample-kernel";
import { runPolyphaseSimd } from "./resample-simd";
import { resamplePlan, resampleRatio, type ResampleOptions } from "./resample";

/**
 * Block-by-block resampling of one channel with bounded memory: feed blocks of any size to `push`,
 * then call `end` once. The concatenated outputs equal `resample(wholeSignal, …)` sample for sample
 * (same arithmetic in the same order), so hour-long recordings can be converted in pieces. The
 * resampler keeps only the filter's history (2·zeroCrossings·max(1, fromRate/toRate) input samples,
 * e.g. 216 for 44100 → 8192 Hz) plus one block.
 *
 * Output is emitted as soon as every input it depends on has arrived, so the first blocks return
 * fewer samples than ratio × length (the filter's look-ahead) and `end` returns the rest.
 */
export class Resampler {
  readonly fromRate: number;
  readonly toRate: number;
  private readonly plan: PolyphasePlan;
  private readonly same: boolean;
  /** buf[j] holds input sample x[base + j] for j < filled. */
  private buf: Float32Array;
  private base: number;
  private filled = 0;
  private received = 0;
  private emitted = 0;
  private ended = false;

  constructor(fromRate: number, toRate: number, options?: ResampleOptions) {
    const { up, down } = resampleRatio(fromRate, toRate);
    this.fromRate = fromRate;
    this.toRate = toRate;
    this.same = up === down;
    this.plan = this.same ? { up: 1, down: 1, half: 0, tapsPerPhase: 1, table: new Float32Array([1]) } : resamplePlan(fromRate, toRate, options);
    this.base = firstInputFor(this.plan, 0);
    // Samples before the signal's start are zeros: the buffer starts with them already "filled".
    this.filled = -this.base;
    this.buf = new Float32Array(Math.max(1024, 2 * (this.filled + this.plan.tapsPerPhase)));
  }

  /** Total output samples produced so far. */
  get outputLength(): number {
    return this.emitted;
  }

  /** Adds a block of input and returns the output samples it completes (possibly none). */
  push(block: Float32Array): Float32Array {
    if (this.ended) throw new Error("Resampler: push() after end()");
    if (this.same) {
      this.received += block.length;
      this.emitted += block.length;
      return block.slice();
    }
    this.append(block, block.length);
    this.received += block.length;
    // Output i is ready once x[lastInputFor(i)] has arrived: i·down + half ≤ received·up − 1.
    const ready = Math.max(0, Math.floor((this.received * this.plan.up - 1 - this.plan.half) / this.plan.down) + 1);
    return this.produce(ready);
  }

  /** Marks the end of the input (zeros follow it) and returns the remaining output. */
  end(): Float32Array {
    if (this.ended) throw new Error("Resampler: end() called twice");
    this.ended = true;
    if (this.same) return new Float32Array(0);
    const total = Math.ceil((this.received * this.plan.up) / this.plan.down);
    if (total > this.emitted) {
      const needed = lastInputFor(this.plan, total - 1) + 1 - (this.base + this.filled);
      if (needed > 0) this.append(undefined, needed);
    }
    return this.produce(total);
  }

  private produce(upTo: number): Float32Array {
    const count = Math.max(0, upTo - this.emitted);
    const out = new Float32Array(count);
    if (count === 0) return out;
    if (!runPolyphaseSimd(this.plan, [this.buf], this.base, [out], this.emitted, upTo)) runPolyphase(this.plan, this.buf, this.base, out, this.emitted, upTo);
    this.emitted = upTo;
    return out;
  }

  /** Appends `block` (or `zeros` zero samples), first dropping history no future output needs. */
  private append(block: Float32Array | undefined, length: number): void {
    const keepFrom = firstInputFor(this.plan, this.emitted);
    const drop = Math.min(Math.max(0, keepFrom - this.base), this.filled);
    if (drop > 0) {
      this.buf.copyWithin(0, drop, this.filled);
      this.base += drop;
      this.filled -= drop;
    }
    if (this.filled + length > this.buf.length) {
      const grown = new Float32Array(Math.max(this.filled + length, 2 * this.buf.length));
      grown.set(this.buf.subarray(0, this.filled));
      this.buf = grown;
    }
    if (block) this.buf.set(block, this.filled);
    else this.buf.fill(0, this.filled, this.filled + length);
    this.filled += length;
  }
}

/**
 * `Resampler` for all channels of a signal: push planar blocks (one array per channel, equal
 * lengths), get planar blocks back. Output equals `resampleSignal` on the whole signal.
 */
export class SignalResampler {
  private readonly channels: Resampler[];

  constructor(channelCount: number, fromRate: number, toRate: number, options?: ResampleOptions) {
    if (!Number.isInteger(channelCount) || channelCount < 1) throw new Error(`SignalResampler: channel count must be ≥ 1, got ${channelCount}`);
    this.channels = Array.from({ length: channelCount }, () => new Resampler(fromRate, toRate, options));
  }

  push(block: Float32Array[]): Float32Array[] {
    if (block.length !== this.channels.length) {
      throw new Error(`SignalResampler: expected ${this.channels.length} channels, got ${block.length}`);
    }
    if (block.some((c) => c.length !== block[0].length)) throw new Error("SignalResampler: channels of a block differ in length");
    return this.channels.map((r, c) => r.push(block[c]));
  }

  end(): Float32Array[] {
    return this.channels.map((r) => r.end());
  }
}
