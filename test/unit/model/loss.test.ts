import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { maskedL1Loss } from "../../../src/model";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("maskedL1Loss", () => {
  it("sums |mask·mixture − target| over the patch and averages over the batch", () => {
    // Two 2×2 patches, one mask channel.
    const mixture = tf.tensor4d([1, 2, 3, 4, 2, 2, 2, 2], [2, 2, 2, 1]);
    const mask = tf.tensor4d([0.5, 0.5, 1, 0, 0, 1, 0.25, 0.75], [2, 2, 2, 1]);
    const target = tf.tensor4d([1, 0, 3, 1, 1, 1, 1, 1], [2, 2, 2, 1]);
    // patch 1: |0.5−1| + |1−0| + |3−3| + |0−1| = 2.5; patch 2: |0−1| + |2−1| + |0.5−1| + |1.5−1| = 3
    const loss = maskedL1Loss(mask, mixture, target);
    expect(loss.shape).toEqual([]);
    expect(loss.dataSync()[0]).toBeCloseTo(2.75, 6);
    tf.dispose([mixture, mask, target, loss]);
  });

  it("broadcasts the mixture over a two-mask model's channels", () => {
    const mixture = tf.tensor4d([2, 4], [1, 1, 2, 1]);
    // channels: [vocals, accompaniment] per position
    const mask = tf.tensor4d([0.25, 0.75, 1, 0], [1, 1, 2, 2]);
    const target = tf.tensor4d([0.5, 1.5, 3, 1], [1, 1, 2, 2]);
    // |0.5−0.5| + |1.5−1.5| + |4−3| + |0−1| = 2
    const loss = maskedL1Loss(mask, mixture, target);
    expect(loss.dataSync()[0]).toBeCloseTo(2, 6);
    tf.dispose([mixture, mask, target, loss]);
  });

  it("is differentiable in the mask", () => {
    const mixture = tf.tensor4d([2, 4], [1, 1, 2, 1]);
    const target = tf.tensor4d([1, 1], [1, 1, 2, 1]);
    const mask = tf.tensor4d([1, 0], [1, 1, 2, 1]);
    // d/dm |m·x − t| = x·sign(m·x − t): (2 − 1 > 0) → 2, (0 − 1 < 0) → −4
    const grad = tf.grad((m: tf.Tensor) => maskedL1Loss(m as tf.Tensor4D, mixture, target))(mask);
    expect(Array.from(grad.dataSync())).toEqual([2, -4]);
    tf.dispose([mixture, target, mask, grad]);
  });

  it("rejects mismatched shapes", () => {
    const a = tf.zeros([1, 4, 4, 2]) as tf.Tensor4D;
    const b = tf.zeros([1, 4, 4, 1]) as tf.Tensor4D;
    expect(() => maskedL1Loss(a, a, a)).toThrow(/mixture must be \[1, 4, 4, 1\]/);
    expect(() => maskedL1Loss(a, b, b)).toThrow(/target must have the mask's shape/);
    tf.dispose([a, b]);
  });
});
