import { describe, expect, it } from "vitest";
import { generateSong } from "../../../src/data";
import { planSong } from "../../../src/data/form";
import { melodyInSeconds, writeMelody } from "../../../src/data/melody";
import { streamFor } from "../../../src/data/choose";
import { renderVoice } from "../../../src/data/voice";
import { midiToHz } from "../../../src/data/theory";
import { pitchOf } from "./pitch";

const seeds = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

describe('singers "pop" and "wide"', () => {
  it('"pop" is the default and draws only sung alto and tenor ranges', () => {
    for (const seed of seeds(1, 40)) {
      const plan = planSong(seed, 30);
      expect(planSong(seed, 30, "pop")).toEqual(plan);
      expect(plan.singer.delivery).toBe("sung");
      expect(plan.singer.low).toBeGreaterThanOrEqual(plan.singer.voice === "female" ? 56 : 46);
    }
  });

  it('"wide" changes the singer and nothing else: the band is the same, sample for sample', () => {
    const pop = generateSong({ seed: 21, seconds: 8, sampleRate: 8192 });
    const wide = generateSong({ seed: 21, seconds: 8, sampleRate: 8192, singers: "wide" });
    expect([wide.key, wide.tempo, wide.progression]).toEqual([pop.key, pop.tempo, pop.progression]);
    expect(wide.singer.voice).toBe(pop.singer.voice);
    for (const name of ["drums", "bass", "keys", "plucked", "bowed"] as const) {
      // Only the common gain (set by the loudest stem, which may be the voice) can differ.
      const a = pop.stems[name].channels[0];
      const b = wide.stems[name].channels[0];
      const ratio = wide.gain / pop.gain;
      let worst = 0;
      for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] * ratio - b[i]));
      expect(worst, name).toBeLessThan(1e-6);
    }
  });

  it('"wide" draws bass to soprano ranges and spoken lines in some songs, deterministically', () => {
    const plans = seeds(1, 80).map((s) => planSong(s, 30, "wide"));
    expect(Math.min(...plans.map((p) => p.singer.low))).toBeLessThanOrEqual(41); // a bass: E2 ± 1
    expect(Math.max(...plans.map((p) => p.singer.high))).toBeGreaterThanOrEqual(78); // a soprano
    const spoken = plans.filter((p) => p.singer.delivery === "spoken").length / plans.length;
    expect(spoken).toBeGreaterThan(0.25);
    expect(spoken).toBeLessThan(0.55);
    const a = generateSong({ seed: 5004, seconds: 6, sampleRate: 8192, singers: "wide" });
    const b = generateSong({ seed: 5004, seconds: 6, sampleRate: 8192, singers: "wide" });
    expect(b.vocals.channels[0]).toEqual(a.vocals.channels[0]);
  });

  it('"wide" lyrics draw on speech consonants (z, v, ch, x, th, g); "pop" lyrics never do', () => {
    const onsets = (singers: "pop" | "wide") => new Set(seeds(1, 20).flatMap((seed) => writeMelody(planSong(seed, 30, singers)).map((n) => n.syllable.onset)));
    const speech = ["z", "v", "ch", "x", "th", "g"];
    const wide = onsets("wide");
    for (const c of speech) expect(wide.has(c), c).toBe(true);
    const pop = onsets("pop");
    for (const c of speech) expect(pop.has(c), c).toBe(false);
  });

  it("speaks in syllables of 90–420 ms, in phrases separated by pauses, falling in pitch", () => {
    const spokenSeeds = seeds(1, 40).filter((s) => planSong(s, 60, "wide").singer.delivery === "spoken");
    expect(spokenSeeds.length).toBeGreaterThan(5);
    let falling = 0;
    let phrases = 0;
    for (const seed of spokenSeeds) {
      const plan = planSong(seed, 60, "wide");
      const notes = melodyInSeconds(writeMelody(plan), plan.beat, streamFor(seed, "voice", 1));
      expect(notes.length).toBeGreaterThan(40);
      let phrase: typeof notes = [];
      for (const [k, n] of notes.entries()) {
        expect(n.duration).toBeGreaterThanOrEqual(0.09 - 1e-9);
        expect(n.duration).toBeLessThanOrEqual(0.26 * 1.6 + 1e-9);
        expect(n.midi).toBeGreaterThanOrEqual(plan.singer.low);
        expect(n.midi).toBeLessThanOrEqual(plan.singer.high);
        if (n.phraseStart && k > 0) expect(n.start - (notes[k - 1].start + notes[k - 1].duration)).toBeGreaterThan(0.25 - 0.03);
        phrase.push(n);
        if (n.phraseEnd) {
          // Least-squares slope of pitch against time within the phrase.
          const t0 = phrase[0].start;
          const mt = phrase.reduce((s, p) => s + p.start - t0, 0) / phrase.length;
          const mp = phrase.reduce((s, p) => s + p.midi, 0) / phrase.length;
          const cov = phrase.reduce((s, p) => s + (p.start - t0 - mt) * (p.midi - mp), 0);
          const varT = phrase.reduce((s, p) => s + (p.start - t0 - mt) ** 2, 0);
          if (phrase.length > 3 && varT > 0) {
            phrases++;
            if (cov < 0) falling++;
          }
          phrase = [];
        }
      }
    }
    // Most phrases fall (declination); a question's rise or a stressed last syllable can turn one.
    expect(phrases).toBeGreaterThan(100);
    expect(falling / phrases).toBeGreaterThan(0.7);
  });

  it('band "wide" adds a sine bass to the bass stem in about half the songs and changes nothing else', () => {
    let changed = 0;
    for (const seed of seeds(60, 12)) {
      const pop = generateSong({ seed, seconds: 4, sampleRate: 8192 });
      const wide = generateSong({ seed, seconds: 4, sampleRate: 8192, band: "wide" });
      const ratio = wide.gain / pop.gain;
      const worst = (name: "drums" | "bass" | "keys" | "plucked" | "bowed" | "vocals") => {
        const a = pop.stems[name].channels[0];
        const b = wide.stems[name].channels[0];
        let w = 0;
        for (let i = 0; i < a.length; i++) w = Math.max(w, Math.abs(a[i] * ratio - b[i]));
        return w;
      };
      for (const name of ["drums", "keys", "plucked", "bowed"] as const) expect(worst(name), `${seed} ${name}`).toBeLessThan(1e-6);
      if (worst("bass") > 1e-3) changed++;
    }
    expect(changed).toBeGreaterThanOrEqual(3);
    expect(changed).toBeLessThanOrEqual(9);
    expect(() => generateSong({ seed: 1, seconds: 1, band: "jazz" as "wide" })).toThrow(/band must be "pop" or "wide"/);
  });

  it("a spoken bass voice sounds at 80–160 Hz, below the pop tenor's floor", () => {
    const seed = seeds(1, 200).find((s) => {
      const p = planSong(s, 12, "wide").singer;
      return p.delivery === "spoken" && p.voice === "male" && p.low <= 41;
    })!;
    const rate = 22050;
    const plan = planSong(seed, 12, "wide");
    const notes = melodyInSeconds(writeMelody(plan), plan.beat, streamFor(seed, "voice", 1));
    const x = renderVoice(notes, plan.singer, rate, 12 * rate, streamFor(seed, "voice"));
    const size = Math.round(0.04 * rate);
    const f0s: number[] = [];
    for (const n of notes) {
      if (n.duration < 0.14 || (n.start + 0.12) * rate + size > x.length) continue;
      f0s.push(pitchOf(x, Math.round((n.start + 0.06) * rate), size, rate));
    }
    expect(f0s.length).toBeGreaterThan(10);
    f0s.sort((a, b) => a - b);
    const median = f0s[f0s.length >> 1];
    expect(median).toBeGreaterThan(80);
    expect(median).toBeLessThan(160);
    expect(median).toBeLessThan(midiToHz(47 - 1));
  });
});
