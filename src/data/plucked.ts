import { Biquad } from "./filters";
import { white } from "./oscillators";
import type { NoteEvent } from "./parts";
import type { Rng } from "./choose";
import { midiToHz } from "./theory";

/**
 * Karplus–Strong plucked strings (with Jaffe and Smith's extensions): a noise burst, softened for
 * quiet notes and comb-filtered for the picking position, circulates in a delay line whose length is
 * tuned exactly by a first-order all-pass; the loop gain sets how long it rings, and a note-off damps
 * it like a palm on the string. A guitar-ish body (low and presence peaks) colours the whole part.
 */
export function renderPlucked(notes: readonly NoteEvent[], sampleRate: number, length: number, rng: Rng): Float32Array {
  const out = new Float32Array(length);
  for (const note of notes) pluck(out, note, sampleRate, rng);
  const body = [new Biquad("highpass", 75, 0.7, sampleRate), new Biquad("peaking", 110, 1.2, sampleRate, 4), new Biquad("peaking", 2500, 1, sampleRate, 3)];
  for (const f of body) f.run(out);
  return out;
}

function pluck(out: Float32Array, note: NoteEvent, sampleRate: number, rng: Rng): void {
  const hz = midiToHz(note.midi);
  // Loop delay: N whole samples + ½ from the averaging filter + Δ from the all-pass, Δ in [0.1, 1.1).
  const period = sampleRate / hz;
  const N = Math.max(2, Math.floor(period - 0.6));
  const delta = period - 0.5 - N;
  const apC = (1 - delta) / (1 + delta);
  const line = new Float64Array(N);
  const ringing = 10 ** (-3 / (hz * (1.2 + 2.5 * (220 / hz) ** 0.5)));
  const damped = 10 ** (-3 / (hz * 0.08));
  const excitation = burst(N, note.velocity, rng);
  const from = Math.round(note.start * sampleRate);
  const to = Math.min(out.length, Math.round((note.start + note.duration + 0.1) * sampleRate));
  const offAt = Math.round(note.duration * sampleRate);
  let idx = 0;
  let lastDelayed = 0;
  let apX = 0;
  let apY = 0;
  for (let k = 0; from + k < to; k++) {
    const delayed = line[idx];
    const avg = 0.5 * (delayed + lastDelayed);
    lastDelayed = delayed;
    const ap = apC * avg + apX - apC * apY;
    apX = avg;
    apY = ap;
    const y = (k < N ? excitation[k] : 0) + (k < offAt ? ringing : damped) * ap;
    line[idx] = y;
    idx = idx + 1 === N ? 0 : idx + 1;
    if (from + k >= 0) out[from + k] += y * note.velocity;
  }
}

/** One period of noise: zero-mean, low-passed more for soft notes, with a pick-position notch comb. */
function burst(n: number, velocity: number, rng: Rng): Float64Array {
  const x = new Float64Array(n);
  const smooth = 0.75 - 0.6 * velocity;
  let s = 0;
  for (let i = 0; i < n; i++) x[i] = s = (1 - smooth) * white(rng) + smooth * s;
  const pick = Math.max(1, Math.round(n * 0.18));
  for (let i = n - 1; i >= pick; i--) x[i] -= x[i - pick];
  let mean = 0;
  for (const v of x) mean += v / n;
  for (let i = 0; i < n; i++) x[i] -= mean;
  return x;
}
