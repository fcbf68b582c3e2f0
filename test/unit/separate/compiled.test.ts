import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { magnitude, scaleByPeak, stft, STFT_PAPER } from "../../../src/dsp";
import { createUNet, inferenceModel, keptInferenceModel, releaseInferenceModels, UNET_TINY } from "../../../src/model";
import { predictMasks, separate } from "../../../src/separate";
import { maxAbsDiff, noise } from "../fixtures";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

/** A tiny U-Net whose batch norms are not the identity (so folding them is exercised). */
function unet(seed: number): tf.LayersModel {
  const model = createUNet({ ...UNET_TINY, seed });
  for (const layer of model.layers.filter((l) => l.getClassName() === "BatchNormalization")) {
    const [gamma, beta, mean, variance] = layer.getWeights();
    const values = [tf.fill(gamma.shape, 1.3), tf.fill(beta.shape, 0.1), tf.fill(mean.shape, 0.05), tf.fill(variance.shape, 0.7)];
    layer.setWeights(values); // copies them
    tf.dispose(values);
  }
  return model;
}

describe("separation with a compiled U-Net", () => {
  it("predictMasks gives the same masks from the model and from its inferenceModel", async () => {
    const model = unet(2);
    const spec = stft(noise(8192 * 10, 3, 0.5), STFT_PAPER);
    const mag = magnitude(spec);
    scaleByPeak(mag);
    const compiled = inferenceModel(model);
    expect(compiled.compiled).toBe(true);
    const [fromModel] = await predictMasks(model, mag, spec.frames, spec.bins, { batchSize: 3 });
    const [fromCompiled] = await predictMasks(compiled, mag, spec.frames, spec.bins, { batchSize: 3 });
    compiled.dispose();
    expect(fromCompiled.length).toBe(spec.frames * spec.bins);
    expect(maxAbsDiff(fromCompiled, fromModel)).toBeLessThan(1e-5);
  });

  it("separate() keeps the compiled model between calls and compiles again once the weights change", async () => {
    releaseInferenceModels();
    const model = unet(4);
    const mix = { sampleRate: 8192, channels: [noise(8192 * 6, 5, 0.5)] };
    const before = tf.memory().numTensors;
    const first = await separate(mix, { kind: "single", model, target: "vocals" });
    const held = tf.memory().numTensors - before;
    expect(held).toBeGreaterThan(0); // the compiled weights, kept
    const again = await separate(mix, { kind: "single", model, target: "vocals" });
    expect(tf.memory().numTensors - before).toBe(held); // reused, not compiled twice
    expect(again.vocals.channels[0]).toEqual(first.vocals.channels[0]);
    // Change a weight, as further training would: the next separation must use it.
    const bn = model.getLayer("dec2_bn");
    const beta = tf.fill(bn.getWeights()[1].shape, 2);
    bn.setWeights(bn.getWeights().map((w, k) => (k === 1 ? beta : w)));
    beta.dispose();
    const second = await separate(mix, { kind: "single", model, target: "vocals" });
    expect(maxAbsDiff(first.vocals.channels[0], second.vocals.channels[0])).toBeGreaterThan(1e-3);
    expect(tf.memory().numTensors - before).toBe(held); // the stale compiled weights were freed
    releaseInferenceModels();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe("keptInferenceModel", () => {
  it("returns the same compiled model while the weights stay; frees the least recently used and those of disposed models", () => {
    releaseInferenceModels();
    const [a, b, c] = [unet(6), unet(7), unet(8)];
    const x = tf.zeros([1, UNET_TINY.inputBins, UNET_TINY.inputFrames, 1]) as tf.Tensor4D;
    const usable = (m: { predict(x: tf.Tensor4D): tf.Tensor }) => {
      try {
        m.predict(x).dispose();
        return true;
      } catch {
        return false; // its weights were disposed
      }
    };
    const forA = keptInferenceModel(a);
    expect(keptInferenceModel(a)).toBe(forA);
    const forB = keptInferenceModel(b);
    const forC = keptInferenceModel(c); // a third: the least recently used (a's) goes
    expect([usable(forA), usable(forB), usable(forC)]).toEqual([false, true, true]);
    b.dispose();
    expect(keptInferenceModel(c)).toBe(forC); // …and b's goes with b
    expect([usable(forB), usable(forC)]).toEqual([false, true]);
    const before = tf.memory().numTensors;
    releaseInferenceModels();
    expect(usable(forC)).toBe(false);
    expect(tf.memory().numTensors).toBeLessThan(before);
    tf.dispose(x);
    a.dispose();
    c.dispose();
  });

  it("keeps nothing for a model that does not compile", () => {
    releaseInferenceModels();
    const input = tf.input({ shape: [8, 4, 1] });
    const model = tf.model({ inputs: input, outputs: tf.layers.conv2d({ filters: 1, kernelSize: 1 }).apply(input) as tf.SymbolicTensor });
    const before = tf.memory().numTensors;
    expect(keptInferenceModel(model).compiled).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
  });
});
