import { describe, expect, it } from "vitest";
import { istft, makeWindow, type Spectrogram, type StftConfig } from "../../../src/dsp";
import { RealFft, realFftPlan } from "../../../src/dsp/realfft";
import { maxAbs, maxAbsDiff, noise } from "../fixtures";

/** numpy.fft.rfft by the definition, in float64. */
function naiveRfft(x: ArrayLike<number>): { re: Float64Array; im: Float64Array } {
  const n = x.length;
  const re = new Float64Array(n / 2 + 1);
  const im = new Float64Array(n / 2 + 1);
  for (let k = 0; k <= n / 2; k++) {
    let sr = 0;
    let si = 0;
    for (let t = 0; t < n; t++) {
      const a = (-2 * Math.PI * ((k * t) % n)) / n;
      sr += x[t] * Math.cos(a);
      si += x[t] * Math.sin(a);
    }
    re[k] = sr;
    im[k] = si;
  }
  return { re, im };
}

/** numpy.fft.irfft by the definition, in float64 (imaginary parts of DC and Nyquist ignored). */
function naiveIrfft(re: ArrayLike<number>, im: ArrayLike<number>, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    let s = re[0] + (t % 2 ? -1 : 1) * re[n / 2];
    for (let k = 1; k < n / 2; k++) {
      const a = (2 * Math.PI * ((k * t) % n)) / n;
      s += 2 * (re[k] * Math.cos(a) - im[k] * Math.sin(a));
    }
    out[t] = s / n;
  }
  return out;
}

// Every size from 2 to 4096: both kinds of first pass (8 and 4 points), the tiny sizes without
// radix-4 passes, and the sizes whose last pass is fused with the split step and overlap-add.
const SIZES = Array.from({ length: 12 }, (_, i) => 2 ** (i + 1));

describe("RealFft.forward against the DFT", () => {
  for (const n of SIZES) {
    it(`size ${n}, windowed, read at an offset`, () => {
      const src = noise(n + 37, n);
      const window = Array.from(noise(n, n + 1));
      const re = new Float32Array(n / 2 + 1 + 5);
      const im = new Float32Array(n / 2 + 1 + 5);
      realFftPlan(n).forward(src, 37, window, re, im, 5);
      const ref = naiveRfft(Array.from({ length: n }, (_, t) => src[37 + t] * window[t]));
      const peak = Math.max(maxAbs(ref.re), maxAbs(ref.im));
      // The arithmetic is float64; the float32 output rounds each bin to ~6e-8 of its size.
      expect(maxAbsDiff(re.subarray(5), ref.re) / peak).toBeLessThan(3e-7);
      expect(maxAbsDiff(im.subarray(5), ref.im) / peak).toBeLessThan(3e-7);
      expect([re[4], im[4]]).toEqual([0, 0]);
    });
  }

  it("rejects a frame that reaches past the signal, and a size that is not a power of two", () => {
    expect(() => realFftPlan(64).forward(new Float32Array(100), 40, new Array<number>(64).fill(1), new Float32Array(33), new Float32Array(33), 0)).toThrow(
      /outside the 100 samples/,
    );
    expect(() => new RealFft(96)).toThrow(/power of two/);
  });
});

describe("RealFft.inverseAdd against the inverse DFT", () => {
  for (const n of SIZES) {
    it(`size ${n}: adds the weighted inverse, ignoring the imaginary DC and Nyquist parts`, () => {
      const bins = n / 2 + 1;
      const re = noise(bins + 3, 2 * n);
      const im = noise(bins + 3, 2 * n + 1);
      const weights = Array.from(noise(n, 3 * n));
      const target = Array.from(noise(n, 4 * n));
      const before = target.slice();
      realFftPlan(n).inverseAdd(re, im, 3, weights, target);
      const x = naiveIrfft(re.subarray(3), im.subarray(3), n);
      const expected = before.map((v, t) => v + x[t] * weights[t]);
      // float64 throughout: agreement to rounding.
      expect(maxAbsDiff(target, expected)).toBeLessThan(1e-13 * Math.max(1, n));
    });
  }
});

/** Least-squares ISTFT by the book: whole-signal float64 overlap-add of naive inverse DFTs. */
function naiveIstft(spec: Spectrogram, length: number): Float64Array {
  const { nfft, hop } = spec.config;
  const window = makeWindow(spec.config.window as "hann", nfft);
  const total = (spec.frames - 1) * hop + nfft;
  const acc = new Float64Array(total);
  const norm = new Float64Array(total);
  for (let t = 0; t < spec.frames; t++) {
    const x = naiveIrfft(spec.re.subarray(t * spec.bins), spec.im.subarray(t * spec.bins), nfft);
    for (let n = 0; n < nfft; n++) {
      acc[t * hop + n] += x[n] * window[n];
      norm[t * hop + n] += window[n] * window[n];
    }
  }
  const pad = spec.config.center ? nfft / 2 : 0;
  const out = new Float64Array(length);
  for (let i = 0; i < length && i + pad < total; i++) out[i] = norm[i + pad] > 1e-10 ? acc[i + pad] / norm[i + pad] : 0;
  return out;
}

describe("istft's buffered overlap-add against the whole-signal one", () => {
  const cases: [string, StftConfig, number, number][] = [
    // name, config, frames, length asked for
    ["hann 64 / 48, centred", { nfft: 64, hop: 48, window: "hann", center: true }, 9, 7 * 48],
    ["hann 64 / 16 (4 frames overlap), not centred, longer than the frames cover", { nfft: 64, hop: 16, window: "hann", center: false }, 6, 200],
    ["hamming 32 / 20, one frame", { nfft: 32, hop: 20, window: "hamming", center: true }, 1, 40],
    ["hann 64 / 8 (8 frames overlap), 70 frames: the buffer's open sums move back several times", { nfft: 64, hop: 8, window: "hann", center: true }, 70, 8 * 69],
    ["hamming 128 / 128 (no overlap), shorter than the frames cover", { nfft: 128, hop: 128, window: "hamming", center: false }, 4, 300],
  ];
  for (const [name, config, frames, length] of cases) {
    it(name, () => {
      const bins = config.nfft / 2 + 1;
      const spec: Spectrogram = { frames, bins, re: noise(frames * bins, frames), im: noise(frames * bins, frames + 1), length, config };
      const ours = istft(spec);
      const ref = naiveIstft(spec, length);
      expect(ours.length).toBe(length);
      expect(maxAbsDiff(ours, ref) / maxAbs(ref)).toBeLessThan(1e-6);
    });
  }
});
