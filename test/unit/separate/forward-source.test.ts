import { describe, expect, it } from "vitest";
import { forwardSource, type DecodedPiece } from "../../../src/separate/forward-source";

/** A decoder of the ramp 0, 1, 2, … in pieces of `size` frames, two channels (the second negated), counting its passes. */
function ramp(frames: number, size: number, options: { shift?: number; gapAt?: number } = {}) {
  const passes = { started: 0 };
  return {
    passes,
    decoder: {
      sampleRate: 8000,
      channelCount: 2,
      frames,
      async *start(): AsyncGenerator<DecodedPiece> {
        passes.started++;
        const shift = options.shift ?? 0;
        for (let at = -shift; at < frames; at += size) {
          if (options.gapAt !== undefined && at <= options.gapAt && options.gapAt < at + size) continue; // a lost packet
          const left = Float32Array.from({ length: size }, (_, i) => at + i);
          yield { at, channels: [left, left.map((v) => -v)] };
        }
      },
      close() {},
    },
  };
}

describe("forwardSource: a forward-only decoder as a ChunkSource", () => {
  it("gives each range from the pieces, decoding once for reads that move forward", async () => {
    const { decoder, passes } = ramp(10_000, 777, { shift: 300 });
    const source = forwardSource(decoder);
    for (const [start, count] of [[0, 3000], [2000, 3000], [4000, 3000], [8000, 3000]]) {
      const [l, r] = await source.read(start, count);
      const n = Math.min(count, 10_000 - start);
      expect(l).toEqual(Float32Array.from({ length: n }, (_, i) => start + i));
      expect(r).toEqual(Float32Array.from({ length: n }, (_, i) => -(start + i)));
    }
    expect(passes.started).toBe(1);
  });

  it("starts over for a read that goes back, and fills a missing piece with silence", async () => {
    const { decoder, passes } = ramp(5000, 500, { gapAt: 1200 });
    const source = forwardSource(decoder);
    await source.read(3000, 1000);
    const [l] = await source.read(900, 800);
    expect(passes.started).toBe(2);
    expect(Array.from(l.subarray(0, 100))).toEqual(Array.from({ length: 100 }, (_, i) => 900 + i));
    expect(l.subarray(100, 600).every((v) => v === 0)).toBe(true); // frames 1000–1499 never came
    expect(l[600]).toBe(1500);
  });
});
