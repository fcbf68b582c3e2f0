import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { beforeAll, describe, expect, it } from "vitest";
import { clearWasmKernelCache, registerWasmKernels } from "../../../src/backend";
import { MIN_DY_PIXELS, setSplitMinPixels } from "../../../src/backend/conv2d-backprop-input";

/**
 * Our kernels allocate intermediates below the engine, where tf.memory() cannot see them; the
 * backend's own count of data ids can. Both must come back to where they were.
 */
beforeAll(async () => {
  await tf.setBackend("wasm");
  registerWasmKernels();
});

function counts(): [number, number, number] {
  return [tf.memory().numTensors, tf.memory().numBytes, tf.backend().numDataIds()];
}

function step(x: tf.Tensor4D, f: tf.Tensor4D, t: tf.Tensor4D, stride: number, pad: "same" | "valid"): void {
  tf.tidy(() => {
    const [dx, df] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, stride, pad).square().sum())([x, f]);
    const ddx = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.conv2dTranspose(a as tf.Tensor4D, b as tf.Tensor4D, x.shape, stride, pad).sum())([t, f]);
    // Reading forces nothing on wasm (it is synchronous) but proves the outputs are live.
    expect(dx.shape).toEqual(x.shape);
    expect(df.shape).toEqual(f.shape);
    expect(ddx[0].shape).toEqual(t.shape);
  });
}

describe("no leaks", () => {
  for (const [minPixels, label] of [[0, "phase split"], [Number.MAX_SAFE_INTEGER, "stock fallback"], [MIN_DY_PIXELS, "default threshold"]] as const) {
    it(`${label}: 20 rounds of input/filter gradients and transposed convs leave nothing behind`, () => {
      const old = setSplitMinPixels(minPixels);
      try {
        const cases: [[number, number, number, number], number, "same" | "valid"][] = [
          [[2, 32, 16, 4], 2, "same"],
          [[1, 13, 7, 3], 2, "valid"],
          [[1, 12, 9, 1], 1, "same"],
        ];
        for (const [shape, stride, pad] of cases) {
          const x = tf.randomNormal(shape) as tf.Tensor4D;
          const f = tf.randomNormal([5, 5, shape[3], 6]) as tf.Tensor4D;
          const t = tf.conv2d(x, f, stride, pad);
          // Twice: the second sight of the same weights fills the inference cache.
          step(x, f, t, stride, pad);
          step(x, f, t, stride, pad);
          const before = counts();
          for (let i = 0; i < 20; i++) step(x, f, t, stride, pad);
          expect(counts()).toEqual(before);
          tf.dispose([x, f, t]);
        }
      } finally {
        setSplitMinPixels(old);
      }
    });
  }

  it("cached phase filters give the same results and go when their weights are disposed, or on demand", () => {
    const old = setSplitMinPixels(0);
    try {
      clearWasmKernelCache();
      const x = tf.randomNormal([1, 8, 8, 3]) as tf.Tensor4D;
      const base = counts();
      for (const release of ["next call", "clear"] as const) {
        // Six output channels: narrower outputs take the merged path, which keeps no filters.
        const f = tf.randomNormal([5, 5, 6, 3]) as tf.Tensor4D;
        const outs: Float32Array[] = [];
        for (let i = 0; i < 3; i++) {
          const y = tf.conv2dTranspose(x, f, [1, 16, 16, 6], 2, "same");
          outs.push(y.dataSync() as Float32Array);
          y.dispose();
        }
        // Built fresh, built and kept, taken from the cache: the same numbers.
        expect(outs[1]).toEqual(outs[0]);
        expect(outs[2]).toEqual(outs[0]);
        f.dispose();
        // Four phase filters are held for the disposed weights until the next call or a clear.
        expect(tf.backend().numDataIds()).toBe(base[2] + 4);
        if (release === "clear") clearWasmKernelCache();
        else {
          const g = tf.randomNormal([5, 5, 6, 3]) as tf.Tensor4D;
          tf.conv2dTranspose(x, g, [1, 16, 16, 6], 2, "same").dispose();
          g.dispose();
        }
        expect(counts()).toEqual(base);
      }
      x.dispose();
    } finally {
      setSplitMinPixels(old);
    }
  });

  it("inputs survive the kernels (they are used, never wrapped and disposed)", () => {
    const x = tf.randomNormal([1, 16, 16, 2]) as tf.Tensor4D;
    const f = tf.randomNormal([5, 5, 2, 3]) as tf.Tensor4D;
    const t = tf.conv2d(x, f, 2, "same");
    step(x, f, t, 2, "same");
    expect(() => [x.dataSync(), f.dataSync(), t.dataSync()]).not.toThrow();
    expect(x.isDisposed || f.isDisposed || t.isDisposed).toBe(false);
    tf.dispose([x, f, t]);
  });
});
