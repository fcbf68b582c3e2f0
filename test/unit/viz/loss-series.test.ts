import { describe, expect, it } from "vitest";
import type { StepRecord } from "../../../src/train";
import { LossSeries, lossSeries } from "../../../src/viz/loss-series";

/** A run's records: a decaying, wiggling loss; validation every `every` steps from `from`. */
function run(steps: number, every = 50, from = 0): StepRecord[] {
  return Array.from({ length: steps }, (_, k) => {
    const step = from + k;
    const r: StepRecord = { step, loss: 0.05 + 0.5 * Math.exp(-step / 3000) + 0.01 * Math.sin(step), learningRate: 1e-4, ms: 10, examplesPerSecond: 800 };
    if ((step + 1) % every === 0) r.validationLoss = 0.06 + 0.5 * Math.exp(-step / 3500);
    return r;
  });
}

const weighted = (points: { loss: number; count: number }[]) => points.reduce((s, p) => s + p.loss * p.count, 0) / points.reduce((s, p) => s + p.count, 0);
const mean = (a: number[]) => a.reduce((s, x) => s + x, 0) / a.length;

describe("LossSeries", () => {
  it("keeps every step as its own point while they fit", () => {
    const records = run(120, 40);
    const view = lossSeries(records, 500);
    expect(view.bucketSteps).toBe(1);
    expect(view.train.map((p) => p.loss)).toEqual(records.map((r) => r.loss));
    expect(view.train.map((p) => p.step)).toEqual(records.map((r) => r.step + 1));
    expect(view.validation.map((p) => [p.step, p.loss])).toEqual(records.filter((r) => r.validationLoss !== undefined).map((r) => [r.step + 1, r.validationLoss]));
    expect(view.kind).toBe("view");
    expect(view.view).toBe("loss");
    expect(view.caption).toMatch(/^L1 loss over 120 steps \(train: 120 points, every step\)/);
  });

  it("stays bounded over 100 000 steps, preserves both means, and each point is its bucket's plain mean", () => {
    const records = run(100_000, 50);
    const series = new LossSeries({ maxPoints: 500 });
    let largest = 0;
    for (const r of records) {
      series.add(r);
      if (r.step % 997 === 0) largest = Math.max(largest, series.view().train.length);
    }
    const view = series.view();
    expect(view.train.length).toBeLessThanOrEqual(500);
    expect(largest).toBeLessThanOrEqual(500);
    expect(view.bucketSteps).toBe(1000); // 1 → 10 → 100 → 1000 as steps pass 500, 5 000, 50 000
    expect(view.train.length).toBe(101); // completed steps 1…100 000 in buckets [0, 1000) … [100 000, 101 000)
    expect(weighted(view.train)).toBeCloseTo(mean(records.map((r) => r.loss)), 12);
    const valid = records.filter((r) => r.validationLoss !== undefined).map((r) => r.validationLoss!);
    expect(valid).toHaveLength(2000);
    expect(view.validation.reduce((n, p) => n + p.count, 0)).toBe(2000);
    expect(weighted(view.validation)).toBeCloseTo(mean(valid), 12);
    // Independently: bucket 37 holds completed steps 37 000…37 999, i.e. records 36 999…37 998.
    const inBucket = records.filter((r) => Math.floor((r.step + 1) / 1000) === 37);
    const p = view.train.find((q) => q.bucket === 37)!;
    expect(p.count).toBe(1000);
    expect(p.loss).toBeCloseTo(mean(inBucket.map((r) => r.loss)), 12);
    expect(p.step).toBeCloseTo(37_499.5, 9);
    expect(view.records).toBe(100_000);
  });

  it("merges pairs with growth 2, keeping between half and all of maxPoints", () => {
    const records = run(10_000, 25);
    const series = new LossSeries({ maxPoints: 64, growth: 2 });
    for (const r of records) series.add(r);
    const view = series.view();
    expect(view.bucketSteps).toBe(256); // 10 000 / 64 ≈ 156 → the next power of two
    expect(view.train.length).toBeGreaterThanOrEqual(32);
    expect(view.train.length).toBeLessThanOrEqual(64);
    expect(weighted(view.train)).toBeCloseTo(mean(records.map((r) => r.loss)), 12);
  });

  it("lays buckets from step 0, so a resumed run keeps its steps", () => {
    const view = lossSeries(run(30, 10, 2000), 100);
    expect(view.bucketSteps).toBe(100); // step 2030 needs buckets of 100 to fit 100 of them from 0
    expect(view.train).toHaveLength(1);
    expect(view.train[0].bucket).toBe(20);
    expect(view.train[0].step).toBeCloseTo(2015.5, 9);
  });

  it("leaves non-finite losses out of the means, counts them, and keeps the last record", () => {
    const records = run(10, 1000);
    records[4] = { ...records[4], loss: NaN };
    const view = lossSeries(records, 500);
    expect(view.train).toHaveLength(9);
    expect(view.nonFinite).toBe(1);
    expect(view.last?.step).toBe(9);
    expect(view.caption).toMatch(/1 non-finite loss left out/);
    expect(() => new LossSeries({ maxPoints: 1 })).toThrow(/maxPoints must be a whole number ≥ 2/);
    expect(() => new LossSeries().add({ ...records[0], step: -1 })).toThrow(/step must be a whole number/);
  });
});

describe("chartData (the series as tfjs-vis's linechart takes them)", () => {
  it("lays both series on one bucket grid from 0, joins validation points straight, and names the bucket width", async () => {
    const { chartData } = await import("../../../src/viz/dom/training");
    const records = run(40, 10); // validation after steps 10, 20, 30, 40 (0-based 9, 19, 29, 39)
    const { data, xLabel } = chartData(lossSeries(records, 500));
    expect(xLabel).toBe("step");
    expect(data.series).toEqual(["train", "validation"]);
    const [train, valid] = data.values as { x: number; y: number | null }[][];
    expect(train).toHaveLength(41);
    expect(valid).toHaveLength(41);
    expect(train.map((p) => p.x)).toEqual(Array.from({ length: 41 }, (_, i) => i));
    expect(train[0].y).toBeNull(); // no step has completed 0 steps
    expect(train[7].y).toBe(records[6].loss);
    expect(valid.slice(0, 10).every((p) => p.y === null)).toBe(true);
    expect(valid[10].y).toBe(records[9].validationLoss);
    expect(valid[20].y).toBe(records[19].validationLoss);
    const v10 = records[9].validationLoss!, v20 = records[19].validationLoss!;
    expect(valid[13].y).toBeCloseTo(v10 + (v20 - v10) * 0.3, 12);

    const long = chartData(lossSeries(run(2345, 1000), 100));
    expect(long.xLabel).toBe("step (×100)");
    expect(long.data.series).toEqual(["train", "validation"]);
    expect(chartData(lossSeries(run(30, 1000), 100)).data.series).toEqual(["train"]);
  });
});
