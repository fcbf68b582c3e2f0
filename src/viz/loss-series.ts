import type { StepRecord } from "../train";
import type { View } from "./view";

/** One averaged point of a loss curve. */
export interface LossPoint {
  /** The bucket it averages: completed steps [bucket · bucketSteps, (bucket + 1) · bucketSteps). */
  bucket: number;
  /** Mean completed-step number (record.step + 1) of the records averaged, for a true step axis. */
  step: number;
  /** Mean loss of those records. */
  loss: number;
  /** How many records were averaged. */
  count: number;
}

/** Train and validation loss, averaged into at most `maxPoints` buckets of `bucketSteps` steps. */
export interface LossCurveView extends View {
  view: "loss";
  /** Steps per bucket: 1 (every step its own point), then multiplied by `growth` each time the buckets fill. */
  bucketSteps: number;
  /** Buckets spanned, from step 0 to the last record's; points exist only where records fell. */
  buckets: number;
  maxPoints: number;
  train: LossPoint[];
  /** Only buckets where the validation loss was measured. */
  validation: LossPoint[];
  /** Records added (those with a non-finite loss included). */
  records: number;
  /** Records whose loss was NaN or infinite: left out of the averages, which they would poison. */
  nonFinite: number;
  /** The newest record, unaveraged, for a status line. */
  last?: StepRecord;
}

export interface LossSeriesOptions {
  /** At most this many points per series (default 500). */
  maxPoints?: number;
  /**
   * How many adjacent buckets merge into one when the buckets fill (default 10). Powers of ten keep
   * the bucket width a round number, so an axis drawn per bucket (tfjs-vis's linechart plots points
   * by index) reads as "step (×100)"; 2 keeps more points between merges (maxPoints/2 to maxPoints
   * rather than maxPoints/10 to maxPoints).
   */
  growth?: number;
}

export const LOSS_SERIES_DEFAULTS = { maxPoints: 500, growth: 10 } as const;

/**
 * A loss history that stays the same size however long the run: records are summed into buckets of
 * `bucketSteps` completed steps laid from step 0, and when a record falls past the last bucket,
 * every `growth` adjacent buckets merge into one. Sums and counts merge exactly, so each point is the
 * plain mean of the records in its steps and the overall mean is preserved; a 100 000-step run costs
 * six small arrays and one add per step.
 */
export class LossSeries {
  readonly maxPoints: number;
  readonly growth: number;
  private width = 1;
  private used = 0;
  private added = 0;
  private skipped = 0;
  private newest: StepRecord | undefined;
  // Per bucket: sum of losses, sum of completed-step numbers, count; train and validation apart.
  private readonly trainSum: Float64Array;
  private readonly trainSteps: Float64Array;
  private readonly trainCount: Float64Array;
  private readonly validSum: Float64Array;
  private readonly validSteps: Float64Array;
  private readonly validCount: Float64Array;

  constructor(options: LossSeriesOptions = {}) {
    const { maxPoints, growth } = { ...LOSS_SERIES_DEFAULTS, ...options };
    if (!Number.isInteger(maxPoints) || maxPoints < 2) throw new Error(`LossSeries: maxPoints must be a whole number ≥ 2, got ${maxPoints}`);
    if (!Number.isInteger(growth) || growth < 2) throw new Error(`LossSeries: growth must be a whole number ≥ 2 (buckets merged at a time), got ${growth}`);
    this.maxPoints = maxPoints;
    this.growth = growth;
    const arrays = () => new Float64Array(maxPoints);
    [this.trainSum, this.trainSteps, this.trainCount, this.validSum, this.validSteps, this.validCount] = [arrays(), arrays(), arrays(), arrays(), arrays(), arrays()];
  }

  /** Steps per bucket now. */
  get bucketSteps(): number {
    return this.width;
  }

  /** Records added so far. */
  get size(): number {
    return this.added;
  }

  add(record: StepRecord): void {
    if (!Number.isInteger(record.step) || record.step < 0) throw new Error(`LossSeries.add: a record's step must be a whole number ≥ 0, got ${record.step}`);
    this.added++;
    this.newest = record;
    const done = record.step + 1;
    while (Math.floor(done / this.width) >= this.maxPoints) this.merge();
    const b = Math.floor(done / this.width);
    this.used = Math.max(this.used, b + 1);
    if (Number.isFinite(record.loss)) {
      this.trainSum[b] += record.loss;
      this.trainSteps[b] += done;
      this.trainCount[b]++;
    } else {
      this.skipped++;
    }
    const v = record.validationLoss;
    if (v !== undefined && Number.isFinite(v)) {
      this.validSum[b] += v;
      this.validSteps[b] += done;
      this.validCount[b]++;
    }
  }

  /** Forgets every record (a new run in the same chart). */
  reset(): void {
    for (const a of [this.trainSum, this.trainSteps, this.trainCount, this.validSum, this.validSteps, this.validCount]) a.fill(0);
    this.width = 1;
    this.used = 0;
    this.added = 0;
    this.skipped = 0;
    this.newest = undefined;
  }

  addAll(records: Iterable<StepRecord>): this {
    for (const r of records) this.add(r);
    return this;
  }

  /** The points as a view: what `drawLossCurve` draws and Node prints. */
  view(): LossCurveView {
    const points = (sum: Float64Array, steps: Float64Array, count: Float64Array): LossPoint[] => {
      const out: LossPoint[] = [];
      for (let b = 0; b < this.used; b++) {
        if (count[b] > 0) out.push({ bucket: b, step: steps[b] / count[b], loss: sum[b] / count[b], count: count[b] });
      }
      return out;
    };
    const train = points(this.trainSum, this.trainSteps, this.trainCount);
    const validation = points(this.validSum, this.validSteps, this.validCount);
    return {
      kind: "view",
      view: "loss",
      caption: lossCaption(this.added, this.width, train, validation, this.newest, this.skipped),
      bucketSteps: this.width,
      buckets: this.used,
      maxPoints: this.maxPoints,
      train,
      validation,
      records: this.added,
      nonFinite: this.skipped,
      ...(this.newest ? { last: { ...this.newest } } : {}),
    };
  }

  private merge(): void {
    const g = this.growth;
    for (const a of [this.trainSum, this.trainSteps, this.trainCount, this.validSum, this.validSteps, this.validCount]) {
      for (let j = 0; j * g < this.maxPoints; j++) {
        let s = 0;
        for (let k = j * g; k < Math.min(this.maxPoints, (j + 1) * g); k++) s += a[k];
        a[j] = s;
      }
      a.fill(0, Math.ceil(this.maxPoints / g));
    }
    this.width *= g;
    this.used = Math.ceil(this.used / g);
  }
}

/** Train and validation series of `records`, each averaged into at most `maxPoints` points. */
export function lossSeries(records: readonly StepRecord[], maxPoints: number = LOSS_SERIES_DEFAULTS.maxPoints, options: Omit<LossSeriesOptions, "maxPoints"> = {}): LossCurveView {
  return new LossSeries({ ...options, maxPoints }).addAll(records).view();
}

const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

function lossCaption(added: number, width: number, train: LossPoint[], validation: LossPoint[], last: StepRecord | undefined, skipped: number): string {
  if (!last) return "L1 loss: no steps yet";
  const every = width === 1 ? "every step" : `mean of every ${grouped(width)} steps`;
  const parts = [`L1 loss over ${grouped(added)} step${added === 1 ? "" : "s"} (train: ${train.length} points, ${every})`];
  if (Number.isFinite(last.loss)) parts.push(`last ${last.loss.toFixed(4)}`);
  if (validation.length) {
    const best = validation.reduce((a, b) => (b.loss < a.loss ? b : a));
    parts.push(`validation at ${validation.length} point${validation.length === 1 ? "" : "s"}, best ${best.loss.toFixed(4)} near step ${grouped(Math.round(best.step))}`);
  }
  if (skipped) parts.push(`${skipped} non-finite loss${skipped === 1 ? "" : "es"} left out`);
  return parts.join(" · ");
}
