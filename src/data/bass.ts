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
