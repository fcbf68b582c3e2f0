import { beforeAll, describe, expect, it } from "vitest";
import { resampleSignal, toMono, type AudioSignal } from "../../../src/audio";
import { generateSong } from "../../../src/data";
import { magnitude, stft, STFT_PAPER } from "../../../src/dsp";
import { bssEvalSources } from "../../../src/eval";
import { oracleSeparate } from "../../../src/separate";
import { compareSeparations, defaultCellWidth, fitPool, type CompareView } from "../../../src/viz/compare";

describe("fitPool", () => {
  // 4 frames × 3 bins, frame-major.
  const values = Float32Array.from([1, 2, 3, 4, 0, 1, 0, 5, 0, 2, 2, 9]);

  it("takes the largest value of each block (worked by hand)", () => {
    expect(Array.from(fitPool(values, 4, 3, 2, 1))).toEqual([4, 9]);
    // bins 3 → 2 split as [0] and [1, 2].
    expect(Array.from(fitPool(values, 4, 3, 2, 2))).toEqual([4, 3, 2, 9]);
    expect(Array.from(fitPool(values, 4, 3, 1, 1))).toEqual([9]);
  });

  it("is the identity at the same size and repeats cells when stretching", () => {
    expect(Array.from(fitPool(values, 4, 3, 4, 3))).toEqual(Array.from(values));
    const wide = fitPool(values, 4, 3, 8, 3);
    for (let t = 0; t < 8; t++) expect(Array.from(wide.subarray(t * 3, t * 3 + 3))).toEqual(Array.from(values.subarray((t >> 1) * 3, (t >> 1) * 3 + 3)));
  });

  it("rejects values that are not frames × bins", () => {
    expect(() => fitPool(values, 3, 3, 1, 1)).toThrow(/12 values cannot be 3 frames × 3 bins/);
  });
});

describe("default thumbnail width", () => {
  it("fits the label column and the cells in 900 px, between 96 and 240 px a cell", () => {
    expect(defaultCellWidth(3)).toBe(240);
    expect(defaultCellWidth(5)).toBe(149); // floor(788 / 5) - 8
    expect(defaultCellWidth(20)).toBe(96);
    for (let n = 1; n <= 7; n++) expect(112 + n * (defaultCellWidth(n) + 8)).toBeLessThanOrEqual(900);
  });
});

describe("compareSeparations on a generated song with oracle estimates", () => {
  const song = generateSong({ seed: 11, seconds: 6, sampleRate: 16000 });
  const references = { vocals: song.vocals, accompaniment: song.accompaniment };
  let irm: Record<string, AudioSignal>;
  let view: CompareView;
  beforeAll(async () => {
    irm = oracleSeparate(song.mixture, references, { mask: "irm" });
    view = await compareSeparations({ mixture: song.mixture, references, columns: { IRM: irm }, options: { thumbnail: { width: 64, height: 40 } } });
  });

  it("has rows for the stems and the mixture baseline first", () => {
    expect(view.view).toBe("compare");
    expect(view.stems).toEqual(["vocals", "accompaniment"]);
    expect(view.columns).toEqual(["mixture", "IRM"]);
    expect(view.cells.map((r) => r.length)).toEqual([2, 2]);
    expect(view.caption).toMatch(/^vocals, accompaniment × mixture, IRM · 6\.0 s · .*8192 Hz.*BSS Eval v3/);
  });

  it("scores exactly what bssEvalSources gives, and the ratio mask beats the mixture on vocals", () => {
    const refs = [song.vocals.channels, song.accompaniment.channels];
    const base = bssEvalSources(refs, [song.mixture.channels, song.mixture.channels], { computePermutation: false });
    const oracle = bssEvalSources(refs, [irm.vocals.channels, irm.accompaniment.channels]);
    for (const [j] of view.stems.entries()) {
      expect(view.cells[j][0].scores).toEqual({ sdr: base.sdr[j], sir: base.sir[j], sar: base.sar[j] });
      expect(view.cells[j][1].scores).toEqual({ sdr: oracle.sdr[j], sir: oracle.sir[j], sar: oracle.sar[j] });
    }
    expect(view.cells[0][1].scores.sdr).toBeGreaterThan(view.cells[0][0].scores.sdr + 5);
    expect(view.permuted).toEqual([]);
  });

  it("thumbnails are the max-pooled magnitude of the mono estimate at 8192 Hz, on one shared dB scale", () => {
    const spec = stft(resampleSignal(toMono(irm.vocals), 8192).channels[0], STFT_PAPER);
    expect(view.spectrogram).toEqual({ frames: spec.frames, bins: 513, sampleRate: 8192, nfft: 1024, hop: 768 });
    const mag = magnitude(spec);
    // Thumbnail pixel (t, b) by a direct scan of its block of frames and bins.
    const [t, b] = [10, 31];
    const f0 = Math.floor((t * spec.frames) / 64), f1 = Math.floor(((t + 1) * spec.frames) / 64);
    const k0 = Math.floor((b * 513) / 40), k1 = Math.floor(((b + 1) * 513) / 40);
    let m = 0;
    for (let f = f0; f < f1; f++) for (let k = k0; k < k1; k++) m = Math.max(m, mag[f * 513 + k]);
    expect(view.cells[0][1].thumbnail.length).toBe(64 * 40);
    expect(view.cells[0][1].thumbnail[t * 40 + b]).toBe(m);
    const peak = Math.max(...view.cells.flat().map((c) => Math.max(...c.thumbnail)));
    expect(view.db).toEqual({ max: peak, range: 80 });
  });

  it("keeps copies of the audio, not the caller's arrays", () => {
    const cell = view.cells[0][1];
    expect(cell.audio.channels[0]).not.toBe(irm.vocals.channels[0]);
    expect(cell.audio.channels[0]).toEqual(irm.vocals.channels[0]);
    expect(cell.audio.sampleRate).toBe(16000);
    expect(view.cells[1][0].audio.channels[0]).toEqual(song.mixture.channels[0]);
  });

  it("uses given scores instead of computing them", async () => {
    const given = { sdr: 1.5, sir: 2.5, sar: 3.5 };
    const v = await compareSeparations({
      mixture: song.mixture,
      references,
      columns: { IRM: irm },
      options: { thumbnail: { width: 8, height: 8 }, scores: { IRM: { vocals: given, accompaniment: given } } },
    });
    expect(v.cells[0][1].scores).toEqual(given);
    expect(v.givenScores).toEqual(["IRM"]);
    expect(v.caption).toContain("scores given for IRM");
  });

  it("says what is wrong with mismatched input", async () => {
    const compare = (columns: Record<string, Record<string, AudioSignal>>, options = {}) => compareSeparations({ mixture: song.mixture, references, columns, options });
    await expect(compare({ IRM: { vocals: irm.vocals } })).rejects.toThrow(/column "IRM" has no "accompaniment" estimate/);
    await expect(compare({ IRM: { ...irm, vocals: resampleSignal(irm.vocals, 8000) } })).rejects.toThrow(/"vocals" is at 8000 Hz, the mixture at 16000 Hz/);
    await expect(compare({ mixture: irm })).rejects.toThrow(/baseline column's label/);
    await expect(compare({ IRM: irm }, { scores: { IRM: { vocals: { sdr: 1 } } } })).rejects.toThrow(/no numeric sdr, sir and sar for "vocals"/);
  });
});
