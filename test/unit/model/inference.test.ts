import * as tf from "@tensorflow/tfjs";
import { afterAll, describe, expect, it } from "vitest";
import { registerWasmKernels } from "../../../src/backend";
import { createUNet, inferenceModel, UNET_TINY, type UNetConfig } from "../../../src/model";
import { phaseMergedFilter, phaseWindow } from "../../../src/backend";

/** Deterministic values in [lo, hi) (an LCG). */
function values(size: number, seed: number, lo: number, hi: number): Float32Array {
  const out = new Float32Array(size);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = lo + ((hi - lo) * s) / 2 ** 32;
  }
  return out;
}

/**
 * Gives every weight a value that matters: a fresh model has zero biases and batch norms that are
 * the identity (mean 0, variance 1, γ 1, β 0), which folding would reproduce even if it were wrong.
 */
function perturb(model: tf.LayersModel): tf.LayersModel {
  let seed = 1;
  for (const layer of model.layers) {
    const isBn = layer.getClassName() === "BatchNormalization";
    const weights = layer.getWeights();
    if (weights.length === 0) continue;
    layer.setWeights(
      weights.map((w, k) => {
        const variance = isBn && k === weights.length - 1;
        const scale = isBn ? 1 : Math.sqrt(6 / w.shape.slice(0, -1).reduce((a, b) => a + b, 1));
        return tf.tensor(variance ? values(w.size, seed++, 0.3, 2) : values(w.size, seed++, -scale, scale), w.shape);
      }),
    );
  }
  return model;
}

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  const x = a.dataSync();
  const y = b.dataSync();
  expect(x.length).toBe(y.length);
  let d = 0;
  for (let i = 0; i < x.length; i++) d = Math.max(d, Math.abs(x[i] - y[i]));
  return d;
}

const variants: [string, Partial<UNetConfig>][] = [
  ["the tiny preset (leaky ReLU / ReLU, batch norm, sigmoid)", {}],
  ["a two-mask model with dropout", { outputs: 2, decoderDropout: [0.5, 0.5] }],
  ["no batch norm, no conv biases, ELU and linear activations, linear mask", { batchNorm: false, convBias: false, encoderActivation: { kind: "elu" }, decoderActivation: { kind: "linear" }, maskActivation: "linear" }],
  ["3×3 kernels, ReLU mask", { kernel: [3, 3], maskActivation: "relu" }],
  ["4×4 kernels (asymmetric 'same' padding), narrow decoder (every layer in the merged form)", { kernel: [4, 4], encoderFilters: [2, 4, 3] }],
  ["stride 2 × 1, 5×3 kernels (the transposed form throughout)", { stride: [2, 1], kernel: [5, 3], encoderFilters: [2, 3, 4] }],
];

for (const backend of ["cpu", "wasm"] as const) {
  describe(`inferenceModel on ${backend}`, () => {
    it("uses the backend", async () => {
      await tf.setBackend(backend);
      if (backend === "wasm") registerWasmKernels();
      expect(tf.getBackend()).toBe(backend);
    });

    for (const [what, config] of variants) {
      // Within 1e-5 of the output's size (masks in [0, 1]: absolutely; a linear mask can be larger).
      it(`gives model.predict's masks within 1e-5: ${what}`, () => {
        const model = perturb(createUNet({ ...UNET_TINY, ...config, seed: 3 }));
        const compiled = inferenceModel(model);
        expect(compiled.compiled).toBe(true);
        expect(compiled.patch).toEqual([UNET_TINY.inputBins, UNET_TINY.inputFrames]);
        expect(compiled.outputs).toBe(config.outputs ?? 1);
        const x = tf.tensor4d(values(3 * 64 * 32, 9, 0, 1), [3, 64, 32, 1]);
        const want = model.predict(x) as tf.Tensor;
        const got = compiled.predict(x);
        expect(got.shape).toEqual(want.shape);
        const size = Math.max(1, ...Array.from(want.dataSync(), Math.abs));
        expect(maxAbsDiff(got, want) / size).toBeLessThan(1e-5);
        // Not a trivially constant output: the masks vary over the patch.
        const spread = tf.tidy(() => tf.sub(tf.max(want), tf.min(want)).dataSync()[0]);
        expect(spread).toBeGreaterThan(0.05);
        tf.dispose([x, want, got]);
        compiled.dispose();
        model.dispose();
      });
    }

    it("leaves no tensors behind once disposed, and none per prediction", () => {
      const model = perturb(createUNet({ ...UNET_TINY, seed: 4 }));
      const before = tf.memory().numTensors;
      const compiled = inferenceModel(model);
      expect(tf.memory().numTensors).toBeGreaterThan(before);
      const x = tf.zeros([1, 64, 32, 1]) as tf.Tensor4D;
      const y = compiled.predict(x);
      tf.dispose([x, y]);
      compiled.dispose();
      expect(tf.memory().numTensors).toBe(before);
      model.dispose();
    });
  });
}

describe("inferenceModel on other models", () => {
  it("wraps a model that is not a U-Net as it is", () => {
    const input = tf.input({ shape: [8, 4, 1] });
    const output = tf.layers.conv2d({ filters: 2, kernelSize: 1, activation: "sigmoid" }).apply(input) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: output });
    const compiled = inferenceModel(model);
    expect(compiled.compiled).toBe(false);
    expect(compiled.patch).toEqual([8, 4]);
    expect(compiled.outputs).toBe(2);
    const x = tf.ones([1, 8, 4, 1]) as tf.Tensor4D;
    expect(maxAbsDiff(compiled.predict(x), model.predict(x) as tf.Tensor)).toBe(0);
  });

  it("does not compile a U-Net whose decoder convolution has an activation of its own (it would be dropped)", async () => {
    const topology = createUNet({ ...UNET_TINY, seed: 6 }).toJSON(null, false) as unknown as { config: { layers: { name: string; config: Record<string, unknown> }[] } };
    const layer = topology.config.layers.find((l) => l.name === "dec1_deconv")!;
    layer.config.activation = "tanh";
    const model = await tf.models.modelFromJSON({ modelTopology: topology as unknown as tf.io.ModelJSON["modelTopology"] });
    const compiled = inferenceModel(model);
    expect(compiled.compiled).toBe(false);
    const x = tf.tensor4d(values(64 * 32, 2, 0, 1), [1, 64, 32, 1]);
    expect(maxAbsDiff(compiled.predict(x), model.predict(x) as tf.Tensor)).toBe(0);
  });

  it("does not compile a U-Net with a layer it does not know (nothing would be silently skipped)", () => {
    const unet = createUNet({ ...UNET_TINY, seed: 5 });
    const extra = tf.layers.activation({ activation: "tanh", name: "extra" }).apply(unet.outputs[0]) as tf.SymbolicTensor;
    const model = tf.model({ inputs: unet.inputs, outputs: extra });
    const before = tf.memory().numTensors;
    expect(inferenceModel(model).compiled).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe("phase-merged transposed convolution filters", () => {
  it("5×5 stride 2: every phase reads dy[h − 1 … h + 1]; taps sit where the phase plan puts them", () => {
    expect(phaseWindow(5, 2)).toEqual({ dMin: -1, dMax: 1, pad: 1 });
    // One input and one output channel, taps numbered 1…25 so each lands visibly.
    const kernel = Float32Array.from({ length: 25 }, (_, i) => i + 1);
    const { filter, shape, padH, padW } = phaseMergedFilter(kernel, [5, 5, 1, 1], 2);
    expect(shape).toEqual([3, 3, 1, 4]);
    expect(padH).toEqual([1, 1]);
    expect(padW).toEqual([1, 1]);
    const at = (y: number, x: number, phase: number) => filter[(y * 3 + x) * 4 + phase];
    // Phase (0, 0) uses taps a, b ∈ {3, 1} at d = −1, 0 and nothing at d = +1 (2 × 2 taps).
    expect([at(0, 0, 0), at(0, 1, 0), at(1, 0, 0), at(1, 1, 0)]).toEqual([3 * 5 + 3 + 1, 3 * 5 + 1 + 1, 1 * 5 + 3 + 1, 1 * 5 + 1 + 1]);
    expect([at(2, 0, 0), at(2, 2, 0), at(0, 2, 0)]).toEqual([0, 0, 0]);
    // Phase (1, 1) uses all 3 × 3: taps 4, 2, 0 at d = −1, 0, +1.
    expect(at(0, 0, 3)).toBe(4 * 5 + 4 + 1);
    expect(at(2, 2, 3)).toBe(1);
    const nonZero = [0, 1, 2, 3].map((p) => Array.from({ length: 9 }, (_, i) => filter[i * 4 + p]).filter((v) => v !== 0).length);
    expect(nonZero).toEqual([4, 6, 6, 9]);
  });
});

afterAll(async () => {
  await tf.setBackend("cpu");
});
