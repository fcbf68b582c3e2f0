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

  it('stereo "mid" masks every channel with the mask of their mean, "each" with its own', async () => {
    // mask = sigmoid(4·|X| − 1): depends on the level, so the two ways differ. Right = −left, so the
    // mean is silent and "mid" masks both channels with sigmoid(−1) everywhere.
    const input = tf.input({ shape: [64, 32, 1] });
    const out = tf.layers
      .conv2d({ filters: 1, kernelSize: 1, activation: "sigmoid", kernelInitializer: tf.initializers.constant({ value: 4 }), biasInitializer: tf.initializers.constant({ value: -1 }) })
      .apply(input) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: out });
    const left = noise(8192 * 6, 11, 0.5);
    const mix = { sampleRate: 8192, channels: [left, left.map((v) => -v)] };
    const low = 1 / (1 + Math.exp(1));
    const seen: number[] = [];
    const before = tf.memory().numTensors;
    const mid = await separate(mix, { kind: "single", model, target: "vocals" }, { stereo: "mid", onProgress: (p) => seen.push(p.total) });
    expect(tf.memory().numTensors).toBe(before);
    for (let c = 0; c < 2; c++) expect(maxAbsDiff(mid.vocals.channels[c], mix.channels[c].map((v) => low * v))).toBeLessThan(1e-5);
    const each = await separate(mix, { kind: "single", model, target: "vocals" }, { stereo: "each" });
    expect(maxAbsDiff(each.vocals.channels[0], mid.vocals.channels[0])).toBeGreaterThan(0.01);
    // One pass of the model for "mid", one per channel for "each".
    const eachTotals: number[] = [];
    await separate(mix, { kind: "single", model, target: "vocals" }, { onProgress: (p) => eachTotals.push(p.total) });
    expect(eachTotals[0]).toBe(2 * seen[0]);
    await expect(separate(mix, { kind: "single", model, target: "vocals" }, { stereo: "side" as "mid" })).rejects.toThrow(/"each" or "mid"/);
  });

  it("says so when there is nothing to separate", async () => {
    await expect(separate({ sampleRate: 8192, channels: [new Float32Array(0)] }, { kind: "single", model: constantMask(0.5), target: "vocals" })).rejects.toThrow(/empty/);
  });
});
