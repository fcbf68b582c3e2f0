import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { mulberry32 } from "../../src/train/random";

export const FIXTURES = resolve("test/fixtures");

/** Reads a little-endian float32 fixture written by a scripts/fixtures generator. */
export function readF32(...parts: string[]): Float32Array {
  const buf = readFileSync(join(FIXTURES, ...parts));
  const out = new Float32Array(buf.byteLength / 4);
  for (let i = 0; i < out.length; i++) out[i] = buf.readFloatLE(i * 4);
  return out;
}

export function readJson<T>(...parts: string[]): T {
  return JSON.parse(readFileSync(join(FIXTURES, ...parts), "utf8")) as T;
}

/** Largest |a - b| over two arrays of equal length. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

export function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

export function noise(n: number, seed: number, amplitude = 0.5): Float32Array {
  const r = mulberry32(seed);
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) x[i] = amplitude * (2 * r() - 1);
  return x;
}
