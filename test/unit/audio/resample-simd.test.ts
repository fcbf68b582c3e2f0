import { afterEach, describe, expect, it } from "vitest";
import { RESAMPLE_DEFAULT, RESAMPLE_SCIPY, Resampler, resamplePlan, resampleSignal, resampleToLength, trimOrPad, type ResampleOptions } from "../../../src/audio";
import { runPolyphase } from "../../../src/audio/resample-kernel";
import { disableSimdResampler, runPolyphaseSimd, simdResamplerAvailable } from "../../../src/audio/resample-simd";
import { noise } from "./helpers";

afterEach(() => disableSimdResampler(false));

/** Runs the JavaScript loop on the same padded buffers the one-shot path builds. */
function jsReference(channels: Float32Array[], from: number, to: number, options: ResampleOptions): Float32Array[] {
  disableSimdResampler(true);
  try {
    return resampleSignal({ sampleRate: from, channels }, to, options).channels;
  } finally {
    disableSimdResampler(false);
  }
}

describe("WebAssembly SIMD polyphase kernel", () => {
  it("is available in Node 20 (so the tests below compare two real kernels)", () => {
    expect(simdResamplerAvailable()).toBe(true);
  });

  // Taps per phase, rounded up to a multiple of four by the plan: 44100→8192 default 216 (8k), scipy
  // 108 (8k + 4); 8192→44100 default 44 (8k + 4), scipy 24 (8k); 48000→44100 default 44; 3→2 and 2→3
  // with 8 and 4 taps: the eight-tap loop, its last group of four, and rows of four alone.
  const cases: [number, number, ResampleOptions][] = [
    [44100, 8192, RESAMPLE_DEFAULT],
    [44100, 8192, RESAMPLE_SCIPY],
    [8192, 44100, RESAMPLE_DEFAULT],
    [8192, 44100, RESAMPLE_SCIPY],
    [48000, 44100, RESAMPLE_DEFAULT],
    [3, 2, { halfLength: 7 }],
    [2, 3, { halfLength: 5 }],
  ];
  for (const [from, to, options] of cases) {
    const taps = resamplePlan(from, to, options).tapsPerPhase;
    it(`${from} → ${to} Hz (${taps} taps a phase): mono and stereo outputs equal the JavaScript loop's bit for bit`, () => {
      // Long enough for several of the kernel's 32 768-output blocks when upsampling.
      const n = from >= to ? 200_000 : 12_000;
      const stereo = [noise(n, 11), noise(n, 12)];
      const expected = jsReference(stereo, from, to, options);
      const got = resampleSignal({ sampleRate: from, channels: stereo }, to, options).channels;
      expect(got[0]).toEqual(expected[0]);
      expect(got[1]).toEqual(expected[1]);
      const mono = resampleSignal({ sampleRate: from, channels: [stereo[1]] }, to, options).channels[0];
      expect(mono).toEqual(expected[1]);
      // The first outputs are not all zero: the comparison is not between two empty results.
      expect(got[0].some((v) => v !== 0)).toBe(true);
    });
  }

  it("computes any output range of a buffer, as the streaming resampler asks", () => {
    const plan = resamplePlan(44100, 8192, RESAMPLE_DEFAULT);
    const base = -500;
    const a = noise(120_000, 3);
    const b = noise(120_000, 4);
    const [i0, i1] = [37, 20_000];
    const jsA = new Float32Array(i1 - i0);
    const jsB = new Float32Array(i1 - i0);
    runPolyphase(plan, a, base, jsA, i0, i1);
    runPolyphase(plan, b, base, jsB, i0, i1);
    const simdA = new Float32Array(i1 - i0);
    const simdB = new Float32Array(i1 - i0);
    expect(runPolyphaseSimd(plan, [a, b], base, [simdA, simdB], i0, i1)).toBe(true);
    expect(simdA).toEqual(jsA);
    expect(simdB).toEqual(jsB);
  });

  it("streams block by block to the same output as the JavaScript loop", () => {
    const x = noise(30_000, 8);
    const run = () => {
      const r = new Resampler(8192, 44100);
      const parts = [r.push(x.subarray(0, 10_001)), r.push(x.subarray(10_001)), r.end()];
      return Float32Array.from(parts.flatMap((p) => [...p]));
    };
    const simd = run();
    disableSimdResampler(true);
    expect(run()).toEqual(simd);
  });

  it("declines more than two channels and leaves the outputs alone", () => {
    const plan = resamplePlan(3, 2, { halfLength: 7 });
    const outs = [new Float32Array(3), new Float32Array(3), new Float32Array(3)];
    expect(runPolyphaseSimd(plan, [noise(10), noise(10), noise(10)], 0, outs, 0, 3)).toBe(false);
    expect(outs.every((o) => o.every((v) => v === 0))).toBe(true);
  });
});

describe("resampleToLength", () => {
  it("equals trimOrPad(resampleSignal(…)) cut short, exact and zero-padded, on both kernels", () => {
    const signal = { sampleRate: 8192, channels: [noise(9000, 21), noise(9000, 22), noise(9000, 23)] };
    const full = resampleSignal(signal, 44100);
    const natural = full.channels[0].length;
    for (const simd of [true, false]) {
      disableSimdResampler(!simd);
      for (const frames of [0, 1000, natural, natural + 333]) {
        const got = resampleToLength(signal, 44100, frames);
        expect(got.sampleRate).toBe(44100);
        expect(got.channels).toEqual(trimOrPad(full, frames).channels);
      }
    }
  });
});
