import { describe, expect, it } from "vitest";
import { stft, STFT_PAPER } from "../../../src/dsp";
import { raster } from "../../../src/viz/raster-data";
import { formatDb, fullScaleMagnitude, spectrogramFrequencyExtent, spectrogramTimeExtent, spectrogramView } from "../../../src/viz/spectrogram-view";

const RATE = 8192;
function sine(hz: number, amplitude: number, seconds: number, rate = RATE): Float32Array {
  return Float32Array.from({ length: Math.round(seconds * rate) }, (_, i) => amplitude * Math.sin((2 * Math.PI * hz * i) / rate));
}

describe("spectrogram axes", () => {
  it("spans half a hop around the first and last frame centres (paper STFT, centred)", () => {
    // frame t is centred at t·768 samples: 5 frames run from −384/8192 s to 4.5·768/8192 s.
    const e = spectrogramTimeExtent(5, { sampleRate: 8192, hop: 768, firstCentre: 0 });
    expect(e.unit).toBe("s");
    expect(e.start).toBeCloseTo(-0.046875, 12);
    expect(e.end).toBeCloseTo(0.421875, 12);
  });

  it("shifts by nfft/2 for an uncentred STFT and counts frames without a rate", () => {
    expect(spectrogramTimeExtent(5, { sampleRate: 8192, hop: 768, firstCentre: 512 }).start).toBeCloseTo((512 - 384) / 8192, 12);
    expect(spectrogramTimeExtent(5)).toEqual({ start: -0.5, end: 4.5, unit: "frame" });
  });

  it("puts bin k at k·binHz: 513 bins of 8 Hz span −4…4100 Hz", () => {
    expect(spectrogramFrequencyExtent(513, 8)).toEqual({ start: -4, end: 4100, unit: "Hz" });
    expect(spectrogramFrequencyExtent(512)).toEqual({ start: -0.5, end: 511.5, unit: "bin" });
  });
});

describe("spectrogramView", () => {
  it("reads a half-scale sine at a bin centre as −6.02 dBFS (|X| = 0.5·sum(hann)/2 = 128)", () => {
    expect(fullScaleMagnitude(STFT_PAPER)).toBeCloseTo(256, 5); // scipy: get_window('hann', 1024).sum() / 2
    const v = spectrogramView({ sampleRate: RATE, channels: [sine(1000, 0.5, 3)] });
    expect(v.unit).toBe("dBFS");
    expect(v.reference).toBeCloseTo(256, 5);
    expect([v.frames, v.bins, v.columns, v.rows]).toEqual([33, 513, 33, 512]); // 1 + ceil((24576 + 1024 − 1024) / 768)
    const bin = 1000 / 8; // row = bin below the merged top pair
    const db = 20 * Math.log10(v.values[16 * v.rows + bin] / v.reference);
    expect(db).toBeCloseTo(-6.0206, 3);
    expect(formatDb(v.values[16 * v.rows + bin], v.reference, v.unit)).toBe("−6.0 dBFS");
  });

  it("takes a Spectrogram's hop and bin spacing from its config, assuming the model rate when none is given", () => {
    const spec = stft(sine(500, 0.25, 2), STFT_PAPER);
    const v = spectrogramView(spec);
    expect(v.time).toEqual(spectrogramTimeExtent(spec.frames, { sampleRate: 8192, hop: 768 }));
    expect(v.frequency).toEqual({ start: -4, end: 4100, unit: "Hz" });
    expect(v.caption).toMatch(/rate taken as 8192 Hz/);
    const at16k = spectrogramView(spec, { sampleRate: 16384 });
    expect(at16k.frequency.end).toBe(8200);
    expect(at16k.caption).not.toMatch(/taken as/);
  });

  it("resamples audio to the model rate and mixes it to mono by default", () => {
    const n = 44100;
    const left = sine(1000, 0.5, 1, 44100);
    const v = spectrogramView({ sampleRate: 44100, channels: [left, new Float32Array(n)] });
    expect(v.frequency.end).toBe(4100); // 0–4096 Hz: analysed at 8192 Hz
    expect(v.caption).toMatch(/mixed to mono at 8192 Hz/);
    // The mono mix is the mean: a half-scale sine in one channel of two reads a quarter scale (−12 dBFS).
    const mid = Math.floor(v.columns / 2);
    expect(20 * Math.log10(v.values[mid * v.rows + 125] / v.reference)).toBeCloseTo(-12.04, 1);
    const native = spectrogramView({ sampleRate: 44100, channels: [left] }, { analysisRate: "native" });
    expect(native.frequency.end).toBeCloseTo(512.5 * (44100 / 1024), 9);
  });

  it("crops to maxHz by whole bins", () => {
    const v = spectrogramView({ sampleRate: RATE, channels: [sine(1000, 0.5, 1)] }, { maxHz: 2000 });
    expect(v.bins).toBe(251); // bins 0…250, 250·8 = 2000 Hz
    expect(v.frequency.end).toBe(250.5 * 8);
    expect(() => spectrogramView({ values: new Float32Array(6), frames: 2, bins: 3 }, { maxHz: 100 })).toThrow(/maxHz needs the bin spacing/);
  });

  it("pools a 3-minute song to at most 1200 × 512 and keeps the full axis extents", () => {
    const frames = 1921, bins = 513;
    const v = spectrogramView({ values: new Float32Array(frames * bins).fill(1), frames, bins }, { sampleRate: 8192, hop: 768, binHz: 8 });
    expect([v.columns, v.rows]).toEqual([1200, 512]);
    expect(v.time.end).toBeCloseTo(1920.5 * 768 / 8192, 9);
    expect(v.caption).toMatch(/shown 1200 × 512, max-pooled/);
  });

  it("draws a linear raster (a mask) on a fixed 0–1 scale and plain arrays relative to their maximum", () => {
    const mask = spectrogramView(raster(Float32Array.from([0.1, 0.2, 0.3, 0.4]), 2, 2, { scale: "linear" }));
    expect([mask.scale, mask.reference]).toEqual(["linear", 1]);
    expect(mask.time.unit).toBe("frame");
    const plain = spectrogramView({ values: Float32Array.from([1, -4, 2, 3]), frames: 2, bins: 2 });
    expect([plain.reference, plain.unit]).toEqual([4, "dB re max"]);
  });

  it("explains bad input", () => {
    expect(() => spectrogramView({ values: new Float32Array(6), frames: 2, bins: 2 })).toThrow(/6 values cannot be 2 frames × 2 bins/);
    expect(() => spectrogramView({ values: new Float32Array(4), frames: 2, bins: 2 }, { colormap: "jet" })).toThrow(/unknown colormap "jet"/);
    expect(() => spectrogramView({ nothing: 1 } as never)).toThrow(/give a Spectrogram/);
  });

  it("formats dB with a real minus sign and silence as −∞", () => {
    expect(formatDb(1, 10, "dB")).toBe("−20.0 dB");
    expect(formatDb(10, 10, "dB")).toBe("0.0 dB");
    expect(formatDb(0, 10, "dBFS")).toBe("−∞ dBFS");
  });
});
