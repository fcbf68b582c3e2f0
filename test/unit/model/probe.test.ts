import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { createProbe, createUNet, probeActivations, UNET_TINY } from "../../../src/model";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("activation probe", () => {
  let model: tf.LayersModel;
  let input: tf.Tensor;
  beforeAll(() => {
    model = createUNet({ ...UNET_TINY, decoderDropout: [0.5, 0] });
    input = tf.randomUniform([2, 64, 32, 1], 0, 1, "float32", 11);
  });

  it("returns every layer but the input, with its output shape, in layer order", () => {
    const activations = probeActivations(model, input);
    const expected = model.layers.filter((l) => l.name !== "mixture");
    expect([...activations.keys()]).toEqual(expected.map((l) => l.name));
    for (const layer of expected) {
      expect(activations.get(layer.name)!.shape).toEqual([2, ...(layer.outputShape as number[]).slice(1)]);
    }
    expect(activations.get("enc3_act")!.shape).toEqual([2, 8, 4, 16]);
    expect(activations.get("dec1_dropout")!.shape).toEqual([2, 16, 8, 8]);
    // Same answer as the model itself (inference mode: dropout off).
    const mask = model.predict(input) as tf.Tensor;
    expect(Array.from(activations.get("mask")!.dataSync())).toEqual(Array.from(mask.dataSync()));
    tf.dispose([mask, ...activations.values()]);
  });

  it("probes chosen layers, reuses a probe, and leaves the model's weights alone", () => {
    const before = tf.memory().numTensors;
    const probe = createProbe(model, ["enc1_conv", "dec2_concat"]);
    expect(probe.outputNames).toEqual(["enc1_conv", "dec2_concat"]);
    const activations = probeActivations(probe, input);
    expect([...activations.keys()]).toEqual(["enc1_conv", "dec2_concat"]);
    expect(activations.get("dec2_concat")!.shape).toEqual([2, 32, 16, 8]);
    tf.dispose([...activations.values()]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("says which layer is missing and what input it wants", () => {
    expect(() => createProbe(model, ["enc9_conv"])).toThrow(/no layer "enc9_conv"/);
    const wrong = tf.zeros([1, 32, 32, 1]);
    expect(() => probeActivations(model, wrong)).toThrow(/input must be \[batch,64,32,1\]/);
    wrong.dispose();
  });
});
