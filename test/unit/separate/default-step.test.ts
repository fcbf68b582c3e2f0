import { describe, expect, it } from "vitest";
import { patchStarts } from "../../../src/dsp";
import { defaultStep } from "../../../src/separate";

describe("defaultStep", () => {
  it("overlaps patches by 8 frames (a quarter of a small patch), so 3 minutes take 16 paper patches, not 20", () => {
    expect(defaultStep(128)).toBe(120);
    expect(defaultStep(32)).toBe(24);
    expect(defaultStep(4)).toBe(3);
    expect(defaultStep(1)).toBe(1);
    // 3 minutes at 8192 Hz, hop 768, centred: 1921 frames.
    expect(patchStarts(1921, 128, defaultStep(128))).toHaveLength(16);
    expect(patchStarts(1921, 128, 96)).toHaveLength(20);
    // Every frame is covered and neighbours overlap: the cross-fade has frames to work with.
    const starts = patchStarts(1921, 128, defaultStep(128));
    expect(starts[starts.length - 1] + 128).toBeGreaterThanOrEqual(1921);
  });
});
