import { between, type Rng } from "./choose";
import type { SungNote } from "./melody";
import { CONSONANTS, VOWEL_FORMANTS } from "./phonemes";
import type { Singer } from "./singer";

/** Formant targets change once per block of this many samples; the filters retune as often. */
export const BLOCK = 32;

const smoothstep = (x: number) => x * x * (3 - 2 * x);
const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

/**
 * Pitch in (fractional) MIDI semitones, one value a sample: each note glides from the one before it
 * (portamento) or scoops up into a phrase's first note, holds, then gains vibrato after a delay, with
 * a slow random drift on top. Rests keep the last pitch so the oscillator never jumps audibly.
 */
export function pitchContour(notes: readonly SungNote[], singer: Singer, sampleRate: number, length: number, rng: Rng): Float32Array {
  const out = new Float32Array(length);
  if (notes.length === 0) return out;
  out.fill(notes[0].midi, 0, Math.min(length, Math.round(notes[0].start * sampleRate)));
  const driftStep = Math.round(0.12 * sampleRate);
  let driftFrom = 0;
  let driftTo = between(rng, -0.08, 0.08);
  let vibratoPhase = 0;
  for (let k = 0; k < notes.length; k++) {
    const note = notes[k];
    const from = Math.min(length, Math.round(note.start * sampleRate));
    const to = k + 1 < notes.length ? Math.min(length, Math.round(notes[k + 1].start * sampleRate)) : length;
    const legato = !note.phraseStart && k > 0;
    const offset = legato ? notes[k - 1].midi - note.midi : -between(rng, 0.4, 1.2);
    const glide = legato ? Math.min(0.11, 0.3 * note.duration) : between(rng, 0.06, 0.1);
    const rate = singer.vibratoRate * between(rng, 0.95, 1.05);
    const depth = singer.vibratoDepth * (note.duration > 0.35 ? 1 : 0.3);
    for (let i = from; i < to; i++) {
      const t = (i - from) / sampleRate;
      if ((i - from) % driftStep === 0) {
        driftFrom = driftTo;
        driftTo = between(rng, -0.08, 0.08);
      }
      const drift = driftFrom + (driftTo - driftFrom) * (((i - from) % driftStep) / driftStep);
      const bend = t < glide ? offset * (1 - smoothstep(t / glide)) : 0;
      const vibrato = depth * clamp01((t - singer.vibratoDelay) / 0.3) * Math.sin(2 * Math.PI * vibratoPhase);
      vibratoPhase += rate / sampleRate;
      out[i] = note.midi + bend + vibrato + drift;
    }
  }
  return out;
}

export interface Envelopes {
  /** Glottal (voiced) amplitude. */
  voiced: Float32Array;
  /** Aspiration amplitude of "h" onsets, shaped by the vowel's formants. */
  aspirated: Float32Array;
}

/**
 * Loudness of the voice: a soft attack at a phrase's start, legato within it, a release at its end
 * and a slight swell on held notes; then each onset consonant takes its share of time before its
 * note, lowering the voicing (to nothing for s, t, k, p) with 10 ms crossfades.
 */
export function envelopes(notes: readonly SungNote[], sampleRate: number, length: number): Envelopes {
  const voiced = new Float32Array(length);
  const aspirated = new Float32Array(length);
  for (const note of notes) {
    const attack = note.phraseStart ? 0.05 : 0.015;
    const release = note.phraseEnd ? 0.15 : 0.03;
    const from = Math.round(note.start * sampleRate);
    const to = Math.min(length, Math.round((note.start + note.duration + release) * sampleRate));
    for (let i = Math.max(0, from); i < to; i++) {
      const t = (i - from) / sampleRate;
      const after = t - note.duration;
      const swell = 1 + 0.12 * Math.sin(Math.PI * clamp01(t / note.duration));
      const env = clamp01(t / attack) * (after > 0 ? 1 - after / release : 1) * swell;
      const v = note.velocity * env;
      if (v > voiced[i]) voiced[i] = v;
    }
  }
  const ramp = 0.01 * sampleRate;
  for (const note of notes) {
    const c = CONSONANTS[note.syllable.onset];
    if (!c) continue;
    const from = Math.round((note.start - c.duration) * sampleRate);
    const to = Math.round(note.start * sampleRate);
    for (let i = Math.max(0, from); i < Math.min(length, to + ramp); i++) {
      const w = Math.min(1, (i - from) / ramp, (to + ramp - i) / ramp);
      voiced[i] = (1 - w) * voiced[i] + w * note.velocity * c.voicing;
      if (c.kind === "aspirate") aspirated[i] = Math.max(aspirated[i], w * note.velocity * 0.6);
    }
  }
  return { voiced, aspirated };
}

/**
 * Formant frequencies and bandwidths per block (4 of each, interleaved), following the vowels and
 * the nasals' and glides' own F1/F2, smoothed with a 20 ms time constant so the vocal tract moves
 * between targets instead of jumping.
 */
export function formantTrack(notes: readonly SungNote[], singer: Singer, sampleRate: number, length: number): { freq: Float32Array; bw: Float32Array } {
  const blocks = Math.ceil(length / BLOCK);
  const freq = new Float32Array(blocks * 4);
  const bw = new Float32Array(blocks * 4);
  const table = VOWEL_FORMANTS[singer.voice];
  const blockAt = (t: number) => Math.min(blocks, Math.max(0, Math.round((t * sampleRate) / BLOCK)));
  const onsetTime = (n: SungNote) => n.start - (CONSONANTS[n.syllable.onset]?.duration ?? 0);
  for (let k = 0; k < notes.length; k++) {
    const note = notes[k];
    const vowel = table[note.syllable.vowel];
    const c = CONSONANTS[note.syllable.onset];
    const from = k === 0 ? 0 : blockAt(onsetTime(note));
    const consonantEnd = blockAt(note.start);
    const to = k + 1 < notes.length ? blockAt(onsetTime(notes[k + 1])) : blocks;
    for (let b = from; b < to; b++) {
      for (let j = 0; j < 4; j++) {
        freq[b * 4 + j] = c?.formants && j < 2 && b < consonantEnd ? c.formants[j] : vowel.freq[j];
        bw[b * 4 + j] = vowel.bw[j];
      }
    }
  }
  if (notes.length === 0) {
    const a = table.a;
    for (let b = 0; b < blocks; b++) for (let j = 0; j < 4; j++) [freq[b * 4 + j], bw[b * 4 + j]] = [a.freq[j], a.bw[j]];
  }
  const keep = Math.exp(-BLOCK / (0.02 * sampleRate));
  for (let b = 1; b < blocks; b++) {
    for (let j = 0; j < 4; j++) {
      freq[b * 4 + j] = keep * freq[(b - 1) * 4 + j] + (1 - keep) * freq[b * 4 + j];
      bw[b * 4 + j] = keep * bw[(b - 1) * 4 + j] + (1 - keep) * bw[b * 4 + j];
    }
  }
  return { freq, bw };
}
