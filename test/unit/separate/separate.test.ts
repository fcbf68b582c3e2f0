import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { resampleSignal, type AudioSignal } from "../../../src/audio";
import { separate } from "../../../src/separate";
import { maxAbsDiff, noise } from "../fixtures";

/** A stand-in mask model on small patches: a 1×1 convolution whose output is a constant mask. */
function constantMask(value: number, outputs = 1, bins = 64, frames = 32): tf.LayersModel {
  const logit = Math.log(value / (1 - value));
  const input = tf.input({ shape: [bins, frames, 1] });
  const out = tf.layers
    .conv2d({ filters: outputs, kernelSize: 1, activation: "sigmoid", kernelInitializer: "zeros", biasInitializer: tf.initializers.constant({ value: logit }) })
    .apply(input) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out });
}

const stereo = (seconds: number, rate: number): AudioSignal => ({
  sampleRate: rate,
  channels: [noise(Math.round(seconds * rate), 1, 0.4), noise(Math.round(seconds * rate), 2, 0.2)],
});

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("separate with a mask model", () => {
  it("keeps the input's rate, length and channels; stems of a one-mask model sum to the mixture", async () => {
    const mix = stereo(1.3, 44100); // shorter than one 32-frame patch at hop 768
    const { vocals, accompaniment } = await separate(mix, { kind: "single", model: constantMask(0.7), target: "vocals" });
    for (const s of [vocals, accompaniment]) {
      expect(s.sampleRate).toBe(44100);
      expect(s.channels.length).toBe(2);
      expect(s.channels[0].length).toBe(mix.channels[0].length);
    }
    for (let c = 0; c < 2; c++) {
      expect(maxAbsDiff(vocals.channels[c].map((v, i) => v + accompaniment.channels[c][i]), mix.channels[c])).toBeLessThan(1e-6);
    }
  });

  it("applies the mask to the band the model sees: a 0.7 mask gives 0.7 × the mixture below 4 kHz", async () => {
    const mix = { sampleRate: 8192, channels: [noise(8192 * 30, 5, 0.5)] }; // ~10 patches of 32 frames
    const { vocals } = await separate(mix, { kind: "single", model: constantMask(0.7), target: "vocals" }, { batchSize: 3 });
    const expected = mix.channels[0].map((v) => 0.7 * v);
    expect(maxAbsDiff(vocals.channels[0], expected)).toBeLessThan(1e-5);
  });

  it("uses a two-mask model's channels for vocals and accompaniment", async () => {
    const mix = stereo(3, 22050);
    const model = constantMask(0.25, 2);
    const { vocals, accompaniment } = await separate(mix, { kind: "two-mask", model });
    const low = resampleSignal(resampleSignal(mix, 8192), 22050).channels[1];
    expect(maxAbsDiff(vocals.channels[1], low.map((v) => 0.25 * v))).toBeLessThan(2e-3);
    expect(maxAbsDiff(accompaniment.channels[1], vocals.channels[1])).toBeLessThan(1e-6);
  });

  it("reports progress and leaks no tensors", async () => {
    const model = constantMask(0.5);
    const before = tf.memory().numTensors;
    const seen: number[] = [];
    await separate({ sampleRate: 8192, channels: [noise(8192 * 12, 9)] }, { kind: "single", model, target: "accompaniment" }, { onProgress: (p) => seen.push(p.done / p.total) });
    expect(tf.memory().numTensors).toBe(before);
    expect(seen[seen.length - 1]).toBe(1);
  });

  it("says so when there is nothing to separate", async () => {
    await expect(separate({ sampleRate: 8192, channels: [new Float32Array(0)] }, { kind: "single", model: constantMask(0.5), target: "vocals" })).rejects.toThrow(/empty/);
  });
});
