import type { StemTrack } from "../../../src/train";
// Browser-safe (no node imports): the browser training test uses these tracks too.
import { mulberry32 } from "../../../src/train/random";

/**
 * Two short tracks a tiny model can learn from in seconds: a gliding harmonic "voice" over a
 * plucked low "accompaniment" with noise bursts, at 8192 Hz (the model rate, so no resampling).
 */
export function tinyTracks(count = 2, seconds = 6): StemTrack[] {
  const fs = 8192;
  return Array.from({ length: count }, (_, k) => {
    const r = mulberry32(100 + k);
    const n = fs * seconds;
    const voice = new Float32Array(n);
    const acc = new Float32Array(n);
    let phase = 0;
    for (let i = 0; i < n; i++) {
      const t = i / fs;
      const f0 = 300 * 2 ** ((Math.floor(t / 0.4 + k) % 5) / 12) * (1 + 0.01 * Math.sin(2 * Math.PI * 5 * t));
      phase += (2 * Math.PI * f0) / fs;
      let v = 0;
      for (let h = 1; h <= 6; h++) v += Math.sin(h * phase) / h;
      voice[i] = 0.3 * v * (Math.sin(2 * Math.PI * 0.5 * t) > -0.3 ? 1 : 0);
      const beat = t % 0.5;
      acc[i] = 0.3 * Math.exp(-beat * 6) * Math.sign(Math.sin(2 * Math.PI * 110 * t)) + (beat < 0.05 ? 0.2 * (2 * r() - 1) : 0);
    }
    return { name: `tiny${k}`, vocals: { sampleRate: fs, channels: [voice] }, accompaniment: { sampleRate: fs, channels: [acc] } };
  });
}
