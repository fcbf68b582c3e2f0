import { describe, expect, it } from "vitest";
import { ITEMS, itemNamed, type BenchItem } from "../../../bench/items";
import { makeRows, meets, ratioOf, type ReferenceTimes } from "../../../bench/rows";

const item = (name: string): BenchItem => {
  const found = itemNamed(name);
  if (!found) throw new Error(`no bench item ${name}`);
  return found;
};

const reference: ReferenceTimes = {
  items: {
    train_b8: { ms: 650, threads: 1, what: "PyTorch" },
    forward_b8: { ms: 140, threads: 1, what: "PyTorch" },
    stft_istft_3min: { ms: 40, threads: 1, what: "scipy" },
  },
  versions: {},
  missing: [],
};

describe("the item catalogue", () => {
  it("has unique names and covers the items issue 7 requires in every results entry", () => {
    const names = ITEMS.map((i) => i.name);
    expect(new Set(names).size).toBe(names.length);
    for (const required of ["train_b8_browser", "forward_b8_browser", "stft_istft_3min", "separate_3min_browser"]) expect(names).toContain(required);
  });
  it("gives every compared item a reference and every real-time item an audio length", () => {
    for (const i of ITEMS) {
      if (i.ratio === "vs-reference") expect(i.reference, i.name).toBeDefined();
      if (i.ratio === "real-time") expect(i.audioMs, i.name).toBeGreaterThan(0);
    }
  });
  it("carries the issue's targets", () => {
    expect(item("train_b8_browser").target).toEqual({ kind: "ratio-at-most", value: 1 });
    expect(item("separate_3min_browser").target).toEqual({ kind: "real-time-at-least", value: 150 });
    expect(item("longest_task_training_browser").target).toEqual({ kind: "at-most", value: 50 });
    expect(item("tti_preview").target).toEqual({ kind: "at-most", value: 1500 });
    expect(item("peak_memory_60min_browser").target).toEqual({ kind: "at-most", value: 1500 });
  });
});

describe("ratios and targets", () => {
  it("divides ours by the reference, and the audio length by ours for separations", () => {
    expect(ratioOf(item("train_b8_browser"), 1300, 650)).toBe(2);
    expect(ratioOf(item("separate_3min_browser"), 1200, null)).toBe(150);
  });
  it("has no ratio without both numbers, nor for memory (MB are not a speed)", () => {
    expect(ratioOf(item("train_b8_browser"), 1300, null)).toBeNull();
    expect(ratioOf(item("train_b8_browser"), null, 650)).toBeNull();
    expect(ratioOf(item("peak_memory_60min_browser"), 4000, null)).toBeNull();
    expect(ratioOf(item("tti_preview"), 900, null)).toBeNull();
  });
  it("judges each kind of target at its boundary, and says nothing when it cannot", () => {
    expect(meets({ kind: "ratio-at-most", value: 1 }, 10, 1)).toBe(true);
    expect(meets({ kind: "ratio-at-most", value: 1 }, 10, 1.01)).toBe(false);
    expect(meets({ kind: "real-time-at-least", value: 150 }, 10, 150)).toBe(true);
    expect(meets({ kind: "real-time-at-least", value: 150 }, 10, 149.9)).toBe(false);
    expect(meets({ kind: "at-most", value: 50 }, 50, null)).toBe(true);
    expect(meets({ kind: "at-most", value: 50 }, 51, null)).toBe(false);
    expect(meets({ kind: "ratio-at-most", value: 1 }, 10, null)).toBeNull();
    expect(meets(undefined, 10, 0.5)).toBeNull();
  });
});

describe("makeRows", () => {
  it("pairs each item with its measurement and its reference, in catalogue order", () => {
    const items = [item("stft_istft_3min"), item("train_b8_browser"), item("separate_3min_browser")];
    const rows = makeRows(items, [
      { name: "separate_3min_browser", value: 900 },
      { name: "train_b8_browser", value: 1950 },
      { name: "stft_istft_3min", value: 30 },
    ], reference);
    expect(rows.map((r) => r.item.name)).toEqual(["stft_istft_3min", "train_b8_browser", "separate_3min_browser"]);
    expect(rows[0]).toMatchObject({ ours: 30, reference: 40, ratio: 0.75, met: true });
    expect(rows[1]).toMatchObject({ ours: 1950, reference: 650, ratio: 3, met: false });
    expect(rows[2]).toMatchObject({ ours: 900, reference: null, ratio: 200, met: true });
  });
  it("shows an unmeasured item as such, and a missing reference as no ratio (not a pass)", () => {
    const rows = makeRows([item("forward_b8_browser"), item("train_b8_browser")], [{ name: "forward_b8_browser", value: 300 }], null);
    expect(rows[0]).toMatchObject({ ours: 300, reference: null, ratio: null, met: null });
    expect(rows[1]).toMatchObject({ ours: null, met: null, note: "not measured" });
  });
});
