import { describe, expect, it } from "vitest";
import { generateSong } from "../../../src/data";
import { planSong } from "../../../src/data/form";
import { streamFor } from "../../../src/data/choose";
import { melodyInSeconds, writeMelody } from "../../../src/data/melody";
import { renderVoice } from "../../../src/data/voice";
import { chordFromNumeral, chordScale, keyName } from "../../../src/data/theory";
import { pitchOf } from "./pitch";

describe("music theory", () => {
  it("reads Roman numerals in major and minor keys, with sevenths and borrowed chords", () => {
    const C = { tonic: 0, mode: "major" as const };
    const a = { tonic: 9, mode: "minor" as const };
    expect(["I", "V", "vi", "IV", "ii7", "V7", "Imaj7", "bVII", "vii°"].map((n) => chordFromNumeral(n, C).name)).toEqual([
      "C", "G", "Am", "F", "Dm7", "G7", "Cmaj7", "Bb", "Bdim",
    ]);
    expect(["i", "VI", "III", "VII", "V", "iv", "ii°7"].map((n) => chordFromNumeral(n, a).name)).toEqual(["Am", "F", "C", "G", "E", "Dm", "Bm7b5"]);
    expect(keyName({ tonic: 3, mode: "major" })).toBe("Eb major");
    expect(keyName({ tonic: 4, mode: "minor" })).toBe("E minor");
    // Over V in A minor the melody uses G#, the leading tone.
    expect(chordScale(a, chordFromNumeral("V", a))).toContain(8);
    expect(chordScale(a, chordFromNumeral("V", a))).not.toContain(7);
  });
});

describe("melody", () => {
  it("puts chord tones on strong beats, stays in the singer's range, and rests between phrases", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const plan = planSong(seed, 60);
      const notes = writeMelody(plan);
      expect(notes.length).toBeGreaterThan(20);
      for (const n of notes) {
        expect(n.midi).toBeGreaterThanOrEqual(plan.singer.low);
        expect(n.midi).toBeLessThanOrEqual(plan.singer.high);
        const bar = Math.floor(n.beat / 4);
        const section = plan.sections.find((s) => bar >= s.startBar && bar < s.startBar + s.bars)!;
        expect(section.sung).toBe(true);
        if (n.beat % 2 === 0) expect(section.chords[bar - section.startBar].tones).toContain(n.midi % 12);
      }
      for (let k = 1; k < notes.length; k++) {
        if (notes[k].phraseStart) expect(notes[k].beat - (notes[k - 1].beat + notes[k - 1].beats)).toBeGreaterThanOrEqual(0.5);
        else expect(notes[k].beat).toBeCloseTo(notes[k - 1].beat + notes[k - 1].beats, 9);
      }
    }
  });

  it("sings the melody: the voice's pitch follows the notes, within glide and vibrato", () => {
    const rate = 22050;
    for (const seed of [3, 4, 10]) {
      const plan = planSong(seed, 16);
      const notes = melodyInSeconds(writeMelody(plan), plan.beat, streamFor(seed, "voice", 1));
      // The dry voice: in the stem, the reverb tail of the note before can be as periodic as the note.
      const x = renderVoice(notes, plan.singer, rate, 16 * rate, streamFor(seed, "voice"));
      const size = Math.round(0.04 * rate);
      let checked = 0;
      for (const n of notes) {
        if (n.duration < 0.3) continue;
        // After the glide, before vibrato has grown.
        const from = Math.round((n.start + 0.16) * rate);
        if (from + size + rate / 60 > x.length) continue;
        const midi = 69 + 12 * Math.log2(pitchOf(x, from, size, rate) / 440);
        expect(Math.abs(midi - n.midi)).toBeLessThan(0.3);
        checked++;
      }
      expect(checked).toBeGreaterThan(5);
    }
  });

  it("keeps the vocal stem's pitch in the singer's range", () => {
    const rate = 22050;
    const song = generateSong({ seed: 4, seconds: 16, sampleRate: rate });
    const x = song.vocals.channels[0];
    const size = Math.round(0.04 * rate);
    const f0s: number[] = [];
    for (const n of song.melody) {
      for (let t = n.start + 0.05; t + 0.06 < n.start + n.duration && (t + 0.1) * rate < x.length; t += 0.05) {
        f0s.push(pitchOf(x, Math.round(t * rate), size, rate));
      }
    }
    const semitone = 2 ** (1 / 12);
    const inRange = f0s.filter((f) => f > song.singer.lowHz / semitone && f < song.singer.highHz * semitone);
    expect(f0s.length).toBeGreaterThan(50);
    // Reverb from the note before can make a window read an octave low now and then; the voice never leaves its range.
    expect(inRange.length / f0s.length).toBeGreaterThan(0.9);
  });
});
