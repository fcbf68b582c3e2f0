import { afterEach, describe, expect, it } from "vitest";
import { istft, stft, STFT_PAPER, type StftConfig } from "../../../src/dsp";
import { disableSimdStft } from "../../../src/dsp/stft-simd";
import { maxAbs, maxAbsDiff, noise } from "../fixtures";

afterEach(() => disableSimdStft(false));

function withJs<T>(f: () => T): T {
  disableSimdStft(true);
  try {
    return f();
  } finally {
    disableSimdStft(false);
  }
}

describe("the SIMD STFT against the float64 JavaScript STFT", () => {
  // Batches of 64 frames and quads of 4: frame counts below, at and across both, and odd FFT sizes
  // of the kernel's passes (log2 M odd and even).
  const configs: [string, StftConfig, number][] = [
    ["paper, 3 batches and a partial quad", STFT_PAPER, 768 * 150 + 5],
    ["paper, one frame", STFT_PAPER, 300],
    ["nfft 512 (M = 256: fused passes only), hop 128", { nfft: 512, hop: 128, window: "hann", center: true }, 20_000],
    ["nfft 8, hop 2, not centred", { nfft: 8, hop: 2, window: "hann", center: false }, 1000],
    ["nfft 2048, hamming, hop 300", { nfft: 2048, hop: 300, window: "hamming", center: true }, 50_000],
  ];
  for (const [name, config, n] of configs) {
    it(`${name}: spectra within 3e-7 of the peak, a masked inverse within 1e-6 of the signal's peak`, () => {
      const x = noise(n, n % 97, 0.8);
      const fast = stft(x, config);
      const ref = withJs(() => stft(x, config));
      expect([fast.frames, fast.bins]).toEqual([ref.frames, ref.bins]);
      const peak = Math.max(maxAbs(ref.re), maxAbs(ref.im));
      expect(maxAbsDiff(fast.re, ref.re) / peak).toBeLessThan(3e-7);
      expect(maxAbsDiff(fast.im, ref.im) / peak).toBeLessThan(3e-7);
      // A spectrogram no signal has (a mask that is not a filter): the least-squares inverse.
      const masked = { ...ref, re: ref.re.map((v, i) => v * ((i * 7919) % 11) / 10), im: ref.im.map((v, i) => v * ((i * 7919) % 11) / 10) };
      const y = istft(masked);
      const yRef = withJs(() => istft(masked));
      expect(maxAbsDiff(y, yRef) / maxAbs(yRef)).toBeLessThan(1e-6);
    });
  }

  it("takes frames past the signal's ends as zeros, as the JavaScript STFT", () => {
    const x = new Float32Array(5000).fill(0.5);
    const fast = stft(x);
    const ref = withJs(() => stft(x));
    expect(maxAbsDiff(fast.re, ref.re) / maxAbs(ref.re)).toBeLessThan(3e-7);
    // The last frames hold mostly padding; a stale batch would show there.
    expect(fast.re[fast.re.length - 1]).toBeCloseTo(ref.re[ref.re.length - 1], 4);
  });
});
