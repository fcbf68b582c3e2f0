import { describe, expect, it } from "vitest";
import { decodeWav, encodeWav } from "../../../src/audio";
import { wavHeader, wavSamples } from "../../../src/audio/wav-stream";

describe("WAV written in pieces", () => {
  const channels = [Float32Array.from({ length: 1001 }, (_, i) => Math.sin(i / 7)), Float32Array.from({ length: 1001 }, (_, i) => 0.5 * Math.cos(i / 5))];
  for (const format of ["pcm16", "pcm32", "float32", "float64"] as const) {
    it(`${format}: header + pieces are byte for byte encodeWav of the whole`, () => {
      const parts = [wavHeader(44100, 2, 1001, format), wavSamples(channels.map((c) => c.subarray(0, 400)), format), wavSamples(channels.map((c) => c.subarray(400)), format)];
      const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      parts.reduce((at, p) => (joined.set(p, at), at + p.length), 0);
      expect(joined).toEqual(encodeWav({ sampleRate: 44100, channels }, format));
      expect(decodeWav(joined).channels[1].length).toBe(1001);
    });
  }

  it("refuses formats with a pad byte and lengths past 4 GiB, saying what to do", () => {
    expect(() => wavHeader(8000, 1, 3, "pcm24" as never)).toThrow(/pcm16, pcm32, float32 or float64/);
    expect(() => wavHeader(44100, 2, 600_000_000, "float32")).toThrow(/4 GiB.*use pcm16/);
  });
});
