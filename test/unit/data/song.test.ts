import { describe, expect, it } from "vitest";
import { generateSong, INSTRUMENTS, type GeneratedSong } from "../../../src/data";

const short = (seed: number, extra: Partial<Parameters<typeof generateSong>[0]> = {}) =>
  generateSong({ seed, seconds: 8, sampleRate: 8192, ...extra });

function sameSamples(a: GeneratedSong, b: GeneratedSong): boolean {
  return a.mixture.channels.every((c, k) => c.length === b.mixture.channels[k].length && c.every((v, i) => Object.is(v, b.mixture.channels[k][i])));
}

describe("generateSong", () => {
  it("is deterministic: the same seed gives bit-identical songs, another seed another song", () => {
    const a = short(11, { stereo: true });
    const b = short(11, { stereo: true });
    expect(sameSamples(a, b)).toBe(true);
    for (const name of [...INSTRUMENTS, "vocals"] as const) {
      const [x, y] = [a.stems[name].channels[1], b.stems[name].channels[1]];
      expect(x.every((v, i) => Object.is(v, y[i]))).toBe(true);
    }
    const c = short(12, { stereo: true });
    expect(sameSamples(a, c)).toBe(false);
    expect([c.key, c.tempo, c.progression.join()]).not.toEqual([a.key, a.tempo, a.progression.join()]);
  });

  it("has the length, rate and channels asked for", () => {
    for (const [seconds, sampleRate, stereo] of [[3.5, 8192, false], [2, 22050, true]] as const) {
      const song = generateSong({ seed: 3, seconds, sampleRate, stereo });
      for (const s of [song.mixture, song.vocals, song.accompaniment, ...Object.values(song.stems)]) {
        expect(s.sampleRate).toBe(sampleRate);
        expect(s.channels.length).toBe(stereo ? 2 : 1);
        for (const c of s.channels) expect(c.length).toBe(Math.round(seconds * sampleRate));
      }
    }
  });

  it("adds up: mixture = vocals + accompaniment exactly in float32, and the instruments sum to the accompaniment", () => {
    const song = short(5, { stereo: true });
    for (let c = 0; c < 2; c++) {
      const mix = song.mixture.channels[c];
      const voc = song.vocals.channels[c];
      const acc = song.accompaniment.channels[c];
      let exact = true;
      let worst = 0;
      for (let i = 0; i < mix.length; i++) {
        if (mix[i] !== Math.fround(voc[i] + acc[i])) exact = false;
        let sum = 0;
        for (const name of INSTRUMENTS) sum += song.stems[name].channels[c][i];
        worst = Math.max(worst, Math.abs(sum - acc[i]));
      }
      expect(exact).toBe(true);
      expect(worst).toBeLessThan(1e-6);
    }
  });

  it("has no NaN, no clipping, no DC, and peaks at -1 dBFS", () => {
    for (const seed of [1, 2, 3, 4]) {
      const song = short(seed);
      let peak = 0;
      let finite = true;
      for (const s of [song.mixture, ...Object.values(song.stems)]) {
        for (const c of s.channels) {
          let mean = 0;
          for (let i = 0; i < c.length; i++) {
            if (!Number.isFinite(c[i])) finite = false;
            peak = Math.max(peak, Math.abs(c[i]));
            mean += c[i] / c.length;
          }
          expect(Math.abs(mean)).toBeLessThan(2e-3);
        }
      }
      expect(finite).toBe(true);
      expect(peak).toBeLessThanOrEqual(10 ** (-1 / 20) + 1e-6);
      expect(peak).toBeGreaterThan(0.85);
    }
  });

  it("puts the vocals at the level asked for, relative to the accompaniment where they sing", () => {
    for (const db of [-6, 0, 3]) {
      const song = short(21, { vocalLevelDb: db, seconds: 12 });
      const voc = song.vocals.channels[0];
      const acc = song.accompaniment.channels[0];
      let v = 0;
      let a = 0;
      for (const n of song.melody) {
        const from = Math.round(n.start * 8192);
        const to = Math.min(voc.length, Math.round((n.start + n.duration) * 8192));
        for (let i = from; i < to; i++) {
          v += voc[i] * voc[i];
          a += acc[i] * acc[i];
        }
      }
      expect(song.vocalLevelDb).toBe(db);
      expect(Math.abs(10 * Math.log10(v / a) - db)).toBeLessThan(1.5);
    }
    const drawn = short(22).vocalLevelDb;
    expect(drawn).toBeGreaterThanOrEqual(-3);
    expect(drawn).toBeLessThanOrEqual(3);
  });

  it("keeps the vocal stem's energy in the sung parts", () => {
    for (const seed of [1, 6, 9]) {
      const song = short(seed, { seconds: 16 });
      expect(song.melody.length).toBeGreaterThan(4);
      const x = song.vocals.channels[0];
      const inside = new Uint8Array(x.length);
      // Consonants and the breath come just before a phrase, the release and reverb just after a note.
      for (const n of song.melody) {
        const from = Math.max(0, Math.round((n.start - 0.6) * 8192));
        const to = Math.min(x.length, Math.round((n.start + n.duration + 0.6) * 8192));
        inside.fill(1, from, to);
      }
      let sung = 0;
      let total = 0;
      for (let i = 0; i < x.length; i++) {
        total += x[i] * x[i];
        if (inside[i]) sung += x[i] * x[i];
      }
      expect(sung / total).toBeGreaterThan(0.99);
    }
  });

  it("reports a plausible song: key, tempo, chords, form", () => {
    const song = generateSong({ seed: 8, seconds: 70, sampleRate: 8192 });
    expect(song.name).toBe("song-8");
    expect(song.key).toMatch(/^[A-G][b#]? (major|minor)$/);
    expect(song.tempo).toBeGreaterThanOrEqual(70);
    expect(song.tempo).toBeLessThanOrEqual(140);
    expect(song.progression).toHaveLength(4);
    const names = song.sections.map((s) => s.name);
    expect(names[0]).toBe("intro");
    expect(names).toContain("verse");
    expect(names).toContain("chorus");
    expect(names[names.length - 1]).toBe("outro");
    expect(song.sections.reduce((n, s) => n + s.bars, 0) * 4 * (60 / song.tempo)).toBeGreaterThanOrEqual(70 - 1e-9);
  });

  it("refuses bad options", () => {
    expect(() => generateSong({ seed: -1, seconds: 1 })).toThrow(/seed/);
    expect(() => generateSong({ seed: 1.5, seconds: 1 })).toThrow(/seed/);
    expect(() => generateSong({ seed: 1, seconds: 0 })).toThrow(/seconds/);
    expect(() => generateSong({ seed: 1, seconds: 1, sampleRate: 100 })).toThrow(/sampleRate/);
    expect(() => generateSong({ seed: 1, seconds: 1, vocalLevelDb: NaN })).toThrow(/vocalLevelDb/);
  });
});
