import { sine } from "./oscillators";
import type { NoteEvent } from "./parts";
import { midiToHz } from "./theory";

/**
 * An FM electric piano in the manner of the DX7's: a 1:1 operator pair whose modulation index decays
 * (bright bark on the attack, a round sine-like tone as it rings) plus a 1:14 pair that gives the
 * tine's metallic click, left out where its sidebands would alias (high notes at low rates).
 */
export function renderKeys(notes: readonly NoteEvent[], sampleRate: number, length: number): Float32Array {
  const out = new Float32Array(length);
  const release = 0.12;
  for (const note of notes) {
    const hz = midiToHz(note.midi);
    const from = Math.round(note.start * sampleRate);
    const to = Math.min(length, Math.round((note.start + Math.min(note.duration, 4) + release) * sampleRate));
    const tine = 15 * hz < 0.45 * sampleRate;
    // Low notes ring longer than high ones, as on a real instrument.
    const ring = 1.6 * Math.sqrt(261 / hz);
    const dt = hz / sampleRate;
    const v = note.velocity;
    let phase = 0;
    let tinePhase = 0;
    for (let i = Math.max(0, from); i < to; i++) {
      const t = (i - from) / sampleRate;
      phase += dt;
      const index = v * (1.8 * Math.exp(-t / 0.3) + 0.35);
      let x = sine(phase + (index / (2 * Math.PI)) * sine(phase));
      if (tine) {
        tinePhase += 14 * dt;
        x += 0.25 * v * Math.exp(-t / 0.04) * sine(phase + 0.12 * sine(tinePhase));
      }
      const after = t - note.duration;
      const env = Math.min(1, t / 0.003) * Math.exp(-t / ring) * (after > 0 ? Math.max(0, 1 - after / release) : 1);
      out[i] += x * env * v;
    }
  }
  return out;
}
