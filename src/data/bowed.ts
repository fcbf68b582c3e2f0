import { Biquad } from "./filters";
import { Saw, sine, white } from "./oscillators";
import type { NoteEvent } from "./parts";
import type { Rng } from "./choose";
import { midiToHz } from "./theory";

/**
 * A bowed string section: two slightly detuned sawtooths a note with a slow bow attack, delayed
 * vibrato and a touch of bow noise, then a body filter (the wood and air resonances near 280 and
 * 460 Hz and the bridge hill near 2.8 kHz) shared by the whole part, as one instrument body would be.
 */
export function renderBowed(notes: readonly NoteEvent[], sampleRate: number, length: number, rng: Rng): Float32Array {
  const out = new Float32Array(length);
  const release = 0.35;
  for (const [n, note] of notes.entries()) {
    const hz = midiToHz(note.midi);
    const from = Math.round(note.start * sampleRate);
    const to = Math.min(length, Math.round((note.start + note.duration + release) * sampleRate));
    const a = new Saw(rng());
    const b = new Saw(rng());
    const attack = 0.18 + 0.25 * (1 - note.velocity);
    const vibratoRate = 5.2 + 0.2 * (n % 3);
    let vibratoPhase = rng();
    for (let i = Math.max(0, from); i < to; i++) {
      const t = (i - from) / sampleRate;
      vibratoPhase += vibratoRate / sampleRate;
      // ±12 cents once the bow has settled; 2^(c/1200) ≈ 1 + c·ln2/1200 at these depths.
      const bend = 1 + 0.007 * Math.min(1, Math.max(0, (t - 0.25) / 0.4)) * sine(vibratoPhase);
      const x = a.next(hz * 1.0023 * bend, sampleRate) + b.next(hz * 0.9977 * bend, sampleRate) + 0.015 * white(rng);
      const after = t - note.duration;
      const rise = t < attack ? t / attack : 1;
      const env = rise * rise * (after > 0 ? Math.max(0, 1 - after / release) : 1);
      out[i] += x * env * note.velocity;
    }
  }
  const body = [
    new Biquad("highpass", 160, 0.7, sampleRate),
    new Biquad("peaking", 280, 3, sampleRate, 6),
    new Biquad("peaking", 460, 3, sampleRate, 4),
    new Biquad("peaking", 2800, 1.2, sampleRate, 5),
    new Biquad("lowpass", 5000, 0.7, sampleRate),
  ];
  for (const f of body) f.run(out);
  return out;
}
