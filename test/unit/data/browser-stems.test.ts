import { describe, expect, it } from "vitest";
import { encodeWav, resampleSignal, type AudioSignal } from "../../../src/audio";
import { filesFromInput, loadStemFiles, type StemFile } from "../../../src/data";

/**
 * loadStemFiles with WAV Blobs: WAV decodes in plain TypeScript, so the grouping, decoding and
 * alignment run in Node as in the page (test/browser/stems.test.ts drives the page itself).
 */
const signal = (rate: number, frames: number, channels: number, f: number): AudioSignal => ({
  sampleRate: rate,
  channels: Array.from({ length: channels }, (_, c) => Float32Array.from({ length: frames }, (_, i) => 0.2 * Math.sin(i * f + c))),
});
const wav = (path: string, s: AudioSignal): StemFile => ({ path, name: path.slice(path.lastIndexOf("/") + 1), file: new Blob([encodeWav(s, "float32") as Uint8Array<ArrayBuffer>]) });
const maxDiff = (a: Float32Array, b: ArrayLike<number>) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

describe("loadStemFiles", () => {
  it("sums MUSDB parts into the accompaniment and vocals + accompaniment into the mixture", async () => {
    const parts = [0.01, 0.02, 0.03].map((f) => signal(22050, 1000, 2, f));
    const vocals = signal(22050, 1000, 2, 0.05);
    const { tracks } = await loadStemFiles([wav("T/vocals.wav", vocals), wav("T/drums.wav", parts[0]), wav("T/bass.wav", parts[1]), wav("T/other.wav", parts[2])]);
    const [t] = tracks;
    expect(t).toMatchObject({ name: "T", roles: ["vocals", "drums", "bass", "other"], accompaniment: "musdb", mixture: "sum", sampleRate: 22050, channels: 2, problems: [] });
    expect(t.duration).toBeCloseTo(1000 / 22050, 12);
    for (const c of [0, 1]) {
      const sum = parts[0].channels[c].map((v, i) => v + parts[1].channels[c][i] + parts[2].channels[c][i]);
      expect(maxDiff(t.track!.accompaniment.channels[c], sum)).toBeLessThan(1e-6);
      const mix = sum.map((v, i) => v + vocals.channels[c][i]);
      expect(maxDiff(t.track!.mixture!.channels[c], mix)).toBeLessThan(1e-6);
    }
  });

  it("brings rates, channel counts and lengths together, saying what it changed", async () => {
    const { tracks } = await loadStemFiles([
      wav("S/vocals.wav", signal(16000, 1600, 1, 0.05)),
      wav("S/accompaniment.wav", signal(8000, 803, 2, 0.02)),
      wav("S/mixture.wav", signal(16000, 1610, 2, 0.03)),
    ]);
    const [t] = tracks;
    expect(t.problems.map((p) => [p.level, p.code])).toEqual([
      ["warning", "resampled"],
      ["warning", "channels-converted"],
      ["warning", "trimmed"],
    ]);
    expect(t.problems[0].message).toBe("accompaniment.wav is at 8000 Hz, vocals.wav at 16000 Hz: resampled it to 16000 Hz.");
    expect(t.problems[1].message).toBe("vocals.wav has 1 channel, others 2: copied it to each.");
    expect(t.problems[2].message).toBe(
      "The files differ in length by up to 10 samples (0.6 ms): trimmed mixture.wav and accompaniment.wav to the shortest, 1600 samples (0.10 s).",
    );
    const { vocals, accompaniment, mixture } = t.track!;
    for (const s of [vocals, accompaniment, mixture!]) expect([s.sampleRate, s.channels.length, s.channels[0].length]).toEqual([16000, 2, 1600]);
    expect(Array.from(vocals.channels[1].subarray(0, 5))).toEqual(Array.from(vocals.channels[0].subarray(0, 5)));
    const up = resampleSignal(signal(8000, 803, 2, 0.02), 16000);
    expect(maxDiff(accompaniment.channels[1], up.channels[1].subarray(0, 1600))).toBe(0);
  });

  it("names a corrupt or empty file on its own track and loads the others", async () => {
    const ok = signal(8000, 800, 1, 0.05);
    const { tracks } = await loadStemFiles([
      wav("good/vocals.wav", ok),
      wav("good/accompaniment.wav", ok),
      wav("bad/vocals.wav", ok),
      { path: "bad/accompaniment.wav", name: "accompaniment.wav", file: new Blob([new Uint8Array(0)]) },
      wav("broken/vocals.wav", ok),
      { path: "broken/accompaniment.wav", name: "accompaniment.wav", file: new Blob(["RIFF\x24\x00\x00\x00WAVEjunk"]) },
    ]);
    const by = Object.fromEntries(tracks.map((t) => [t.name, t]));
    expect(by.good.track).toBeDefined();
    expect(by.bad.track).toBeUndefined();
    expect(by.bad.problems).toEqual([{ level: "error", code: "unreadable", message: 'Cannot decode "bad/accompaniment.wav": the file is empty (0 bytes).' }]);
    expect(by.broken.track).toBeUndefined();
    expect(by.broken.problems[0].code).toBe("unreadable");
    expect(by.broken.problems[0].message).toMatch(/"broken\/accompaniment\.wav"/);
  });

  it("refuses a stem with no samples", async () => {
    const { tracks } = await loadStemFiles([wav("z/vocals.wav", signal(8000, 0, 1, 0)), wav("z/accompaniment.wav", signal(8000, 10, 1, 0.1))]);
    expect(tracks[0].track).toBeUndefined();
    expect(tracks[0].problems).toEqual([{ level: "error", code: "empty", message: "vocals.wav holds no samples: nothing to learn from." }]);
  });

  it("takes the path in the chosen folder from webkitRelativePath, else the name", () => {
    const inFolder = new File(["x"], "vocals.wav");
    Object.defineProperty(inFolder, "webkitRelativePath", { value: "song/vocals.wav" });
    const loose = new File(["x"], "mixture.wav");
    expect(filesFromInput([inFolder, loose]).map((f) => [f.path, f.name])).toEqual([
      ["song/vocals.wav", "vocals.wav"],
      ["mixture.wav", "mixture.wav"],
    ]);
    expect(filesFromInput(null)).toEqual([]);
  });
});
