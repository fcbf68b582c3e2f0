import { describe, expect, it } from "vitest";
import { envelope, envelopePyramid, formatPeak, pyramidEnvelope, waveformView } from "../../../src/viz/waveform";
import { mulberry32 } from "../../../src/train/random";

describe("envelope", () => {
  const x = Float32Array.from([0, 1, -1, 2, -2, 3, -3, 4]);

  it("gives each column the min and max of its samples (worked by hand)", () => {
    const e = envelope(x, 0, 8, 4);
    expect([...e.min]).toEqual([0, -1, -2, -3]);
    expect([...e.max]).toEqual([1, 2, 3, 4]);
  });

  it("splits uneven ranges at floor(c·n/columns): 10 samples in 3 columns are 3, 3 and 4", () => {
    const ten = Float32Array.from({ length: 10 }, (_, i) => i);
    const e = envelope(ten, 0, 10, 3);
    expect([...e.min]).toEqual([0, 3, 6]);
    expect([...e.max]).toEqual([2, 5, 9]);
  });

  it("shows one sample a column when zoomed in past the samples", () => {
    const e = envelope(x, 2, 4, 4); // samples −1 and 2 over 4 columns
    expect([...e.min]).toEqual([-1, -1, 2, 2]);
    expect([...e.max]).toEqual([-1, -1, 2, 2]);
  });

  it("leaves columns beyond the signal empty (NaN)", () => {
    const e = envelope(x, -4, 4, 2);
    expect(Number.isNaN(e.min[0]) && Number.isNaN(e.max[0])).toBe(true);
    expect([e.min[1], e.max[1]]).toEqual([-1, 2]);
    expect(() => envelope(x, 4, 4, 2)).toThrow(/start < end/);
  });
});

describe("envelope pyramid", () => {
  const rand = mulberry32(3);
  const samples = Float32Array.from({ length: 100_000 }, () => 2 * rand() - 1);
  const pyramid = envelopePyramid(samples);

  it("has levels of 64 and 256 samples for 100 000 samples (stops under 1000 blocks)", () => {
    expect(pyramid.levels.map((l) => [l.block, l.min.length])).toEqual([[64, 1563], [256, 391]]);
  });

  it("equals the exact envelope when column edges fall on blocks", () => {
    const exact = envelope(samples, 0, 97_280, 95); // 1024 samples a column = 4 blocks of 256
    const fast = pyramidEnvelope(samples, pyramid, 0, 97_280, 95);
    expect([...fast.min]).toEqual([...exact.min]);
    expect([...fast.max]).toEqual([...exact.max]);
  });

  it("otherwise reaches at most one block past a column's edges", () => {
    const start = 1234, end = 91_011, columns = 77;
    const exact = envelope(samples, start, end, columns);
    const fast = pyramidEnvelope(samples, pyramid, start, end, columns);
    const n = end - start;
    for (let c = 0; c < columns; c++) {
      expect(fast.min[c]).toBeLessThanOrEqual(exact.min[c]);
      expect(fast.max[c]).toBeGreaterThanOrEqual(exact.max[c]);
      const lo = start + Math.floor((c * n) / columns), hi = start + Math.floor(((c + 1) * n) / columns);
      const widened = envelope(samples, Math.max(0, lo - 256), Math.min(samples.length, hi + 256), 1);
      expect(fast.min[c]).toBeGreaterThanOrEqual(widened.min[0]);
      expect(fast.max[c]).toBeLessThanOrEqual(widened.max[0]);
    }
  });

  it("falls back to the samples when a column is narrower than a block", () => {
    const fast = pyramidEnvelope(samples, pyramid, 500, 1500, 100);
    expect([...fast.max]).toEqual([...envelope(samples, 500, 1500, 100).max]);
  });
});

describe("waveformView", () => {
  it("copies the samples, reports the true peak and keeps the −1…1 axis", () => {
    const left = Float32Array.from([0, 0.25, -0.5, 0.1]);
    const right = Float32Array.from([0, -0.1, 0.2, 0.05]);
    const v = waveformView({ sampleRate: 4, channels: [left, right] });
    left[2] = 0.9;
    expect(v.channels[0][2]).toBe(-0.5);
    expect(v.names).toEqual(["L", "R"]);
    expect(v.peak).toBe(0.5);
    expect(v.duration).toBe(1);
    expect(v.amplitude).toBe("full");
    expect(v.caption).toMatch(/peak −6\.0 dBFS/);
  });

  it("mixes to the mean of the channels when asked for mono", () => {
    const v = waveformView({ sampleRate: 4, channels: [Float32Array.from([1, 0]), Float32Array.from([0, 0.5])] }, { mono: true });
    expect(v.names).toEqual(["mono"]);
    expect([...v.channels[0]]).toEqual([0.5, 0.25]);
  });

  it("formats peaks in dBFS", () => {
    expect(formatPeak(1)).toBe("0.0 dBFS");
    expect(formatPeak(0.1)).toBe("−20.0 dBFS");
    expect(formatPeak(0)).toBe("silent");
  });
});
