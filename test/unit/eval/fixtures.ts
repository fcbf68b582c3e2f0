import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { readF32 } from "../fixtures";

/** Reference results written by scripts/fixtures/eval_fixtures.py (mir_eval, museval, numpy). */
const DIR = fileURLToPath(new URL("../../fixtures/eval/", import.meta.url));

type Encoded = number | string | null;

export interface Case {
  name: string;
  refs: string;
  ests: string;
  estimateOrder: number[];
  sources: number;
  channels: number;
  samples: number;
  sampleRate: number;
  expected: Record<string, Record<string, unknown>>;
}

export function loadCases(): Case[] {
  return JSON.parse(readFileSync(DIR + "cases.json", "utf8")).cases as Case[];
}

/** A `.f32` file (little-endian, source → channel → sample) as Float32Array[source][channel]. */
export function loadSources(file: string, sources: number, channels: number, samples: number): Float32Array[][] {
  const all = readF32("eval", file);
  if (all.length !== sources * channels * samples) {
    throw new Error(`${file}: ${all.length} values, expected ${sources}×${channels}×${samples} float32`);
  }
  return Array.from({ length: sources }, (_, j) =>
    Array.from({ length: channels }, (_, c) => all.subarray((j * channels + c) * samples, (j * channels + c + 1) * samples)),
  );
}

export function loadCase(c: Case): { refs: Float32Array[][]; ests: Float32Array[][] } {
  const refs = loadSources(c.refs, c.sources, c.channels, c.samples);
  const ests = loadSources(c.ests, c.sources, c.channels, c.samples);
  return { refs, ests: c.estimateOrder.map((j) => ests[j]) };
}

export function decode(values: Encoded[]): number[] {
  return values.map((v) => (v === null ? NaN : v === "inf" ? Infinity : v === "-inf" ? -Infinity : (v as number)));
}

/** Largest |difference| per metric name seen by `expectClose`, printed by the tests' afterAll. */
export const worst = new Map<string, number>();

/**
 * Every value within `tol` dB; NaN exactly where the reference has NaN, infinities equal.
 * Records the largest difference under `label`.
 */
export function expectClose(actual: ArrayLike<number>, expected: Encoded[], tol: number, label: string): void {
  const want = decode(expected);
  expect(actual.length, `${label}: length`).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    const a = actual[i];
    const w = want[i];
    if (Number.isNaN(w) || !Number.isFinite(w)) {
      expect(a, `${label}[${i}]`).toBe(w);
      continue;
    }
    const d = Math.abs(a - w);
    worst.set(label, Math.max(worst.get(label) ?? 0, d));
    expect(d, `${label}[${i}]: got ${a}, expected ${w}`).toBeLessThan(tol);
  }
}

export function reportWorst(title: string): void {
  if (!process.env.EVAL_REPORT) return;
  const lines = [...worst.entries()].map(([k, v]) => `  ${k.padEnd(28)} ${v.toExponential(2)} dB`);
  console.log(`${title}: largest |difference|\n${lines.join("\n")}`);
}
