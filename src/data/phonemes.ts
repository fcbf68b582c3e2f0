import type { VoiceType } from "./singer";

export type Vowel = "a" | "e" | "i" | "o" | "u";
export const VOWELS: readonly Vowel[] = ["a", "e", "i", "o", "u"];

/** Centre frequencies and bandwidths (Hz) of F1–F4. */
export interface Formants {
  freq: readonly [number, number, number, number];
  bw: readonly [number, number, number, number];
}

/**
 * Sung-vowel formants (the alto and tenor tables of the Csound manual's formant appendix, after
 * Sundberg): an alto's for the female voice, a tenor's for the male. The tenor's F3–F4 cluster near
 * 3 kHz is the "singer's formant" that lets a voice carry over a band.
 */
export const VOWEL_FORMANTS: Record<VoiceType, Record<Vowel, Formants>> = {
  female: {
    a: { freq: [800, 1150, 2800, 3500], bw: [80, 90, 120, 130] },
    e: { freq: [400, 1600, 2700, 3300], bw: [60, 80, 120, 150] },
    i: { freq: [350, 1700, 2700, 3700], bw: [50, 100, 120, 150] },
    o: { freq: [450, 800, 2830, 3500], bw: [70, 80, 100, 130] },
    u: { freq: [325, 700, 2530, 3500], bw: [50, 60, 170, 180] },
  },
  male: {
    a: { freq: [650, 1080, 2650, 2900], bw: [80, 90, 120, 130] },
    e: { freq: [400, 1700, 2600, 3200], bw: [70, 80, 100, 120] },
    i: { freq: [290, 1870, 2800, 3250], bw: [40, 90, 100, 120] },
    o: { freq: [400, 800, 2600, 2800], bw: [40, 80, 100, 120] },
    u: { freq: [350, 600, 2700, 2900], bw: [40, 60, 100, 120] },
  },
};

/**
 * F5 and F6 (Hz, bandwidth), the same for every vowel. Without them an all-pole cascade of four
 * formants falls 48 dB per octave above F4 and the voice sounds muffled, as if through a wall.
 */
export const HIGH_FORMANTS: Record<VoiceType, readonly (readonly [number, number])[]> = {
  female: [[4950, 250], [6200, 500]],
  male: [[4200, 250], [5500, 500]],
};

export type ConsonantKind = "fricative" | "plosive" | "nasal" | "approximant" | "aspirate";

/** A syllable onset as the synthesiser needs it. */
export interface Consonant {
  kind: ConsonantKind;
  /** Seconds it takes before the vowel starts (it sits just before the note's onset). */
  duration: number;
  /** Glottal amplitude during it, relative to the vowel's (0: unvoiced). */
  voicing: number;
  /** Frication or burst noise: band centre (Hz), Q, and level relative to the sung vowel's RMS. */
  noise?: { freq: number; q: number; level: number };
  /** F1 and F2 during the consonant (the tongue and lips shape nasals and glides). */
  formants?: readonly [number, number];
}

export const CONSONANTS: Record<string, Consonant> = {
  s: { kind: "fricative", duration: 0.1, voicing: 0, noise: { freq: 6500, q: 1.4, level: 0.35 } },
  sh: { kind: "fricative", duration: 0.1, voicing: 0, noise: { freq: 2900, q: 1.6, level: 0.3 } },
  f: { kind: "fricative", duration: 0.08, voicing: 0, noise: { freq: 4000, q: 0.5, level: 0.12 } },
  h: { kind: "aspirate", duration: 0.07, voicing: 0 },
  t: { kind: "plosive", duration: 0.06, voicing: 0, noise: { freq: 4200, q: 1.2, level: 0.5 } },
  k: { kind: "plosive", duration: 0.07, voicing: 0, noise: { freq: 2000, q: 1.5, level: 0.45 } },
  p: { kind: "plosive", duration: 0.06, voicing: 0, noise: { freq: 900, q: 0.8, level: 0.35 } },
  d: { kind: "plosive", duration: 0.04, voicing: 0.25, noise: { freq: 3800, q: 1.2, level: 0.25 } },
  b: { kind: "plosive", duration: 0.04, voicing: 0.25, noise: { freq: 800, q: 0.8, level: 0.2 } },
  m: { kind: "nasal", duration: 0.07, voicing: 0.45, formants: [250, 1100] },
  n: { kind: "nasal", duration: 0.06, voicing: 0.45, formants: [250, 1500] },
  l: { kind: "approximant", duration: 0.06, voicing: 0.7, formants: [360, 1050] },
  w: { kind: "approximant", duration: 0.07, voicing: 0.7, formants: [300, 700] },
  y: { kind: "approximant", duration: 0.06, voicing: 0.7, formants: [280, 2200] },
  // Only in SPEECH_ONSET_WEIGHTS (the "wide" singers), so "pop" songs stay as they were: speech has
  // more kinds of noise than pop lyrics, and much of it below the model's 4096 Hz Nyquist.
  z: { kind: "fricative", duration: 0.09, voicing: 0.5, noise: { freq: 5000, q: 1.4, level: 0.25 } },
  v: { kind: "fricative", duration: 0.07, voicing: 0.5, noise: { freq: 3500, q: 0.5, level: 0.1 } },
  ch: { kind: "fricative", duration: 0.1, voicing: 0, noise: { freq: 3500, q: 1.2, level: 0.3 } }, // German ich
  x: { kind: "fricative", duration: 0.1, voicing: 0, noise: { freq: 1600, q: 0.9, level: 0.25 } }, // German ach
  th: { kind: "fricative", duration: 0.08, voicing: 0, noise: { freq: 3000, q: 0.4, level: 0.1 } },
  g: { kind: "plosive", duration: 0.045, voicing: 0.25, noise: { freq: 1800, q: 1.2, level: 0.25 } },
};


/** How often each onset begins a syllable ("" is a bare vowel). */
export const ONSET_WEIGHTS: Record<string, number> = {
  "": 3, l: 2, m: 2, n: 2, s: 2, sh: 1, t: 2, k: 1, d: 1, h: 1, f: 1, p: 1, b: 1, w: 1, y: 1,
};
/** Onsets of the "wide" singers: more noise consonants and fewer bare vowels, as in speech. */
export const SPEECH_ONSET_WEIGHTS: Record<string, number> = {
  "": 2, l: 2, m: 2, n: 2, s: 3, sh: 1, t: 3, k: 2, d: 2, h: 1, f: 1, p: 1, b: 1, w: 1, y: 1, z: 2, v: 1, ch: 1, x: 1, th: 1, g: 1,
};
export const VOWEL_WEIGHTS: Record<Vowel, number> = { a: 3, e: 2, i: 2, o: 2, u: 1 };
