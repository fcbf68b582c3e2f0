import { describe, expect, it } from "vitest";
import {
  RESAMPLE_SCIPY,
  Resampler,
  SignalResampler,
  resample,
  resampleRatio,
  resampleSignal,
  resampledLength,
} from "../../../src/audio";
import { fixtureF32, fixtureJson, maxAbsDiff, noise } from "./helpers";

const manifest = fixtureJson("resample", "manifest.json");

describe("resample vs scipy.signal.resample_poly", () => {
  for (const c of manifest.cases) {
    it(`${c.fromRate} → ${c.toRate} Hz (${c.call})`, () => {
      const x = fixtureF32("resample", `${c.name}.in.f32`);
      const expected = fixtureF32("resample", `${c.name}.out.f32`);
      const y = resample(x, c.fromRate, c.toRate, RESAMPLE_SCIPY);
      expect(y.length).toBe(c.outputLength);
      // Both sides are float32-rounded; taps are float32 here, so allow a couple of ulps at ~0.7.
      expect(maxAbsDiff(y, expected)).toBeLessThan(2.5e-7);
    });
  }

  it("reduces ratios by their gcd", () => {
    expect(resampleRatio(44100, 8192)).toEqual({ up: 2048, down: 11025 });
    expect(resampleRatio(48000, 44100)).toEqual({ up: 147, down: 160 });
    expect(resampledLength(44100 * 180, 44100, 8192)).toBe(8192 * 180);
    expect(resampledLength(7, 3, 2)).toBe(5); // ⌈14/3⌉
  });

  it("rejects rates that are not positive whole numbers", () => {
    expect(() => resample(new Float32Array(4), 44100.5, 8000)).toThrow(/fromRate must be a positive whole number/);
    expect(() => resample(new Float32Array(4), 44100, 0)).toThrow(/toRate must be a positive whole number/);
    expect(() => resample(new Float32Array(4), 8000, 4000, { cutoff: 1.5 })).toThrow(/cutoff must be in \(0, 1\]/);
  });

  it("same rate: resample copies, resampleSignal shares the channel arrays", () => {
    const x = noise(10);
    const y = resample(x, 8000, 8000);
    expect(y).not.toBe(x);
    expect(y).toEqual(x);
    const s = { sampleRate: 8000, channels: [x] };
    const t = resampleSignal(s, 8000);
    expect(t).not.toBe(s);
    expect(t.channels[0]).toBe(x);
  });

  it("handles empty and one-sample inputs", () => {
    expect(resample(new Float32Array(0), 44100, 8192).length).toBe(0);
    expect(resample(new Float32Array([1]), 8192, 44100).length).toBe(6);
  });
});

describe("streaming Resampler", () => {
  const rates: [number, number][] = [
    [44100, 8192],
    [8192, 44100],
    [48000, 44100],
    [3, 2],
  ];
  for (const [from, to] of rates) {
    it(`${from} → ${to}: blocks of any size give exactly the one-shot output`, () => {
      const x = noise(5000, from);
      const whole = resample(x, from, to);
      for (const block of [1, 7, 64, 1000, 4999, 5000, 8000]) {
        const r = new Resampler(from, to);
        const parts: Float32Array[] = [];
        for (let i = 0; i < x.length; i += block) parts.push(r.push(x.subarray(i, i + block)));
        parts.push(r.end());
        const joined = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
        let o = 0;
        for (const p of parts) {
          joined.set(p, o);
          o += p.length;
        }
        expect(joined).toEqual(whole);
        expect(r.outputLength).toBe(whole.length);
      }
    });
  }

  it("keeps bounded memory: its buffer does not grow with the signal", () => {
    const r = new Resampler(44100, 8192);
    const block = noise(4096);
    let out = 0;
    for (let i = 0; i < 500; i++) out += r.push(block).length;
    out += r.end().length;
    expect(out).toBe(resampledLength(4096 * 500, 44100, 8192));
    // The private buffer holds the filter history plus about one block, not 2 M samples.
    expect((r as unknown as { buf: Float32Array }).buf.length).toBeLessThan(64 * 1024);
  });

  it("SignalResampler equals resampleSignal for stereo (whose one-shot path pairs channels)", () => {
    const s = { sampleRate: 44100, channels: [noise(3000, 1), noise(3000, 2), noise(3000, 3)] };
    const whole = resampleSignal(s, 16000);
    const r = new SignalResampler(3, 44100, 16000);
    const a = r.push(s.channels.map((c) => c.subarray(0, 1234)));
    const b = r.push(s.channels.map((c) => c.subarray(1234)));
    const e = r.end();
    for (let c = 0; c < 3; c++) expect(Float32Array.from([...a[c], ...b[c], ...e[c]])).toEqual(whole.channels[c]);
    expect(() => r.end()).toThrow(/twice/);
    expect(() => new SignalResampler(2, 44100, 16000).push([new Float32Array(2)])).toThrow(/expected 2 channels, got 1/);
  });
});
