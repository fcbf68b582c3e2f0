import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initBackend, registerWasmKernels, restoreStockWasmKernels, wasmKernelsRegistered } from "../../../src/backend";

/** The same op with our kernels and with tfjs's stock ones: the outputs must be identical, bit for bit. */
function both<T>(fn: () => T, read: (t: T) => unknown): { ours: unknown; stock: unknown } {
  registerWasmKernels();
  const a = fn();
  const ours = read(a);
  restoreStockWasmKernels();
  expect(wasmKernelsRegistered().copies).toBe(false);
  const b = fn();
  const stock = read(b);
  registerWasmKernels();
  tf.dispose([a as tf.TensorContainer, b as tf.TensorContainer]);
  return { ours, stock };
}

const values = (t: tf.Tensor | tf.Tensor[]) => (Array.isArray(t) ? t.map((x) => ({ shape: x.shape, data: x.dataSync() })) : { shape: t.shape, data: t.dataSync() });

describe("wasm Slice, SplitV and Concat (copy-kernels.ts)", () => {
  beforeAll(async () => {
    await initBackend();
  });
  afterAll(() => registerWasmKernels());

  it("are registered by initBackend", () => {
    expect(wasmKernelsRegistered().copies).toBe(true);
  });

  it("slice every rank up to 4, short and long runs, as the stock kernel does", () => {
    const x4 = tf.randomNormal([3, 5, 7, 130], 0, 1, "float32", 1);
    const cases: Array<[tf.Tensor, number[], number[]]> = [
      [x4, [0, 0, 0, 0], [3, 5, 7, 130]],
      [x4, [1, 2, 3, 4], [2, 3, 4, 100]], // runs ≥ 64: copyWithin
      [x4, [0, 1, 0, 65], [3, 4, 7, 65]],
      [x4, [2, 0, 6, 1], [1, 5, 1, 3]], // runs of 3: the loop
      [tf.randomNormal([9, 70], 0, 1, "float32", 2), [2, 5], [4, 65]],
      [tf.randomNormal([4, 6, 10], 0, 1, "float32", 3), [1, 1, 2], [2, 5, 7]],
      [tf.range(0, 20, 1, "int32"), [3], [11]],
      [tf.range(0, 60, 1, "int32").reshape([3, 4, 5]), [0, 1, 1], [3, 2, 3]],
    ];
    for (const [x, begin, size] of cases) {
      const { ours, stock } = both(() => tf.slice(x, begin, size), values);
      expect(ours).toEqual(stock);
    }
  });

  it("split along every axis (the U-Net's channel split in the concat gradient)", () => {
    const x = tf.randomNormal([2, 6, 4, 32], 0, 1, "float32", 4);
    for (const [splits, axis] of [[2, 3], [[16, 16], -1], [[1, 5], 1], [[3, 1, 2], 1], [[1, 1], 0], [[100, 28], 3]] as Array<[number | number[], number]>) {
      const big = axis === 3 && Array.isArray(splits) && splits[0] === 100 ? tf.randomNormal([2, 3, 2, 128], 0, 1, "float32", 5) : x;
      const { ours, stock } = both(() => tf.split(big, splits, axis), values);
      expect(ours).toEqual(stock);
    }
  });

  it("concatenate along every axis, skipping empty inputs, in float32 and int32", () => {
    const a = tf.randomNormal([2, 3, 4, 16], 0, 1, "float32", 6);
    const b = tf.randomNormal([2, 3, 4, 80], 0, 1, "float32", 7);
    const c = tf.randomNormal([2, 3, 4, 16], 0, 1, "float32", 8);
    const cases: Array<[tf.Tensor[], number]> = [
      [[a, b], 3],
      [[a, c, a], -1],
      [[a, c], 0],
      [[a, c], 1],
      [[a, tf.zeros([2, 3, 4, 0]), c], 3],
      [[tf.tensor1d([1, 2], "int32"), tf.tensor1d([3], "int32")], 0],
    ];
    for (const [inputs, axis] of cases) {
      const { ours, stock } = both(() => tf.concat(inputs, axis), values);
      expect(ours).toEqual(stock);
    }
  });

  it("leave their gradients (concat ↔ split) exact through a training-like tape", () => {
    const a = tf.randomNormal([2, 8, 4, 16], 0, 1, "float32", 9);
    const b = tf.randomNormal([2, 8, 4, 16], 0, 1, "float32", 10);
    const w = tf.randomNormal([1, 1, 32, 1], 0, 1, "float32", 11);
    const grads = () => tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.conv2d(tf.concat([x, y], 3) as tf.Tensor4D, w as tf.Tensor4D, 1, "same").sum())([a, b]);
    const { ours, stock } = both(grads, values);
    expect(ours).toEqual(stock);
  });
});
