import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerWasmKernels, wasmKernelsRegistered } from "../../../src/backend";
import { MIN_DY_PIXELS, setSplitMinPixels } from "../../../src/backend/conv2d-backprop-input";
import { on, relativeError, values } from "./helpers";

/**
 * Our wasm kernels against tfjs's cpu kernels: the gradients of Conv2D w.r.t. input
 * (Conv2DBackpropInput) and filter (Conv2DBackpropFilter), and Conv2DTranspose's forward pass
 * (Conv2DBackpropInput again), on the U-Net's layer shapes and on odd ones.
 */
type Pad = "same" | "valid";
interface Case {
  x: [number, number, number, number];
  k: [number, number];
  cout: number;
  stride: number | [number, number];
  pad: Pad;
}

const CASES: Case[] = [
  // The U-Net's encoder conv and (as the same layer's transpose) decoder conv.
  { x: [2, 64, 32, 16], k: [5, 5], cout: 32, stride: 2, pad: "same" },
  { x: [2, 64, 32, 1], k: [5, 5], cout: 16, stride: 2, pad: "same" },
  { x: [1, 16, 4, 8], k: [5, 5], cout: 24, stride: 2, pad: "same" },
  // Narrow dx (≤ 4 channels): the merged-phase path, with odd and even kernels.
  { x: [2, 32, 16, 3], k: [4, 4], cout: 6, stride: 2, pad: "same" },
  { x: [2, 32, 16, 4], k: [3, 3], cout: 5, stride: 2, pad: "same" },
  { x: [1, 24, 12, 2], k: [5, 5], cout: 8, stride: 3, pad: "same" },
  // Odd sizes: remainders in 'same' and 'valid', stride 1, non-square kernels and strides.
  { x: [2, 13, 7, 3], k: [5, 5], cout: 4, stride: 2, pad: "same" },
  { x: [2, 13, 7, 3], k: [5, 5], cout: 4, stride: 2, pad: "valid" },
  { x: [2, 13, 7, 3], k: [3, 3], cout: 5, stride: 1, pad: "same" },
  { x: [1, 13, 7, 3], k: [5, 3], cout: 2, stride: 1, pad: "valid" },
  { x: [2, 45, 23, 2], k: [4, 4], cout: 3, stride: 2, pad: "same" },
  { x: [1, 45, 23, 2], k: [5, 5], cout: 3, stride: [2, 1], pad: "valid" },
  { x: [1, 31, 20, 2], k: [3, 3], cout: 3, stride: 3, pad: "valid" },
  { x: [1, 31, 20, 2], k: [3, 5], cout: 3, stride: 3, pad: "same" },
];

const name = (c: Case) => `x ${c.x.join("×")}, ${c.k.join("×")}→${c.cout}, stride ${c.stride}, ${c.pad}`;

/** Gradients of a Conv2D (input and filter) and the transposed conv of its output. */
function compute(c: Case): () => tf.Tensor[] {
  const xv = values(c.x.reduce((a, b) => a * b), 1);
  const fShape: [number, number, number, number] = [c.k[0], c.k[1], c.x[3], c.cout];
  const fv = values(fShape.reduce((a, b) => a * b), 2);
  return () => {
    const x = tf.tensor4d(xv, c.x);
    const f = tf.tensor4d(fv, fShape);
    // A non-uniform upstream gradient, so every dy element matters.
    const g = tf.grads((a: tf.Tensor, b: tf.Tensor) => {
      const y = tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.stride, c.pad);
      return y.mul(tf.tensor(values(y.size, 3), y.shape)).sum();
    });
    const [dx, df] = g([x, f]);
    const y = tf.conv2d(x, f, c.stride, c.pad);
    const t = tf.conv2dTranspose(y, f, c.x, c.stride, c.pad);
    tf.dispose([x, f, y]);
    return [dx, df, t];
  };
}

async function compare(c: Case): Promise<number[]> {
  const f = compute(c);
  const [wasm, cpu] = [await on("wasm", f), await on("cpu", f)];
  return wasm.map((w, i) => relativeError(w, cpu[i]));
}

let threshold: number;
beforeAll(async () => {
  await tf.setBackend("wasm");
  registerWasmKernels();
  threshold = setSplitMinPixels(MIN_DY_PIXELS);
});
afterAll(() => {
  setSplitMinPixels(threshold);
});

describe("wasm convolution gradients match cpu", () => {
  it("our kernels are the registered ones", () => {
    expect(wasmKernelsRegistered()).toEqual({ conv2DBackpropInput: true, conv2DBackpropFilter: true, copies: true });
  });

  for (const c of CASES) {
    it(name(c), async () => {
      // Every shape through the phase split, then with the default threshold (small ones go to the stock kernel).
      for (const minPixels of [0, MIN_DY_PIXELS]) {
        setSplitMinPixels(minPixels);
        const [dx, df, transposed] = await compare(c);
        expect(dx, `dx (split below ${minPixels})`).toBeLessThan(1e-5);
        expect(df, "dw").toBeLessThan(1e-5);
        expect(transposed, "conv2dTranspose").toBeLessThan(1e-5);
      }
    });
  }

  for (const pads of [
    [[0, 0], [2, 1], [0, 3], [0, 0]],
    // Front pads beyond the kernel's reach: some phases skip leading rows.
    [[0, 0], [6, 0], [1, 7], [0, 0]],
  ] as [[0, 0], [number, number], [number, number], [0, 0]][]) {
    it(`explicit pads ${JSON.stringify(pads)}`, async () => {
      const xv = values(2 * 20 * 11 * 3, 4);
      const fv = values(5 * 5 * 3 * 4, 5);
      setSplitMinPixels(0);
      const f = () => {
        const x = tf.tensor4d(xv, [2, 20, 11, 3]);
        const w = tf.tensor4d(fv, [5, 5, 3, 4]);
        const out = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, pads).square().sum())([x, w]);
        tf.dispose([x, w]);
        return out;
      };
      const [wasm, cpu] = [await on("wasm", f), await on("cpu", f)];
      expect(relativeError(wasm[0], cpu[0])).toBeLessThan(1e-5);
      expect(relativeError(wasm[1], cpu[1])).toBeLessThan(1e-5);
    });
  }
});
