import { describe, expect, it } from "vitest";
import { initBackend } from "../../../src/backend";
import { createUNet, UNET_TINY } from "../../../src/model";
import {
  Augmenter,
  complexTrackSpectra,
  midMagnitudes,
  PatchSampler,
  stepRandom,
  Trainer,
  trackSpectra,
  warpStem,
  eqCurve,
  EQ_POINTS,
  type AugmentOptions,
  type StemTrack,
} from "../../../src/train";
import { tinyTracks } from "./tiny-data";

// Stereo versions of the tiny tracks, with left and right different so a channel choice shows.
const stereo = (t: StemTrack): StemTrack => {
  const side = (s: StemTrack["vocals"], k: number) => ({ sampleRate: s.sampleRate, channels: [s.channels[0], s.channels[0].map((x, i) => x * k * (1 + 0.5 * Math.sin(i / 500)))] });
  return { name: t.name, vocals: side(t.vocals, 0.6), accompaniment: side(t.accompaniment, 1.3) };
};
const monoTracks = tinyTracks(3, 3);
const complex = monoTracks.map(stereo).map((t) => complexTrackSpectra(t));
const shape = { bins: 64, frames: 32 };
const OFF: Partial<AugmentOptions> = { gain: 0, remix: 0, channels: ["mid"], stretch: 0, pitch: 0 };

function draws(augmenter: Augmenter, n: number) {
  return Array.from({ length: n }, (_, s) => augmenter.draw(stepRandom(1, s), stepRandom(2, s)));
}

describe("complex track spectra", () => {
  it("keeps stereo channels and scales like the magnitude cache", () => {
    expect(complex[0].channels).toBe(2);
    const mags = trackSpectra(stereo(monoTracks[0]));
    expect(complex[0].scale).toBeCloseTo(mags.scale, 3);
    const mid = midMagnitudes(complex[0]);
    for (let i = 0; i < mid.mixture.length; i += 97) expect(mid.mixture[i]).toBeCloseTo(mags.mixture[i], 5);
  });
});

describe("augmentation", () => {
  it("is a pure function of (seed, step)", () => {
    const a = PatchSampler.augmented(complex, shape, "both", 5);
    const b = PatchSampler.augmented(complex, shape, "both", 5);
    expect(a.batch(4, 3).mixture).toEqual(b.batch(4, 3).mixture);
    expect(a.batch(4, 3).target).toEqual(a.batch(4, 3).target);
    expect(a.batch(4, 3).mixture).not.toEqual(a.batch(5, 3).mixture);
  });

  it("draws gains within ±gainDb, uniform in dB", () => {
    const g = draws(new Augmenter(complex, shape, { gainDb: 6 }), 400).flatMap((d) => [d.vocalsGain, d.accompanimentGain]);
    const dB = g.map((x) => 20 * Math.log10(x));
    expect(Math.min(...dB)).toBeGreaterThanOrEqual(-6);
    expect(Math.max(...dB)).toBeLessThanOrEqual(6);
    expect(Math.min(...dB)).toBeLessThan(-5.5);
    expect(Math.max(...dB)).toBeGreaterThan(5.5);
  });

  it("remixes vocals of one track with the accompaniment of another", () => {
    const ds = draws(new Augmenter(complex, shape, { remix: 1 }), 100);
    for (const d of ds) expect(d.accompanimentTrack).not.toBe(d.vocalsTrack);
    expect(new Set(ds.map((d) => d.accompanimentTrack)).size).toBe(3);
    expect(draws(new Augmenter(complex, shape, { remix: 0 }), 50).every((d) => d.accompanimentTrack === d.vocalsTrack)).toBe(true);
  });

  it("gives a mixture that is exactly |V' + A'| of the augmented stems", () => {
    const sampler = PatchSampler.augmented(complex, shape, "both", 9, { remix: 1, stretch: 1, pitch: 1 });
    const batch = sampler.batch(2, 3);
    expect(batch.draws).toHaveLength(3);
    const per = shape.bins * shape.frames;
    batch.draws!.forEach((d, p) => {
      const { vocals: v, accompaniment: a } = sampler.augmenter!.render(d);
      for (let i = 0; i < per; i++) {
        expect(batch.mixture[p * per + i]).toBe(Math.fround(Math.hypot(v.re[i] + a.re[i], v.im[i] + a.im[i])));
        expect(batch.target[(p * per + i) * 2]).toBe(Math.fround(Math.hypot(v.re[i], v.im[i])));
        expect(batch.target[(p * per + i) * 2 + 1]).toBe(Math.fround(Math.hypot(a.re[i], a.im[i])));
      }
    });
  });

  it("matches the unaugmented sampler when every augmentation is off", () => {
    const mono = monoTracks.map((t) => complexTrackSpectra(t));
    const plain = new PatchSampler(monoTracks.map(trackSpectra), shape, "vocals", 3).batch(7, 4);
    const off = PatchSampler.augmented(mono, shape, "vocals", 3, OFF).batch(7, 4);
    for (let i = 0; i < plain.mixture.length; i += 7) {
      expect(off.mixture[i]).toBeCloseTo(plain.mixture[i], 5);
      expect(off.target[i]).toBeCloseTo(plain.target[i], 5);
    }
  });

  it("reads the chosen channel", () => {
    const t = complex[1];
    const left = warpStem(t, t.vocals, 1, 1, { channel: "left", stretch: 1, pitch: 1 }, shape);
    const right = warpStem(t, t.vocals, 1, 1, { channel: "right", stretch: 1, pitch: 1 }, shape);
    const mid = warpStem(t, t.vocals, 1, 1, { channel: "mid", stretch: 1, pitch: 1 }, shape);
    for (const [b, f] of [[3, 0], [20, 17], [63, 31]]) {
      const cell = (1 + f) * t.bins + b;
      const i = b * shape.frames + f;
      expect(left.re[i]).toBe(t.vocals.re[0][cell]);
      expect(right.im[i]).toBe(t.vocals.im[1][cell]);
      expect(mid.re[i]).toBeCloseTo((t.vocals.re[0][cell] + t.vocals.re[1][cell]) / 2, 6);
    }
  });

  it("warps time and pitch keeping shapes, and warp(V) + warp(A) = warp(V + A)", () => {
    const t = complex[2];
    const sum = {
      re: t.vocals.re.map((r, c) => r.map((x, i) => x + t.accompaniment.re[c][i])),
      im: t.vocals.im.map((r, c) => r.map((x, i) => x + t.accompaniment.im[c][i])),
    };
    const warp = { channel: "mid" as const, stretch: 1.043, pitch: 2 ** (-0.7 / 12) };
    const v = warpStem(t, t.vocals, 5, 1.5, warp, shape);
    const a = warpStem(t, t.accompaniment, 5, 1.5, warp, shape);
    const both = warpStem(t, sum, 5, 1.5, warp, shape);
    expect(v.re.length).toBe(shape.bins * shape.frames);
    let diff = 0;
    for (let i = 0; i < both.re.length; i++) diff = Math.max(diff, Math.abs(v.re[i] + a.re[i] - both.re[i]), Math.abs(v.im[i] + a.im[i] - both.im[i]));
    expect(diff).toBeLessThan(1e-5);
    expect(v.re).not.toEqual(warpStem(t, t.vocals, 5, 1.5, { ...warp, stretch: 1, pitch: 1 }, shape).re);
    // Past the track's end a read is zero, not NaN.
    const tail = warpStem(t, t.vocals, t.frames - 3, 1, warp, shape);
    expect(tail.re.every(Number.isFinite)).toBe(true);
    expect(tail.re[10 * shape.frames + 31]).toBe(0);
  });

  it("draws EQ curves within ±eqDb on about the asked share of stems, and only when asked", () => {
    const ds = draws(new Augmenter(complex, shape, { eq: 0.5, eqDb: 6 }), 400);
    const curves = ds.flatMap((d) => [d.vocalsEq, d.accompanimentEq]).filter((c) => c !== undefined);
    expect(curves.length).toBeGreaterThan(340);
    expect(curves.length).toBeLessThan(460);
    const points = curves.flat();
    expect(curves.every((c) => c.length === EQ_POINTS)).toBe(true);
    expect(Math.min(...points)).toBeGreaterThanOrEqual(-6);
    expect(Math.max(...points)).toBeLessThanOrEqual(6);
    expect(Math.min(...points)).toBeLessThan(-5.5);
    expect(Math.max(...points)).toBeGreaterThan(5.5);
    // Off (the default), a draw is what it was before EQ existed: no curve and the same numbers.
    const plain = draws(new Augmenter(complex, shape), 50);
    expect(plain.every((d) => d.vocalsEq === undefined && d.accompanimentEq === undefined)).toBe(true);
    const withEq = draws(new Augmenter(complex, shape, { eq: 1 }), 50);
    expect(withEq.map(({ vocalsEq, accompanimentEq, ...rest }) => rest)).toEqual(plain);
  });

  it("shapes a stem by the EQ curve, bin by bin, and the mixture stays |V' + A'|", () => {
    const points = [6, -6, 3, 0, -3];
    const curve = eqCurve(points, 512);
    const dB = (b: number) => 20 * Math.log10(curve[b]);
    // Control points at bins 4, 13.45, 45.25, 152.2, 512 for 512 bins; flat outside them.
    expect(dB(0)).toBeCloseTo(6, 5);
    expect(dB(4)).toBeCloseTo(6, 5);
    expect(dB(511)).toBeCloseTo(-3 + 3 * (1 - Math.log2(511 / 152.2) / Math.log2(512 / 152.2)), 3);
    expect(dB(45)).toBeCloseTo(3, 0);
    // Halfway in log frequency between the first two points: halfway in dB.
    expect(dB(Math.round(Math.sqrt(4 * 13.45)))).toBeCloseTo(0, 0);
    const t = complex[0];
    const warp = { channel: "mid" as const, stretch: 1, pitch: 1 };
    const small = [2, -4, 1, 5, -2];
    const flat = warpStem(t, t.vocals, 3, 1.5, warp, shape);
    const shaped = warpStem(t, t.vocals, 3, 1.5, warp, shape, small);
    const c = eqCurve(small, shape.bins);
    for (let b = 0; b < shape.bins; b += 7) {
      for (let f = 0; f < shape.frames; f += 5) {
        const i = b * shape.frames + f;
        expect(shaped.re[i]).toBeCloseTo(flat.re[i] * c[b], 5);
        expect(shaped.im[i]).toBeCloseTo(flat.im[i] * c[b], 5);
      }
    }
    const aug = new Augmenter(complex, shape, { eq: 1, gain: 0 });
    const d = aug.draw(stepRandom(1, 7), stepRandom(2, 7));
    const batch = aug.batch([d], "both");
    const { vocals: v, accompaniment: a } = aug.render(d);
    for (let i = 0; i < v.re.length; i += 31) {
      expect(batch.mixture[i]).toBeCloseTo(Math.hypot(v.re[i] + a.re[i], v.im[i] + a.im[i]), 5);
      expect(batch.target[2 * i]).toBeCloseTo(Math.hypot(v.re[i], v.im[i]), 5);
    }
  });

  it("never augments fixed() patches", () => {
    const augmented = PatchSampler.augmented(complex, shape, "vocals", 1, { gain: 1, remix: 1, stretch: 1, pitch: 1 });
    const plain = new PatchSampler(complex.map(midMagnitudes), shape, "vocals", 1);
    const f = augmented.fixed();
    expect(f.draws).toBeUndefined();
    expect(f.mixture).toEqual(plain.fixed().mixture);
    expect(f.target).toEqual(plain.fixed().target);
  });

  it("still trains UNET_TINY for 5 steps", async () => {
    await initBackend();
    const tiny = { bins: UNET_TINY.inputBins, frames: UNET_TINY.inputFrames };
    const trainer = new Trainer(createUNet({ ...UNET_TINY, seed: 2 }), PatchSampler.augmented(complex, tiny, "vocals", 2), {
      seed: 2,
      batchSize: 2,
      target: "vocals",
      schedule: { initial: 1e-3 },
      validateEvery: 0,
    });
    const { records, stoppedBy } = await trainer.train({ steps: 5 });
    expect(stoppedBy).toBe("steps");
    expect(records.every((r) => Number.isFinite(r.loss))).toBe(true);
  });
});
