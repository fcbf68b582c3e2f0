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
    // Exponential decays advanced by one multiplication a sample rather than a Math.exp each.
    const indexFall = Math.exp(-1 / (0.3 * sampleRate));
    const ringFall = Math.exp(-1 / (ring * sampleRate));
    const tineFall = Math.exp(-1 / (0.04 * sampleRate));
    const attack = Math.max(1, Math.round(0.003 * sampleRate));
    const off = Math.round(note.duration * sampleRate);
    const releaseStep = 1 / (release * sampleRate);
    let index = 1.8 * v;
    let level = 1;
    let tineLevel = 0.25 * v;
    let gate = 1;
    let phase = 0;
    let tinePhase = 0;
    for (let i = Math.max(0, from), k = i - from; i < to; i++, k++) {
      phase += dt;
      let x = sine(phase + ((index + 0.35 * v) / (2 * Math.PI)) * sine(phase));
      if (tine) {
        tinePhase += 14 * dt;
        x += tineLevel * sine(phase + 0.12 * sine(tinePhase));
        tineLevel *= tineFall;
      }
      if (k >= off) gate = Math.max(0, gate - releaseStep);
      out[i] += x * level * gate * v * (k < attack ? k / attack : 1);
      index *= indexFall;
      level *= ringFall;
      // Below -80 dB the rest of the note is inaudible under any mix.
      if (level < 1e-4 || gate === 0) break;
    }
  }
  return out;
}
