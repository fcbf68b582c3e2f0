import { between, chance, pick, streamFor, weighted, type Rng } from "./choose";
import type { SectionName, SectionPlan, SongPlan } from "./form";
import { ONSET_WEIGHTS, SPEECH_ONSET_WEIGHTS, VOWEL_WEIGHTS, type Vowel } from "./phonemes";
import { chordScale, notesIn, type Chord } from "./theory";

export interface Syllable {
  /** Onset consonant, a key of CONSONANTS, or "" for a bare vowel. */
  onset: string;
  vowel: Vowel;
}

/** One sung note, timed in beats from the start of the song. */
export interface MelodyNote {
  beat: number;
  beats: number;
  midi: number;
  phraseStart: boolean;
  phraseEnd: boolean;
  /** 0..1, louder in choruses and at phrase peaks. */
  velocity: number;
  syllable: Syllable;
}

type Shape = Omit<MelodyNote, "syllable">;

const PHRASE_BEATS = 8;
const SECTION_INDEX: Record<SectionName, number> = { intro: 0, verse: 1, chorus: 2, bridge: 3, outro: 4 };

/**
 * The vocal line. Each kind of section gets one tune, sung again note for note where the section
 * comes back (only a verse's words change), and built from two-bar phrases in forms like ABAB or AABA,
 * with a breath's rest at the end of each phrase. Strong beats and long notes take chord tones, the
 * notes between move by step through the chord's scale, and choruses sit higher than verses.
 */
export function writeMelody(plan: SongPlan): MelodyNote[] {
  const themes = new Map<string, Shape[]>();
  const out: MelodyNote[] = [];
  let sections = 0;
  for (const section of plan.sections) {
    if (!section.sung) continue;
    let theme = themes.get(section.name);
    if (plan.singer.delivery === "spoken") theme = speakLines(plan, section, streamFor(plan.seed, "speech", sections++));
    else if (!theme) themes.set(section.name, (theme = composeTheme(plan, section)));
    // A chorus keeps its words; each verse gets new ones.
    const lyrics = streamFor(plan.seed, "lyrics", SECTION_INDEX[section.name] * 100 + (section.name === "verse" ? section.occurrence : 0));
    const start = section.startBar * 4;
    for (const note of theme) {
      if (note.beat + note.beats > section.bars * 4 + 1e-9) break;
      out.push({ ...note, beat: start + note.beat, syllable: drawSyllable(lyrics, plan.singer.lexicon === "speech" ? SPEECH_ONSET_WEIGHTS : ONSET_WEIGHTS) });
    }
    if (out.length) out[out.length - 1].phraseEnd = true;
  }
  return out;
}

function composeTheme(plan: SongPlan, section: SectionPlan): Shape[] {
  const rng = streamFor(plan.seed, "melody", SECTION_INDEX[section.name]);
  const { singer } = plan;
  const low = singer.low + 1;
  const high = singer.high - 1;
  const lift = section.name === "chorus" ? 2.5 : section.name === "bridge" ? 1 : -1.5;
  const center = (low + high) / 2 + lift;
  const chords = Array.from({ length: section.fullBars }, (_, i) => section.chords[i % section.chords.length]);
  const phrases = Math.ceil(section.fullBars / 2);
  const form = pick(rng, phrases >= 4 ? ["ABAB", "AABA", "ABAC", "AABB"] : ["AB", "AA", "AB"]);
  const rhythms = new Map<string, Array<{ beat: number; beats: number }>>();
  const notes: Shape[] = [];
  let prev: number | null = null;
  for (let p = 0; p < phrases; p++) {
    const letter = form[p % form.length];
    const beats = Math.min(PHRASE_BEATS, section.fullBars * 4 - p * PHRASE_BEATS);
    let rhythm = rhythms.get(letter);
    if (!rhythm) rhythms.set(letter, (rhythm = makeRhythm(rng, beats)));
    const rise = (chance(rng, 0.6) ? 1 : -1) * between(rng, 2, 5);
    const finalPhrase = p === phrases - 1;
    for (const [j, r] of rhythm.entries()) {
      const beat = p * PHRASE_BEATS + r.beat;
      if (r.beat + r.beats > beats) break;
      const chord = chords[Math.floor(beat / 4)];
      const last = j === rhythm.length - 1;
      const strong = beat % 2 === 0 || r.beats >= 1.5 || last;
      const target = center + rise * Math.sin((Math.PI * (r.beat + r.beats / 2)) / beats);
      const midi = choosePitch(rng, plan, chord, { low, high, prev, target, strong, resolve: last && finalPhrase });
      const accent = (beat % 4 === 0 ? 0.08 : 0) + (midi - center) * 0.012;
      notes.push({
        beat,
        beats: r.beats,
        midi,
        phraseStart: j === 0,
        phraseEnd: last,
        velocity: Math.min(1, Math.max(0.4, 0.55 + section.energy * 0.3 + accent + between(rng, -0.05, 0.05))),
      });
      prev = midi;
    }
  }
  return notes;
}

/**
 * Spoken (or rapped) lines for one section, new words and tune each time: phrases of 1.2–3.2 s of
 * syllables 90–260 ms long, in the lower part of the range (people speak near the bottom of their
 * voice), the pitch falling 2–5 semitones over a phrase (declination) with stressed syllables
 * jumping up to 4 semitones and a question's rise at some phrase ends; pauses of 0.25–0.7 s between
 * (and at least 0.3 s into a section).
 * Pitches are fractional: speech glides instead of landing on a scale.
 */
function speakLines(plan: SongPlan, section: SectionPlan, rng: Rng): Shape[] {
  const { singer, beat } = plan;
  const end = section.bars * 4;
  const notes: Shape[] = [];
  let t = between(rng, 0.3, 0.6) / beat;
  while (t < end) {
    const seconds = between(rng, 1.2, 3.2);
    const base = singer.low + between(rng, 2, 6) + (section.name === "chorus" ? 1.5 : 0);
    const fall = between(rng, 2, 5);
    const question = chance(rng, 0.15);
    const syllables: Array<{ at: number; length: number }> = [];
    let spoken = 0;
    while (spoken < seconds) {
      const length = between(rng, 0.09, 0.26) * (chance(rng, 0.15) ? 1.6 : 1);
      syllables.push({ at: spoken, length });
      spoken += length;
    }
    for (const [j, { at, length }] of syllables.entries()) {
      const beatAt = t + at / beat;
      const beats = length / beat;
      if (beatAt + beats > end) break;
      const x = at / seconds;
      const stressed = chance(rng, 0.25);
      const rise = question && j >= syllables.length - 2 ? between(rng, 3, 5) : 0;
      const pitch = base - fall * x + (stressed ? between(rng, 1.5, 4) : 0) + rise + between(rng, -0.5, 0.5);
      const midi = Math.min(singer.high, Math.max(singer.low, pitch));
      notes.push({
        beat: beatAt,
        beats,
        midi,
        phraseStart: j === 0,
        phraseEnd: j === syllables.length - 1,
        velocity: Math.min(1, Math.max(0.35, (0.55 + 0.25 * section.energy + (stressed ? 0.12 : 0)) * (1 - 0.2 * x) + between(rng, -0.08, 0.08))),
      });
    }
    if (notes.length) notes[notes.length - 1].phraseEnd = true;
    t += (spoken + between(rng, 0.25, 0.7)) / beat;
  }
  return notes;
}

/**
 * Cost of moving by 0, 1, 2… semitones: steps are cheapest, a repeated note costs about as much as a
 * third (too many make a line static), and leaps beyond a fifth are rare.
 */
const LEAP_COST = [2, 0.4, 0.5, 1.3, 1.6, 2.2, 3.5, 3, 6, 7, 8, 9, 9, 12];

interface PitchContext {
  low: number;
  high: number;
  prev: number | null;
  target: number;
  strong: boolean;
  /** The section's last note: land on the chord's root. */
  resolve: boolean;
}

function choosePitch(rng: Rng, plan: SongPlan, chord: Chord, c: PitchContext): number {
  const pool = notesIn(c.strong ? chord.tones : chordScale(plan.key, chord), c.low, c.high);
  const near = c.prev === null || c.strong ? pool : pool.filter((m) => Math.abs(m - c.prev!) <= 4);
  let best = pool[0];
  let bestCost = Infinity;
  for (const m of near.length ? near : pool) {
    const leap = c.prev === null ? 2 : Math.abs(m - c.prev);
    let cost = LEAP_COST[Math.min(leap, LEAP_COST.length - 1)] * (c.strong ? 0.6 : 1) + 0.35 * Math.abs(m - c.target) + rng() * 1.5;
    if (c.resolve && m % 12 === chord.root) cost -= 4;
    if (cost < bestCost) {
      bestCost = cost;
      best = m;
    }
  }
  return best;
}

/**
 * A phrase's rhythm in beats: an optional pickup rest, notes of a half to two beats (off-beat starts
 * favour syncopated lengths), a held last note, then at least a beat of rest to breathe.
 */
function makeRhythm(rng: Rng, beats: number): Array<{ beat: number; beats: number }> {
  const out: Array<{ beat: number; beats: number }> = [];
  let t = chance(rng, 0.4) ? pick(rng, [0.5, 1]) : 0;
  const end = beats - pick(rng, [1, 1.5, 2]);
  while (t < end - 1e-9) {
    const offBeat = t % 1 !== 0;
    const lengths = offBeat ? [0.5, 1, 1.5] : [0.5, 1, 1.5, 2];
    const weights = offBeat ? [3, 1, 2] : [3, 3, 1, 1];
    let d = Math.min(lengths[weighted(rng, weights)], end - t);
    if (end - t - d > 0 && end - t - d < 0.5) d = end - t;
    out.push({ beat: t, beats: d });
    t += d;
  }
  const last = out[out.length - 1];
  if (out.length > 1 && last.beats < 1) {
    out.pop();
    out[out.length - 1].beats += last.beats;
  }
  return out;
}

function drawSyllable(rng: Rng, weights: Record<string, number>): Syllable {
  const onsets = Object.keys(weights);
  const vowels = Object.keys(VOWEL_WEIGHTS) as Vowel[];
  return {
    onset: onsets[weighted(rng, onsets.map((o) => weights[o]))],
    vowel: vowels[weighted(rng, vowels.map((v) => VOWEL_WEIGHTS[v]))],
  };
}

/** A sung note in seconds, as the voice renders it and as GeneratedSong reports it. */
export interface SungNote {
  start: number;
  duration: number;
  midi: number;
  velocity: number;
  phraseStart: boolean;
  phraseEnd: boolean;
  syllable: Syllable;
}

/** Converts beats to seconds; a singer is never exactly on the grid, so onsets wander by ±12 ms. */
export function melodyInSeconds(notes: readonly MelodyNote[], beat: number, rng: Rng): SungNote[] {
  return notes.map((n) => ({
    start: Math.max(0, n.beat * beat + between(rng, -0.012, 0.012)),
    duration: n.beats * beat,
    midi: n.midi,
    velocity: n.velocity,
    phraseStart: n.phraseStart,
    phraseEnd: n.phraseEnd,
    syllable: n.syllable,
  }));
}
