import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";

export const FIXTURES = resolve("test/fixtures/audio");

export function fixtureBytes(...parts: string[]): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, ...parts)));
}

export function fixtureJson<T = any>(...parts: string[]): T {
  return JSON.parse(readFileSync(join(FIXTURES, ...parts), "utf8")) as T;
}

/** Raw little-endian float32 fixture. */
export function fixtureF32(...parts: string[]): Float32Array {
  const b = fixtureBytes(...parts);
  return new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4);
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

/**
 * Amplitude of the `freq` component of x (sample rate `rate`) by correlating with sin and cos over
 * [from, to): insensitive to codec delay and phase, so lossy decodes can be checked loosely.
 */
export function toneAmplitude(x: Float32Array, rate: number, freq: number, from = 0, to = x.length): number {
  let s = 0;
  let c = 0;
  for (let i = from; i < to; i++) {
    const w = (2 * Math.PI * freq * i) / rate;
    s += x[i] * Math.sin(w);
    c += x[i] * Math.cos(w);
  }
  return (2 * Math.hypot(s, c)) / (to - from);
}

export function rms(x: Float32Array, from = 0, to = x.length): number {
  let e = 0;
  for (let i = from; i < to; i++) e += x[i] * x[i];
  return Math.sqrt(e / (to - from));
}

/** Deterministic pseudo-random floats in [-1, 1). */
export function noise(n: number, seed = 1): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = (s >>> 0) / 2 ** 31 - 1;
  }
  return out;
}

export function sine(n: number, rate: number, freq: number, amplitude = 1): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = amplitude * Math.sin((2 * Math.PI * freq * i) / rate);
  return out;
}
