/**
 * Just enough music theory to write songs: keys, diatonic chords from Roman numerals, and the scale a
 * melody may use over a chord.
 */
export type Mode = "major" | "minor";

export interface Key {
  /** Pitch class of the tonic, 0 = C. */
  tonic: number;
  mode: Mode;
}

export interface Chord {
  /** Roman numeral it was written as, e.g. "vi", "V7", "bVII". */
  numeral: string;
  /** Scale degree (0 = I) the numeral names, before any b/# shift. */
  degree: number;
  /** Pitch class of the root. */
  root: number;
  /** Pitch classes, root first, then third, fifth (and seventh). */
  tones: number[];
  /** Lead-sheet name in the key's spelling, e.g. "Am", "G7", "Bbmaj7". */
  name: string;
}

const SCALES: Record<Mode, number[]> = { major: [0, 2, 4, 5, 7, 9, 11], minor: [0, 2, 3, 5, 7, 8, 10] };
const SHARPS = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"];
const FLATS = ["C", "Db", "D", "Eb", "E", "F", "Gb", "G", "Ab", "A", "Bb", "B"];
const NUMERALS = ["I", "II", "III", "IV", "V", "VI", "VII"];
// Keys whose signatures have sharps (G D A E B major, and their relative minors).
const SHARP_MAJORS = new Set([7, 2, 9, 4, 11]);

const mod12 = (n: number) => ((n % 12) + 12) % 12;

export function pitchName(pc: number, key: Key): string {
  const relativeMajor = key.mode === "major" ? key.tonic : mod12(key.tonic + 3);
  return (SHARP_MAJORS.has(relativeMajor) ? SHARPS : FLATS)[mod12(pc)];
}

export function keyName(key: Key): string {
  return `${pitchName(key.tonic, key)} ${key.mode}`;
}

/** The key's seven pitch classes, tonic first. */
export function scaleOf(key: Key): number[] {
  return SCALES[key.mode].map((s) => mod12(key.tonic + s));
}

export function midiToHz(midi: number): number {
  return 440 * 2 ** ((midi - 69) / 12);
}

/**
 * Parses a Roman numeral in `key`: case gives the quality (upper major, lower minor, "°" diminished),
 * a "b" or "#" prefix shifts the root (borrowed chords like bVII), and "7" / "maj7" add a seventh (a
 * minor seventh unless "maj7"). Degrees count from the key's own scale, so "V" in a minor key is the
 * major dominant of harmonic minor, as songs use it.
 */
export function chordFromNumeral(numeral: string, key: Key): Chord {
  const m = /^(b|#)?(VII|VI|V|IV|III|II|I|vii|vi|v|iv|iii|ii|i)(°)?(maj7|7)?$/.exec(numeral);
  if (!m) throw new Error(`chordFromNumeral: cannot read "${numeral}"`);
  const [, accidental, body, dim, seventh] = m;
  const degree = NUMERALS.indexOf(body.toUpperCase());
  const shift = accidental === "b" ? -1 : accidental === "#" ? 1 : 0;
  const root = mod12(key.tonic + SCALES[key.mode][degree] + shift);
  const upper = body === body.toUpperCase();
  const triad = dim ? [0, 3, 6] : upper ? [0, 4, 7] : [0, 3, 7];
  const intervals = seventh ? [...triad, seventh === "maj7" ? 11 : 10] : triad;
  const quality = dim ? (seventh ? "m7b5" : "dim") : (upper ? "" : "m") + (seventh ?? "");
  return { numeral, degree, root, tones: intervals.map((i) => mod12(root + i)), name: pitchName(root, key) + quality };
}

/**
 * The scale a melody may use over `chord`: the key's scale with each chord tone put in place of the
 * scale step it stands on (the third of V in minor raises the seventh step to the leading tone; the
 * root of bVII in major lowers the seventh step).
 */
export function chordScale(key: Key, chord: Chord): number[] {
  const scale = scaleOf(key);
  chord.tones.forEach((tone, k) => {
    scale[(chord.degree + 2 * k) % 7] = tone;
  });
  return scale.sort((a, b) => a - b);
}

/** Every MIDI note in [low, high] whose pitch class is in `pcs`, ascending. */
export function notesIn(pcs: readonly number[], low: number, high: number): number[] {
  const out: number[] = [];
  for (let m = Math.ceil(low); m <= high; m++) if (pcs.includes(mod12(m))) out.push(m);
  return out;
}
