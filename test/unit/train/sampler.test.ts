import { describe, expect, it } from "vitest";
import { learningRateAt, PatchSampler, stepRandom, trackSpectra, type TrackSpectra } from "../../../src/train";
import { noise } from "../fixtures";

function fakeTrack(name: string, frames: number, bins = 513): TrackSpectra {
  // value = frame·1000 + bin for the mixture, so a patch tells exactly where it came from
  const mixture = Float32Array.from({ length: frames * bins }, (_, i) => Math.floor(i / bins) * 1000 + (i % bins));
  return { name, frames, bins, mixture, vocals: mixture.map((v) => v + 0.25), accompaniment: mixture.map((v) => v + 0.5), scale: 1 };
}

describe("patch sampler", () => {
  const tracks = [fakeTrack("a", 300), fakeTrack("b", 50)];
  const sampler = new PatchSampler(tracks, { bins: 64, frames: 32 }, "vocals", 7);

  it("lays patches out [batch][bin][frame] with consecutive frames of one track", () => {
    const b = sampler.batch(0, 4);
    expect(b.mixture.length).toBe(4 * 64 * 32);
    for (let p = 0; p < 4; p++) {
      const base = p * 64 * 32;
      const f0 = Math.floor(b.mixture[base] / 1000);
      for (let bin = 0; bin < 64; bin += 9) {
        for (let f = 0; f < 32; f += 5) expect(b.mixture[base + bin * 32 + f]).toBe((f0 + f) * 1000 + bin);
      }
      expect(b.target[base + 3 * 32 + 4]).toBe(b.mixture[base + 3 * 32 + 4] + 0.25);
    }
  });

  it("is a pure function of (seed, step)", () => {
    expect(sampler.batch(5, 3).mixture).toEqual(sampler.batch(5, 3).mixture);
    expect(sampler.batch(5, 3).mixture).not.toEqual(sampler.batch(6, 3).mixture);
    const again = new PatchSampler(tracks, { bins: 64, frames: 32 }, "vocals", 7);
    expect(again.batch(5, 3).mixture).toEqual(sampler.batch(5, 3).mixture);
  });

  it("stacks both targets on the channel axis", () => {
    const both = new PatchSampler(tracks, { bins: 8, frames: 4 }, "both", 1).batch(0, 1);
    expect(both.targetChannels).toBe(2);
    expect(both.target[0] - both.mixture[0]).toBe(0.25);
    expect(both.target[1] - both.mixture[0]).toBe(0.5);
  });

  it("zero-pads a track shorter than a patch, and covers tracks in proportion to length", () => {
    const short = new PatchSampler([fakeTrack("s", 10)], { bins: 4, frames: 32 }, "vocals", 1).batch(0, 1);
    expect(short.mixture[31]).toBe(0);
    expect(short.mixture[9]).toBe(9000);
    let fromLong = 0;
    for (let s = 0; s < 200; s++) if (sampler.batch(s, 1).mixture[0] % 1000 === 0 && sampler.batch(s, 1).mixture[0] / 1000 > 18) fromLong++;
    expect(fromLong).toBeGreaterThan(150); // track a offers 269 start frames of 288
  });

  it("rejects patches wider in bins than the spectrogram", () => {
    expect(() => new PatchSampler(tracks, { bins: 600, frames: 32 }, "vocals", 1)).toThrow(/600 bins/);
    expect(() => new PatchSampler([], { bins: 6, frames: 32 }, "vocals", 1)).toThrow(/no training tracks/);
  });
});

describe("track spectra", () => {
  it("scales every magnitude by the mixture's largest", () => {
    const v = noise(8192 * 2, 1, 0.3);
    const a = noise(8192 * 2, 2, 0.3);
    const t = trackSpectra({ name: "n", vocals: { sampleRate: 8192, channels: [v] }, accompaniment: { sampleRate: 8192, channels: [a] } });
    expect(Math.max(...t.mixture)).toBeCloseTo(1, 6);
    expect(t.bins).toBe(513);
    expect(t.frames).toBe(23);
  });
});

describe("schedule and randomness", () => {
  it("decays the learning rate as a staircase", () => {
    const s = { initial: 1e-3, decay: { factor: 0.5, every: 10 } };
    expect([0, 9, 10, 25].map((n) => learningRateAt(s, n))).toEqual([1e-3, 1e-3, 5e-4, 2.5e-4]);
  });
  it("gives unrelated streams for neighbouring steps", () => {
    expect(stepRandom(1, 1)()).not.toBe(stepRandom(1, 2)());
    expect(stepRandom(1, 1)()).toBe(stepRandom(1, 1)());
  });
});
