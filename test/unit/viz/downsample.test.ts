import { describe, expect, it } from "vitest";
import { maxPool, poolEdges } from "../../../src/viz/downsample";

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
