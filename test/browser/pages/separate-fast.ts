import * as tf from "@tensorflow/tfjs";
import { resampleSignal, trimOrPad, RESAMPLE_DEFAULT, RESAMPLE_SCIPY } from "../../../src/audio";
import { disableSimdResampler, simdResamplerAvailable } from "../../../src/audio/resample-simd";
import { initBackend } from "../../../src/backend";
import { applyMask, istft, magnitude, scaleByPeak, stft, STFT_PAPER } from "../../../src/dsp";
import { disableSimdStft, simdStftAvailable } from "../../../src/dsp/stft-simd";
import { createUNet, inferenceModel, keptInferenceModel, UNET_PAPER } from "../../../src/model";
import { predictMasks } from "../../../src/separate";
import { loadShippedModel } from "../../../src/workspace";

/** Deterministic noise in [-0.5, 0.5). */
function noise(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 32 - 0.5;
  }
  return out;
}

let shipped: tf.LayersModel | undefined;

const equal = (a: Float32Array, b: Float32Array) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

const api = {
  /** The SIMD resampler runs in this browser and gives the JavaScript loop's output bit for bit. */
  resamplerAgrees(): { simd: boolean; identical: boolean[]; nonZero: boolean } {
    const signal = { sampleRate: 44100, channels: [noise(100_000, 1), noise(100_000, 2)] };
    const identical: boolean[] = [];
    let nonZero = false;
    for (const options of [RESAMPLE_DEFAULT, RESAMPLE_SCIPY]) {
      const simdDown = resampleSignal(signal, 8192, options);
      const simdUp = resampleSignal(simdDown, 44100, options);
      disableSimdResampler(true);
      const jsDown = resampleSignal(signal, 8192, options);
      const jsUp = resampleSignal(jsDown, 44100, options);
      disableSimdResampler(false);
      identical.push(simdDown.channels.every((c, i) => equal(c, jsDown.channels[i])) && simdUp.channels.every((c, i) => equal(c, jsUp.channels[i])));
      nonZero ||= simdUp.channels[0].some((v) => v !== 0);
    }
    return { simd: simdResamplerAvailable(), identical, nonZero };
  },

  /** The SIMD STFT runs in this browser: its spectra against the JavaScript FFT's, and its round trip. */
  stftAgrees(): { simd: boolean; specDiff: number; roundTrip: number } {
    const x = noise(8192 * 20, 3);
    const fast = stft(x, STFT_PAPER);
    disableSimdStft(true);
    const ref = stft(x, STFT_PAPER);
    disableSimdStft(false);
    let diff = 0;
    let peak = 0;
    for (let i = 0; i < ref.re.length; i++) {
      diff = Math.max(diff, Math.abs(fast.re[i] - ref.re[i]), Math.abs(fast.im[i] - ref.im[i]));
      peak = Math.max(peak, Math.abs(ref.re[i]), Math.abs(ref.im[i]));
    }
    const y = istft(fast);
    let roundTrip = 0;
    for (let i = 0; i < x.length; i++) roundTrip = Math.max(roundTrip, Math.abs(y[i] - x[i]));
    return { simd: simdStftAvailable(), specDiff: diff / peak, roundTrip };
  },

  /** The compiled paper U-Net (random weights, batch norms perturbed) against model.predict, on wasm with every core. */
  async compiledAgrees(): Promise<{ backend: string; threads: number; compiled: boolean; maxDiff: number; spread: number }> {
    const info = await initBackend({ prefer: "wasm" });
    const model = createUNet({ ...UNET_PAPER, seed: 2 });
    for (const layer of model.layers.filter((l) => l.getClassName() === "BatchNormalization")) {
      const [gamma, beta, mean, variance] = layer.getWeights();
      layer.setWeights([tf.fill(gamma.shape, 1.2), tf.fill(beta.shape, 0.05), tf.fill(mean.shape, 0.02), tf.fill(variance.shape, 0.8)]);
    }
    const compiled = inferenceModel(model);
    const x = tf.tensor4d(noise(2 * 512 * 128, 3).map((v) => v + 0.5), [2, 512, 128, 1]);
    const want = model.predict(x) as tf.Tensor;
    const got = compiled.predict(x);
    const maxDiff = tf.max(tf.abs(tf.sub(want, got))).dataSync()[0];
    const spread = tf.sub(tf.max(want), tf.min(want)).dataSync()[0];
    tf.dispose([x, want, got]);
    compiled.dispose();
    model.dispose();
    return { backend: info.name, threads: info.threads, compiled: compiled.compiled, maxDiff, spread };
  },

  /**
   * Stage timings (ms) of one separation of `seconds` of 44.1 kHz stereo with models/default, as
   * separate() does it, with or without the compiled model and the SIMD resampler: for measuring
   * (bench/NOTES.md), never asserted.
   */
  async stages(seconds: number, useCompiled = true, simd = true): Promise<Record<string, number>> {
    await initBackend({ prefer: "wasm" });
    disableSimdResampler(!simd);
    const model = (shipped ??= await loadShippedModel());
    const song = { sampleRate: 44100, channels: [noise(seconds * 44100, 5), noise(seconds * 44100, 6)] };
    const times: Record<string, number> = {};
    const time = async <T>(name: string, f: () => T | Promise<T>): Promise<T> => {
      const t0 = performance.now();
      const out = await f();
      times[name] = (times[name] ?? 0) + performance.now() - t0;
      return out;
    };
    const low = await time("resample down", () => resampleSignal(song, 8192));
    const compiled = await time("compile", () => (useCompiled ? keptInferenceModel(model) : model));
    const estimates: Float32Array[] = [];
    for (const channel of low.channels) {
      const spec = await time("stft", () => stft(channel, STFT_PAPER));
      const mag = await time("magnitude", () => {
        const m = magnitude(spec);
        scaleByPeak(m);
        return m;
      });
      const [mask] = await time("model", () => predictMasks(compiled, mag, spec.frames, spec.bins));
      estimates.push(await time("mask + istft", () => istft(applyMask(spec, mask))));
    }
    await time("resample up", () => trimOrPad(resampleSignal({ sampleRate: 8192, channels: estimates }, 44100), song.channels[0].length));
    disableSimdResampler(false);
    return times;
  },
};

declare global {
  interface Window {
    demixFast: typeof api;
  }
}
window.demixFast = api;
