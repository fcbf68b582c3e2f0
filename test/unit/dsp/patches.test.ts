import { describe, expect, it } from "vitest";
import { fromPatches, patchStarts, toPatches, PATCH_PAPER } from "../../../src/dsp";
import { noise } from "../fixtures";

describe("spectrogram patches", () => {
  it("lays a patch out bin-major (height = frequency, width = time)", () => {
    const frames = 3, bins = 5;
    const values = Float32Array.from({ length: frames * bins }, (_, i) => i); // value = frame·bins + bin
    const p = toPatches(values, frames, bins, { patchBins: 4, patchFrames: 2, step: 2 });
    expect(p.count).toBe(2);
    expect(p.starts).toEqual([0, 2]);
    // patch 0, bin 1, frames 0 and 1
    expect([p.data[1 * 2 + 0], p.data[1 * 2 + 1]]).toEqual([1, 6]);
    // patch 1 has frame 2 then zero padding
    expect([p.data[8 + 3 * 2 + 0], p.data[8 + 3 * 2 + 1]]).toEqual([13, 0]);
  });

  it("covers every frame, the last patch running past the end", () => {
    expect(patchStarts(128, 128, 128)).toEqual([0]);
    expect(patchStarts(129, 128, 128)).toEqual([0, 128]);
    expect(patchStarts(300, 128, 64)).toEqual([0, 64, 128, 192]);
  });

  for (const step of [128, 96, 64, 1]) {
    it(`stitching inverts tiling exactly (paper patch size, step ${step})`, () => {
      const frames = 1000, bins = 513;
      const values = noise(frames * bins, step);
      const stitched = fromPatches(toPatches(values, frames, bins, { ...PATCH_PAPER, step }), frames);
      expect(stitched.length).toBe(frames * 512);
      for (let f = 0; f < frames; f += 37) {
        for (let b = 0; b < 512; b += 11) expect(stitched[f * 512 + b]).toBeCloseTo(values[f * bins + b], 6);
      }
    });
  }

  it("blends overlapping predictions without a seam", () => {
    // Each patch predicts a constant (its index); across the overlap the blend moves monotonically.
    const frames = 256;
    const opts = { patchBins: 1, patchFrames: 128, step: 64 };
    const tiled = toPatches(new Float32Array(frames), frames, 1, opts);
    tiled.starts.forEach((_, p) => tiled.data.fill(p, p * 128, (p + 1) * 128));
    const out = fromPatches(tiled, frames);
    for (let f = 1; f < frames; f++) expect(out[f] - out[f - 1]).toBeGreaterThanOrEqual(-1e-6);
    expect(Math.max(...Array.from(out, (v, f) => (f ? Math.abs(v - out[f - 1]) : 0)))).toBeLessThan(0.05);
  });

  it("rejects bad options", () => {
    expect(() => toPatches(new Float32Array(10), 2, 5, { patchBins: 4, patchFrames: 2, step: 3 })).toThrow(/skipped/);
    expect(() => toPatches(new Float32Array(10), 2, 5, { patchBins: 6, patchFrames: 2, step: 2 })).toThrow(/bins/);
  });
});
