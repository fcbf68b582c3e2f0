import { afterEach, describe, expect, it } from "vitest";
import { istft, makeWindow, rfft, stft, STFT_PAPER, checkNola, type StftConfig, type WindowName } from "../../../src/dsp";
import { disableSimdStft, simdStftAvailable } from "../../../src/dsp/stft-simd";
import { maxAbs, maxAbsDiff, noise, readF32, readJson } from "../fixtures";

interface Case {
  kind: "rfft" | "stft" | "istft";
  name?: string;
  size?: number;
  nfft: number;
  hop: number;
  window: WindowName;
  center: boolean;
  window_sum: number;
  frames: number;
  bins: number;
  length: number;
  input: string;
  re: string;
  im: string;
  output: string;
}
const meta = readJson<{ cases: Case[] }>("dsp", "stft.json");

describe("rfft against numpy.fft.rfft", () => {
  for (const c of meta.cases.filter((c) => c.kind === "rfft")) {
    it(`size ${c.size}`, () => {
      const X = rfft(readF32("dsp", c.input));
      const re = readF32("dsp", c.re);
      const im = readF32("dsp", c.im);
      const ours = { re: X.filter((_, i) => i % 2 === 0), im: X.filter((_, i) => i % 2 === 1) };
      const scale = maxAbs(re);
      expect(maxAbsDiff(ours.re, re) / scale).toBeLessThan(1e-6);
      expect(maxAbsDiff(ours.im, im) / scale).toBeLessThan(1e-6);
    });
  }
});

/**
 * Both ways the STFT runs: the WebAssembly SIMD kernel (float32 arithmetic, a frame per lane) where
 * it is present, as in Node and browsers, and the float64 JavaScript FFT elsewhere. Round trips in
 * float32 arithmetic are as scipy's own for float32 input (complex64): scipy gives 6.9e-7 on the
 * 30 s case below (uniform noise of amplitude 0.9), the kernel 1.0e-6.
 */
const PATHS = [
  { name: "WebAssembly SIMD, float32", simd: true, roundTrip: { short: 3e-6, long: 1.5e-6 } },
  { name: "JavaScript, float64", simd: false, roundTrip: { short: 1e-6, long: 5e-7 } },
];

afterEach(() => disableSimdStft(false));

it("the SIMD kernel is available in Node (so both paths below are tested)", () => {
  expect(simdStftAvailable()).toBe(true);
});

for (const path of PATHS) {
  const usePath = () => disableSimdStft(!path.simd);

  describe(`stft against scipy.signal.stft (${path.name})`, () => {
    for (const c of meta.cases.filter((c) => c.kind === "stft")) {
      it(c.name!, () => {
        usePath();
        const config: StftConfig = { nfft: c.nfft, hop: c.hop, window: c.window, center: c.center };
        const spec = stft(readF32("dsp", c.input), config);
        expect([spec.frames, spec.bins]).toEqual([c.frames, c.bins]);
        const re = readF32("dsp", c.re);
        const im = readF32("dsp", c.im);
        const scaled = (a: Float32Array) => a.map((v) => v / c.window_sum);
        const peak = maxAbs(re);
        expect(maxAbsDiff(scaled(spec.re), re) / peak).toBeLessThan(2e-6);
        expect(maxAbsDiff(scaled(spec.im), im) / peak).toBeLessThan(2e-6);
      });
    }
  });

  describe(`istft against scipy.signal.istft (${path.name})`, () => {
    for (const c of meta.cases.filter((c) => c.kind === "istft")) {
      it(`${c.name}: least-squares overlap-add of an arbitrary spectrogram`, () => {
        usePath();
        const config: StftConfig = { nfft: c.nfft, hop: c.hop, window: c.window, center: true };
        const re = readF32("dsp", c.re).map((v) => v * c.window_sum);
        const im = readF32("dsp", c.im).map((v) => v * c.window_sum);
        const y = istft({ frames: c.frames, bins: c.bins, re, im, length: c.length, config });
        const ref = readF32("dsp", c.output);
        expect(maxAbsDiff(y, ref) / maxAbs(ref)).toBeLessThan(1e-5);
      });
    }
  });

  describe(`perfect reconstruction (${path.name})`, () => {
    const configs: [string, StftConfig][] = [
      ["paper", STFT_PAPER],
      ["paper, not centred", { ...STFT_PAPER, center: false }],
      ["hann 2048 / 512", { nfft: 2048, hop: 512, window: "hann", center: true }],
      ["hamming 256 / 100 (hop not dividing the window)", { nfft: 256, hop: 100, window: "hamming", center: true }],
      ["rect 64 / 64", { nfft: 64, hop: 64, window: "rect", center: false }],
    ];
    for (const [name, config] of configs) {
      it(name, () => {
        usePath();
        for (const n of [1, 700, 8192 * 3 + 17]) {
          const x = noise(n, n + 7);
          const y = istft(stft(x, config));
          expect(y.length).toBe(n);
          // Not centred, the first samples lie only under the rising edge of one Hann window: sample 0
          // has weight 0 and the next few are divided by a tiny squared weight, which magnifies the
          // float32 rounding of the stored spectrogram. Centring (the default) avoids both.
          const skip = config.center || config.window === "rect" ? 0 : 64;
          expect(maxAbsDiff(y.subarray(skip), x.subarray(skip))).toBeLessThan(path.roundTrip.short);
        }
      });
    }

    it("paper settings reconstruct 30 s of audio to float precision", () => {
      usePath();
      const x = noise(8192 * 30, 3, 0.9);
      const y = istft(stft(x));
      expect(maxAbsDiff(x, y)).toBeLessThan(path.roundTrip.long);
    });
  });
}

describe("errors", () => {
  it("rejects a hop that leaves samples without window weight", () => {
    expect(checkNola(makeWindow("hann", 1024), 1024)).toBe(false);
    expect(() => stft(noise(4096, 1), { ...STFT_PAPER, hop: 1024 })).toThrow(/NOLA/);
  });
  it("rejects a non-power-of-two FFT size and an empty signal", () => {
    expect(() => stft(noise(4096, 1), { ...STFT_PAPER, nfft: 1000 })).toThrow(/power of two/);
    expect(() => stft(new Float32Array(0))).toThrow(/empty/);
  });
});
