import { between, chance, type Rng } from "./choose";
import { SweepLowpass } from "./filters";
import { Saw, sine } from "./oscillators";
import type { NoteEvent } from "./parts";
import { midiToHz } from "./theory";

/**
 * A synth bass: sawtooth plus a sine an octave down for weight, through a resonant low-pass whose
 * cut-off falls from bright to round over the first 150 ms of each note (the "pluck" of a filter
 * envelope), with a short release so repeated notes stay articulated.
 */
export function renderBass(notes: readonly NoteEvent[], sampleRate: number, length: number): Float32Array {
  const out = new Float32Array(length);
  const release = 0.03;
  for (const note of notes) {
    const hz = midiToHz(note.midi);
    const from = Math.round(note.start * sampleRate);
    const to = Math.min(length, Math.round((note.start + note.duration + release) * sampleRate));
    const saw = new Saw();
    const filter = new SweepLowpass();
    let subPhase = 0;
    for (let i = Math.max(0, from); i < to; i++) {
      const t = (i - from) / sampleRate;
      if ((i - from) % 16 === 0) filter.tune(2.5 * hz + (500 + 1800 * note.velocity) * Math.exp(-t / 0.15), 1.6, sampleRate);
      subPhase += (hz / 2) / sampleRate;
      const x = 0.7 * saw.next(hz, sampleRate) + 0.5 * sine(subPhase);
      const attack = Math.min(1, t / 0.004);
      const after = t - note.duration;
      const env = attack * (0.8 + 0.2 * Math.exp(-t / 0.3)) * (after > 0 ? 1 - after / release : 1);
      out[i] += filter.process(x) * env * note.velocity;
    }
  }
  return out;
}

/**
 * A pure-sine bass (the "wide" band's second bass): a sine on each note, an octave up where the note
 * is below 55 Hz, so it sits at 55–150 Hz where deep voices' fundamentals are. Either a sustained
 * sine bass or an 808-style one (a short downward pitch sweep and a long exponential decay). With no
 * harmonics to speak of, only its steadiness and lack of formants tell it from a voice.
 */
export function renderSineBass(notes: readonly NoteEvent[], sampleRate: number, length: number, rng: Rng): Float32Array {
  const out = new Float32Array(length);
  const eight08 = chance(rng, 0.5);
  const decay = eight08 ? between(rng, 0.35, 0.9) : between(rng, 1.5, 4);
  const release = 0.04;
  for (const note of notes) {
    let hz = midiToHz(note.midi);
    if (hz < 55) hz *= 2;
    const from = Math.round(note.start * sampleRate);
    const to = Math.min(length, Math.round((note.start + note.duration + release) * sampleRate));
    let phase = 0;
    for (let i = Math.max(0, from); i < to; i++) {
      const t = (i - from) / sampleRate;
      const sweep = eight08 ? 1 + 0.5 * Math.exp(-t / 0.012) : 1;
      phase += (hz * sweep) / sampleRate;
      const after = t - note.duration;
      const env = Math.min(1, t / 0.005) * Math.exp(-t / decay) * (after > 0 ? 1 - after / release : 1);
      out[i] += sine(phase) * env * note.velocity;
    }
  }
  return out;
}
