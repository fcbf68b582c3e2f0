import type { Rng } from "./choose";
import type { DrumHit, DrumKind } from "./drum-patterns";
import { Biquad } from "./filters";
import { sine, white } from "./oscillators";

/** The kit in three buses, so the mix can place them apart in stereo. */
export interface DrumBuses {
  kick: Float32Array;
  snare: Float32Array;
  cymbals: Float32Array;
}

/**
 * How long each sound is rendered (seconds): until its slowest decay is 60 dB down, so that no hit is
 * cut off audibly (a cut shows as a hard vertical edge in a spectrogram).
 */
const LENGTH: Record<DrumKind, number> = { kick: 1.1, snare: 0.65, hat: 0.21, openhat: 0.85, crash: 5.5 };

/** The square-wave partials (Hz) of an 808-style metallic cymbal: inharmonic, so it rings unpitched. */
const METAL = [205.3, 304.4, 369.6, 522.7, 540, 800];

export function renderDrums(hits: readonly DrumHit[], sampleRate: number, length: number, rng: Rng): DrumBuses {
  const buses: DrumBuses = { kick: new Float32Array(length), snare: new Float32Array(length), cymbals: new Float32Array(length) };
  for (const h of hits) {
    const from = Math.round(h.time * sampleRate);
    const n = Math.min(length - from, Math.round(LENGTH[h.kind] * sampleRate));
    if (n <= 0) continue;
    if (h.kind === "kick") kick(buses.kick, from, n, h.velocity, sampleRate, rng);
    else if (h.kind === "snare") snare(buses.snare, from, n, h.velocity, sampleRate, rng);
    else cymbal(buses.cymbals, from, n, h, sampleRate, rng);
  }
  return buses;
}

/** A sine swept from about 170 Hz down to 48 Hz (the pitch drop of a struck drum head) and a beater click. */
function kick(out: Float32Array, from: number, n: number, velocity: number, sampleRate: number, rng: Rng): void {
  const drive = 1.6;
  const norm = 1 / Math.tanh(drive);
  // Decays advanced by a multiplication a sample instead of a Math.exp each.
  const sweepFall = Math.exp(-1 / (0.035 * sampleRate));
  const bodyFall = Math.exp(-1 / (0.16 * sampleRate));
  const clickFall = Math.exp(-1 / (0.002 * sampleRate));
  const attack = Math.max(1, 0.001 * sampleRate);
  let sweep = 120;
  let body = 1;
  let click = 0.3;
  let phase = 0;
  for (let k = 0; k < n; k++) {
    phase += (48 + sweep) / sampleRate;
    const x = sine(phase) * body * Math.min(1, k / attack) + click * white(rng);
    out[from + k] += Math.tanh(drive * x) * norm * velocity;
    sweep *= sweepFall;
    body *= bodyFall;
    click *= clickFall;
  }
}

/** Two drum-head modes (185 and 330 Hz) for the body, high-passed noise for the snare wires. */
function snare(out: Float32Array, from: number, n: number, velocity: number, sampleRate: number, rng: Rng): void {
  const wires = new Biquad("highpass", 1500, 0.7, sampleRate);
  const presence = new Biquad("peaking", 4000, 1, sampleRate, 4);
  const top = new Biquad("lowpass", 9000, 0.7, sampleRate);
  const toneFall = Math.exp(-1 / (0.07 * sampleRate));
  const noiseFall = Math.exp(-1 / ((0.05 + 0.04 * velocity) * sampleRate));
  const attack = Math.max(1, 0.0005 * sampleRate);
  let tone = 1;
  let noise = 0.9;
  for (let k = 0; k < n; k++) {
    const t = k / sampleRate;
    const head = (0.6 * sine(185 * t) + 0.3 * sine(330 * t)) * tone;
    const x = head + top.process(presence.process(wires.process(white(rng)))) * noise;
    out[from + k] += x * Math.min(1, k / attack) * velocity;
    tone *= toneFall;
    noise *= noiseFall;
  }
}

/** Hats and crash: noise plus inharmonic squares, high-passed; they differ in band and decay. */
function cymbal(out: Float32Array, from: number, n: number, h: DrumHit, sampleRate: number, rng: Rng): void {
  const crash = h.kind === "crash";
  const decay = h.kind === "hat" ? 0.03 : h.kind === "openhat" ? 0.12 : 0.8;
  const hp1 = new Biquad("highpass", crash ? 4000 : 7000, 0.7, sampleRate);
  const hp2 = new Biquad("highpass", crash ? 4000 : 7000, 0.7, sampleRate);
  const sheen = new Biquad("peaking", 10000, 1, sampleRate, 3);
  const phases = METAL.map(() => rng());
  const steps = METAL.map((hz) => (hz * (crash ? 1.7 : 1)) / sampleRate);
  const fall = Math.exp(-1 / (decay * sampleRate));
  // Cymbals sit well under the kick and snare, as a drummer plays them and a mixer balances them.
  let level = h.velocity * (crash ? 0.2 : 0.16);
  for (let k = 0; k < n; k++) {
    let metal = 0;
    for (let j = 0; j < METAL.length; j++) {
      let p = phases[j] + steps[j];
      if (p >= 1) p -= 1;
      phases[j] = p;
      metal += p < 0.5 ? 1 : -1;
    }
    const x = 0.6 * white(rng) + 0.08 * metal;
    out[from + k] += sheen.process(hp2.process(hp1.process(x))) * level;
    level *= fall;
  }
}
