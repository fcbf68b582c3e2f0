import { describe, expect, it } from "vitest";
import { RESAMPLE_DEFAULT, RESAMPLE_SCIPY, resample, type ResampleOptions } from "../../../src/audio";
import { rms, sine } from "./helpers";

/**
 * Measured filter quality with real tones through `resample` (not from the filter's formula):
 * stop-band attenuation = level of what comes out for a tone the filter must remove; passband
 * ripple = worst gain error for tones it must keep. Edges (filter ramp-in/out) are excluded.
 */

/** Least-squares fit of a·sin + b·cos at a known frequency over [from, to): exact for any window length. */
function fitSine(y: Float32Array, rate: number, freq: number, from: number, to: number): { a: number; b: number } {
  let ss = 0, cc = 0, sc = 0, ys = 0, yc = 0;
  for (let i = from; i < to; i++) {
    const w = (2 * Math.PI * freq * i) / rate;
    const s = Math.sin(w), c = Math.cos(w);
    ss += s * s; cc += c * c; sc += s * c; ys += y[i] * s; yc += y[i] * c;
  }
  const det = ss * cc - sc * sc;
  return { a: (ys * cc - yc * sc) / det, b: (yc * ss - ys * sc) / det };
}

function fitAmplitude(y: Float32Array, rate: number, freq: number, from: number, to: number): number {
  const { a, b } = fitSine(y, rate, freq, from, to);
  return Math.hypot(a, b);
}

/** Peak-equivalent level of everything in y except the tone at `freq` (images, aliases, noise). */
function residualLevel(y: Float32Array, rate: number, freq: number, from: number, to: number): number {
  const { a, b } = fitSine(y, rate, freq, from, to);
  const r = new Float32Array(to - from);
  for (let i = from; i < to; i++) {
    const w = (2 * Math.PI * freq * i) / rate;
    r[i - from] = y[i] - a * Math.sin(w) - b * Math.cos(w);
  }
  return Math.SQRT2 * rms(r);
}

const middle = (n: number): [number, number] => [Math.floor(n * 0.15), Math.floor(n * 0.85)];

/** Worst attenuation in dB of tones from `lo`×Nyquist up to 0.98×input Nyquist when downsampling. */
function stopBandDb(from: number, to: number, lo: number, options: ResampleOptions): number {
  let worst = Infinity;
  const nyq = to / 2;
  for (let k = 0; k < 16; k++) {
    const f = nyq * lo + ((from / 2) * 0.98 - nyq * lo) * (k / 15);
    const y = resample(sine(from, from, f), from, to, options);
    const level = Math.SQRT2 * rms(y, ...middle(y.length));
    worst = Math.min(worst, -20 * Math.log10(level));
  }
  return worst;
}

/** Worst |gain| in dB of tones from 1% to `hi`×Nyquist (of the lower rate). */
function passbandRippleDb(from: number, to: number, hi: number, options: ResampleOptions): number {
  let worst = 0;
  const nyq = Math.min(from, to) / 2;
  for (let k = 0; k < 24; k++) {
    const f = nyq * (0.01 + (hi - 0.01) * (k / 23));
    const y = resample(sine(from, from, f, 0.5), from, to, options);
    const gain = fitAmplitude(y, to, f, ...middle(y.length)) / 0.5;
    worst = Math.max(worst, Math.abs(20 * Math.log10(gain)));
  }
  return worst;
}

/**
 * Upsampling: a passband tone must come out alone; its images (at k·inputRate ± f) must be removed.
 * Measured as the level of everything but the tone (a single-frequency DFT would see the tone's own
 * leakage, about −70 dB at these distances, instead of the images).
 */
function imageRejectionDb(from: number, to: number, options: ResampleOptions): number {
  let worst = Infinity;
  for (const f of [100, 1000, 2000, 3000, 0.4 * from]) {
    const y = resample(sine(from, from, f), from, to, options);
    worst = Math.min(worst, -20 * Math.log10(residualLevel(y, to, f, ...middle(y.length))));
  }
  return worst;
}

describe("resampler quality (default: RESAMPLE_DEFAULT)", () => {
  const report: string[] = [];

  // 48000 → 44100 has no stop band inside the input's band (1.2 × 22050 Hz > 24000 Hz): ripple only, below.
  for (const [from, to] of [[44100, 8192], [44100, 16000], [22050, 8192]] as const) {
    it(`${from} → ${to}: ≥ 90 dB stop band above 1.2 × Nyquist, ≤ 0.001 dB ripple to 0.85 × Nyquist`, () => {
      const stop = stopBandDb(from, to, 1.2, RESAMPLE_DEFAULT);
      const ripple = passbandRippleDb(from, to, 0.85, RESAMPLE_DEFAULT);
      const scipyStop = stopBandDb(from, to, 1.2, RESAMPLE_SCIPY);
      const scipyRipple = passbandRippleDb(from, to, 0.85, RESAMPLE_SCIPY);
      report.push(`${from}→${to}: default stop ${stop.toFixed(1)} dB, ripple ${ripple.toExponential(2)} dB; scipy preset stop ${scipyStop.toFixed(1)} dB, ripple ${scipyRipple.toExponential(2)} dB`);
      expect(stop).toBeGreaterThanOrEqual(90);
      expect(ripple).toBeLessThanOrEqual(0.001);
      // The scipy preset is the weaker filter: that is why it is not the default.
      expect(scipyStop).toBeLessThan(stop);
    });
  }

  it("48000 → 44100: ≤ 0.001 dB ripple to 0.85 × Nyquist", () => {
    const ripple = passbandRippleDb(48000, 44100, 0.85, RESAMPLE_DEFAULT);
    report.push(`48000→44100: default ripple ${ripple.toExponential(2)} dB`);
    expect(ripple).toBeLessThanOrEqual(0.001);
  });

  it("8192 → 44100: images of passband tones are removed by ≥ 90 dB", () => {
    const rejection = imageRejectionDb(8192, 44100, RESAMPLE_DEFAULT);
    report.push(`8192→44100: default image rejection ${rejection.toFixed(1)} dB`);
    expect(rejection).toBeGreaterThanOrEqual(90);
    expect(passbandRippleDb(8192, 44100, 0.85, RESAMPLE_DEFAULT)).toBeLessThanOrEqual(0.001);
    if (process.env.DEMIX_REPORT) console.log(report.join("\n"));
  });
});
