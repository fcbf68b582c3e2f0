import { describe, expect, it } from "vitest";
import { median, timeRuns } from "../../../bench/stats";

describe("median", () => {
  it("takes the middle of an odd count and the mean of the middle two of an even one, unsorted input", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });
  it("ignores one outlier, which a mean would not", () => {
    expect(median([100, 101, 99, 5000, 100])).toBe(100);
  });
  it("does not reorder its input", () => {
    const a = [3, 1, 2];
    median(a);
    expect(a).toEqual([3, 1, 2]);
  });
  it("is NaN for no values rather than a made-up number", () => {
    expect(median([])).toBeNaN();
  });
});

describe("timeRuns", () => {
  it("runs warm-ups untimed, then times each run and reports their median", async () => {
    const calls: string[] = [];
    let n = 0;
    const t = await timeRuns(async () => {
      n++;
      calls.push(n <= 2 ? "warmup" : "run");
      // Runs 3..5 wait 0, 30, 0 ms: the median must be near 0, the slow one in runsMs.
      if (n === 4) await new Promise((r) => setTimeout(r, 30));
    }, { warmup: 2, runs: 3 });
    expect(calls).toEqual(["warmup", "warmup", "run", "run", "run"]);
    expect(t.runsMs).toHaveLength(3);
    expect(t.runsMs[1]).toBeGreaterThanOrEqual(25);
    expect(t.ms).toBeLessThan(25);
    expect(t.ms).toBe(median(t.runsMs));
  });
  it("refuses zero runs", async () => {
    await expect(timeRuns(() => 0, { warmup: 0, runs: 0 })).rejects.toThrow(/runs must be a whole number/);
  });
});
