import type { AudioSignal } from "../src/audio";
import type { StemTrack } from "../src/train";
import { mulberry32 } from "../src/train/random";

/**
 * Deterministic test audio for the bench. Timing does not depend on what the audio sounds like
 * (no kernel here takes a data-dependent path), but silence or a pure tone could (denormals, an
 * early exit somewhere), so it is a few tones over noise at a music-like level.
 */
export function benchSignal(seconds: number, sampleRate: number, channels: number, seed = 1): AudioSignal {
  const n = Math.round(seconds * sampleRate);
  const out: Float32Array[] = [];
  for (let c = 0; c < channels; c++) {
    const random = mulberry32(seed + c);
    const x = new Float32Array(n);
    const w1 = (2 * Math.PI * 220) / sampleRate;
    const w2 = (2 * Math.PI * 331) / sampleRate;
    const w3 = (2 * Math.PI * 1500) / sampleRate;
    for (let i = 0; i < n; i++) {
      x[i] = 0.2 * Math.sin(w1 * i) + 0.1 * Math.sin(w2 * i + c) + 0.05 * Math.sin(w3 * i) + 0.05 * (2 * random() - 1);
    }
    out.push(x);
  }
  return { sampleRate, channels: out };
}

/** Training stems at the model rate: a "voice" of two tones and an "accompaniment" of tone + noise. */
export function benchTracks(count: number, seconds: number): StemTrack[] {
  return Array.from({ length: count }, (_, k) => {
    const a = benchSignal(seconds, 8192, 1, 10 + 2 * k);
    const b = benchSignal(seconds, 8192, 1, 11 + 2 * k);
    return { name: `bench${k}`, vocals: a, accompaniment: b };
  });
}
