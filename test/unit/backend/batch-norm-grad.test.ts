import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { registerBatchNormGradient } from "../../../src/backend/batch-norm-grad";

beforeAll(async () => {
  await tf.setBackend("cpu");
  registerBatchNormGradient();
});

describe("the FusedBatchNorm gradient without Tile", () => {
  it("gives exactly tfjs's tiled gradients for x, mean, variance, scale and offset", () => {
    const shape: [number, number, number, number] = [2, 4, 3, 5];
    const x = tf.randomNormal(shape, 0, 1, "float32", 1);
    const w = tf.randomNormal(shape, 0, 1, "float32", 2);
    const mean = tf.randomNormal([5], 0, 0.5, "float32", 3);
    const variance = tf.randomUniform([5], 0.2, 2, "float32", 4);
    const offset = tf.randomNormal([5], 0, 1, "float32", 5);
    const scale = tf.randomUniform([5], 0.5, 1.5, "float32", 6);
    const eps = 1e-3;
    const f = (xx: tf.Tensor, m: tf.Tensor, v: tf.Tensor, o: tf.Tensor, s: tf.Tensor) => tf.sum(tf.mul(tf.batchNorm(xx as tf.Tensor4D, m, v, o, s, eps), w));
    const ours = tf.grads(f)([x, mean, variance, offset, scale]);
    // tfjs 4.22's formulas, with the tile (dy = w, since d sum(y·w)/dy = w).
    const dy = w;
    const r = tf.rsqrt(tf.add(variance, tf.scalar(eps)));
    const xm = tf.sub(x, mean);
    const axes = [0, 1, 2];
    const expected = {
      x: tf.mul(tf.mul(dy, tf.tile(tf.reshape(r, [1, 1, 1, 5]), [2, 4, 3, 1])), scale),
      mean: tf.sum(tf.mul(tf.mul(r, tf.scalar(-1)), tf.mul(dy, scale)), axes),
      variance: tf.sum(tf.mul(tf.mul(tf.mul(tf.mul(tf.mul(r, r), r), tf.scalar(-0.5)), xm), tf.mul(dy, scale)), axes),
      offset: tf.sum(dy, axes),
      scale: tf.sum(tf.mul(dy, tf.mul(xm, r)), axes),
    };
    expect(ours[0].dataSync()).toEqual(expected.x.dataSync());
    expect(ours[1].dataSync()).toEqual(expected.mean.dataSync());
    expect(ours[2].dataSync()).toEqual(expected.variance.dataSync());
    expect(ours[3].dataSync()).toEqual(expected.offset.dataSync());
    expect(ours[4].dataSync()).toEqual(expected.scale.dataSync());
  });
});
