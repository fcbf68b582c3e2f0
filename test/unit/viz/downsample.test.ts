import { describe, expect, it } from "vitest";
import { logRowRanges, maxPool, maxPoolRows, poolEdges } from "../../../src/viz/downsample";

describe("poolEdges", () => {
  it("puts boundaries at floor(i·n/m) (numpy: [i*10//4 for i in range(5)])", () => {
    expect([...poolEdges(10, 4)]).toEqual([0, 2, 5, 7, 10]);
  });

  it("merges exactly one pair when 513 bins go into 512 rows: the top two bins", () => {
    const e = poolEdges(513, 512);
    expect(e.length).toBe(513);
    const sizes = Array.from({ length: 512 }, (_, i) => e[i + 1] - e[i]);
    expect(sizes.filter((s) => s === 2)).toHaveLength(1);
    expect(sizes.indexOf(2)).toBe(511);
    expect(e[512]).toBe(513);
  });

  it("never invents cells: more outputs than inputs keeps the inputs", () => {
    expect([...poolEdges(5, 10)]).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("rejects empty axes", () => {
    expect(() => poolEdges(0, 4)).toThrow(/at least one input/);
    expect(() => poolEdges(4, 0)).toThrow(/at least one output/);
  });
});

describe("maxPool", () => {
  // 4 frames × 3 bins, frame-major; value = 10·frame + bin, with one negative cell.
  const values = Float32Array.from([0, 1, 2, 10, 11, 12, 20, -25, 22, 30, 31, 32]);

  it("takes the largest |value| of each block (worked by hand)", () => {
    // columns: frames {0,1} and {2,3}; rows: bins {0} and {1,2} (edges floor(i·3/2) = 0, 1, 3).
    const p = maxPool(values, 4, 3, 2, 2);
    expect([p.columns, p.rows]).toEqual([2, 2]);
    expect([...p.values]).toEqual([10, 12, 30, 32]);
  });

  it("counts a negative value by its size, as the raster paints |v|", () => {
    const p = maxPool(values, 4, 3, 4, 1);
    expect([...p.values]).toEqual([2, 12, 25, 32]);
  });

  it("returns a copy of |values| when nothing needs pooling", () => {
    const p = maxPool(values, 4, 3, 1200, 512);
    expect([p.columns, p.rows]).toEqual([4, 3]);
    expect(p.values).not.toBe(values);
    expect([...p.values]).toEqual([...values].map(Math.abs));
  });

  it("keeps a one-frame event at full height in a 3-minute spectrogram (mean pooling would not)", () => {
    const frames = 1921, bins = 513;
    const big = new Float32Array(frames * bins).fill(0.001);
    big[1000 * bins + 300] = 5; // one frame, one bin
    const p = maxPool(big, frames, bins, 1200, 512);
    expect([p.columns, p.rows]).toEqual([1200, 512]);
    const edges = poolEdges(frames, 1200);
    const col = edges.findIndex((e, i) => e <= 1000 && 1000 < edges[i + 1]); // the block holding frame 1000
    expect(col).toBe(625); // edges floor(625·1921/1200) = 1000 and floor(626·1921/1200) = 1002
    expect(p.values[col * 512 + 300]).toBe(5);
    let others = 0;
    for (let i = 0; i < p.values.length; i++) if (i !== col * 512 + 300) others = Math.max(others, p.values[i]);
    expect(others).toBeCloseTo(0.001, 6);
  });

  it("says what is wrong with a mis-shaped array", () => {
    expect(() => maxPool(new Float32Array(10), 3, 3, 2, 2)).toThrow(/10 values cannot be 3 frames × 3 bins/);
  });
});

describe("logRowRanges and maxPoolRows (a log-frequency axis)", () => {
  // 513 bins of 8 Hz (8192 Hz, nfft 1024): rows span −4 … 4100 Hz.
  const bins = 513;
  const start = -4;
  const end = 4100;

  it("covers 30 Hz to the top, each row at least one bin, rows climbing by a constant ratio", () => {
    const m = 300;
    const { from, to } = logRowRanges(bins, start, end, m, 30);
    expect(from[0]).toBe(Math.floor((30 - start) / 8)); // bin 4 holds 30 Hz (28–36 Hz)
    expect(to[m - 1]).toBe(bins);
    for (let r = 0; r < m; r++) {
      expect(to[r]).toBeGreaterThan(from[r]);
      if (r > 0) {
        expect(from[r]).toBeGreaterThanOrEqual(from[r - 1]);
        // No bin is skipped between neighbouring rows.
        expect(from[r]).toBeLessThanOrEqual(to[r - 1]);
      }
    }
    // The band of row r: 30·(4100/30)^(r/m). 1000 Hz (bin 125) falls in the row log(1000/30)/log(4100/30)·m.
    const r1000 = Math.floor((Math.log(1000 / 30) / Math.log(4100 / 30)) * m);
    expect(from[r1000]).toBeLessThanOrEqual(125);
    expect(to[r1000]).toBeGreaterThan(125);
    // Low rows repeat a bin (30–60 Hz is 4 bins over ~42 rows); the top rows gather several.
    expect(to[0] - from[0]).toBe(1);
    expect(to[m - 1] - from[m - 1]).toBeGreaterThan(1);
  });

  it("pools each output row as the loudest of its bins, a one-bin spike kept", () => {
    const frames = 3;
    const values = new Float32Array(frames * bins);
    values[1 * bins + 250] = -0.7; // frame 1, bin 250 (2000 Hz): |−0.7|
    values[2 * bins + 10] = 0.2;
    const { from, to } = logRowRanges(bins, start, end, 64, 30);
    const pooled = maxPoolRows(values, frames, bins, frames, from, to);
    expect([pooled.columns, pooled.rows]).toEqual([3, 64]);
    for (let c = 0; c < frames; c++) {
      for (let r = 0; r < 64; r++) {
        let expected = 0;
        for (let b = from[r]; b < to[r]; b++) expected = Math.max(expected, Math.abs(values[c * bins + b]));
        expect(pooled.values[c * 64 + r]).toBe(expected);
      }
    }
    expect(Math.max(...pooled.values.subarray(64, 128))).toBeCloseTo(0.7, 6);
  });

  it("says what is wrong with an impossible axis or row range", () => {
    expect(() => logRowRanges(bins, start, end, 10, 0)).toThrow(/0 < low/);
    expect(() => logRowRanges(bins, start, 20, 10, 30)).toThrow(/low \(30\) < end \(20\)/);
    expect(() => maxPoolRows(new Float32Array(4), 2, 2, 2, Int32Array.of(1), Int32Array.of(1))).toThrow(/row 0 reads rows \[1, 1\)/);
  });
});
