import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { createUNet, layerSeed, summarizeModel, UNET_PAPER, UNET_TINY } from "../../../src/model";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const weightsOf = (model: tf.LayersModel) => model.getWeights().map((w) => w.dataSync() as Float32Array);
const sameBits = (a: Float32Array[], b: Float32Array[]) =>
  a.length === b.length && a.every((w, i) => Buffer.from(w.buffer, w.byteOffset, w.byteLength).equals(Buffer.from(b[i].buffer, b[i].byteOffset, b[i].byteLength)));

describe("createUNet, paper preset", () => {
  let model: tf.LayersModel;
  beforeAll(() => {
    model = createUNet(UNET_PAPER);
  });

  it("has the paper's 9,823,313 trainable parameters", () => {
    const summary = summarizeModel(model);
    expect(summary.trainableParams).toBe(9_823_313);
    expect(summary.nonTrainableParams).toBe(3_008); // BN moving mean and variance
    expect(summary.totalParams).toBe(9_826_321);
  });

  it("maps a 512×128 patch to a mask of the same size, in [0, 1]", () => {
    expect(model.name).toBe("unet");
    const input = tf.randomUniform([1, 512, 128, 1], 0, 1, "float32", 7);
    const mask = model.predict(input) as tf.Tensor;
    expect(mask.shape).toEqual([1, 512, 128, 1]);
    const [lo, hi] = [mask.min().dataSync()[0], mask.max().dataSync()[0]];
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThanOrEqual(1);
    expect(hi).toBeGreaterThan(lo);
    tf.dispose([input, mask]);
  });

  it("names its layers after their place in the U", () => {
    const names = model.layers.map((l) => l.name);
    expect(names.slice(0, 7)).toEqual(["mixture", "enc1_conv", "enc1_bn", "enc1_act", "enc2_conv", "enc2_bn", "enc2_act"]);
    for (let i = 1; i <= 6; i++) expect(names).toEqual(expect.arrayContaining([`enc${i}_conv`, `enc${i}_bn`, `enc${i}_act`]));
    for (let i = 1; i <= 5; i++) expect(names).toEqual(expect.arrayContaining([`dec${i}_deconv`, `dec${i}_bn`, `dec${i}_act`, `dec${i}_concat`]));
    expect(names.filter((n) => n.endsWith("_dropout"))).toEqual(["dec1_dropout", "dec2_dropout", "dec3_dropout"]);
    expect(names.at(-1)).toBe("mask");
    expect(new Set(names).size).toBe(names.length);
  });

  it("concatenates each decoder layer with the encoder output of its resolution", () => {
    const inputs = (name: string) => model.getLayer(name).inboundNodes[0].inboundLayers.map((l) => l.name);
    expect(inputs("dec1_deconv")).toEqual(["enc6_act"]);
    expect(inputs("dec1_concat")).toEqual(["dec1_dropout", "enc5_act"]);
    expect(inputs("dec4_concat")).toEqual(["dec4_act", "enc2_act"]);
    expect(inputs("dec5_concat")).toEqual(["dec5_act", "enc1_act"]);
    expect(inputs("mask")).toEqual(["dec5_concat"]);
    expect(model.getLayer("dec5_concat").outputShape).toEqual([null, 256, 64, 32]);
  });

  it("builds a two-mask model with one channel per target", () => {
    const two = createUNet({ ...UNET_PAPER, outputs: 2 });
    expect(two.outputs[0].shape).toEqual([null, 512, 128, 2]);
    expect(summarizeModel(two).trainableParams).toBe(9_823_313 + 800 + 1); // a second mask filter and bias
    two.dispose();
  });
});

describe("createUNet, variants", () => {
  it("runs a two-mask tiny model", () => {
    const model = createUNet({ ...UNET_TINY, outputs: 2 });
    const input = tf.ones([3, 64, 32, 1]);
    const mask = model.predict(input) as tf.Tensor;
    expect(mask.shape).toEqual([3, 64, 32, 2]);
    tf.dispose([input, mask]);
    model.dispose();
  });

  it("follows the config: no biases, no batch norm, other activations", () => {
    expect(summarizeModel(createUNet({ convBias: false })).trainableParams).toBe(9_823_313 - 1_505);
    const plain = createUNet({ ...UNET_TINY, batchNorm: false, decoderActivation: { kind: "elu" }, maskActivation: "relu" });
    const types = plain.layers.map((l) => l.getClassName());
    expect(types).not.toContain("BatchNormalization");
    expect(types.filter((t) => t === "ELU")).toHaveLength(2);
    expect(plain.getLayer("mask").getConfig().activation).toBe("relu");
    const noDrop = createUNet({ ...UNET_TINY, decoderDropout: [0, 0.3] });
    expect(noDrop.layers.filter((l) => l.getClassName() === "Dropout").map((l) => l.name)).toEqual(["dec2_dropout"]);
  });

  it("rejects an invalid config before building", () => {
    expect(() => createUNet({ ...UNET_TINY, inputBins: 60 })).toThrow(/inputBins \(60\) must be divisible by stride\[0\]\^depth = 2\^3 = 8/);
  });
});

describe("createUNet, initialisation", () => {
  it("gives bit-identical weights for the same config and seed, different ones for another seed", () => {
    const a = weightsOf(createUNet({ ...UNET_TINY, seed: 42 }));
    tf.randomUniform([10]).dispose(); // unrelated randomness in between must not matter
    const b = weightsOf(createUNet({ ...UNET_TINY, seed: 42 }));
    const c = weightsOf(createUNet({ ...UNET_TINY, seed: 43 }));
    expect(sameBits(a, b)).toBe(true);
    expect(sameBits(a, c)).toBe(false);
  });

  it("seeds each layer differently", () => {
    expect(layerSeed(1, "enc1_conv")).not.toBe(layerSeed(1, "enc2_conv"));
    expect(layerSeed(1, "enc1_conv")).not.toBe(layerSeed(2, "enc1_conv"));
    expect(layerSeed(1, "enc1_conv")).not.toBe(layerSeed(1 + 2 ** 32, "enc1_conv"));
    // Two layers of equal kernel shape must not start identical.
    const model = createUNet({ ...UNET_TINY, encoderFilters: [4, 4, 4] });
    const k2 = model.getLayer("enc2_conv").getWeights()[0].dataSync();
    const k3 = model.getLayer("enc3_conv").getWeights()[0].dataSync();
    expect(Array.from(k2)).not.toEqual(Array.from(k3));
  });

  it("survives a save and load with the same predictions", async () => {
    const model = createUNet(UNET_TINY);
    let saved: tf.io.ModelArtifacts | undefined;
    await model.save(tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
    }));
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved!));
    const input = tf.randomUniform([1, 64, 32, 1], 0, 1, "float32", 3);
    const [p, q] = [model.predict(input) as tf.Tensor, loaded.predict(input) as tf.Tensor];
    expect(Array.from(q.dataSync())).toEqual(Array.from(p.dataSync()));
    expect(loaded.layers.map((l) => l.name)).toEqual(model.layers.map((l) => l.name));
    tf.dispose([input, p, q]);
  });
});
