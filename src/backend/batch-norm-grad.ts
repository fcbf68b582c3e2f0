import * as tf from "@tensorflow/tfjs";

/**
 * tfjs's gradient of FusedBatchNorm with respect to x `tile`s the per-channel 1/√(var + ε) to the
 * activation's full size before multiplying: on the paper U-Net that is 11 Tile kernels, 16 % of a
 * training step on wasm (bench/NOTES.md, `bench/profile-train.ts`). Broadcasting the [channels]
 * vector multiplies the same numbers in the same order, so the gradients are bit for bit the same.
 * Every other part is tfjs 4.22's gradient as it is.
 */
const gradient: tf.GradConfig = {
  kernelName: "FusedBatchNorm",
  inputsToSave: ["x", "mean", "variance", "scale"],
  gradFunc: (dy, saved, attrs) => {
    const dyT = dy as tf.Tensor;
    const { varianceEpsilon } = attrs as unknown as { varianceEpsilon: number };
    const [x, mean, variance, scale] = saved;
    const scaleValue = scale == null ? tf.scalar(1) : scale;
    const reductionAxes = tf.backend_util.getReductionAxes(mean.shape, x.shape);
    const xMinusMean = tf.sub(x, mean);
    const dyTimesScaleValue = tf.mul(dyT, scaleValue);
    const oneOverSqrtVariance = tf.rsqrt(tf.add(variance, tf.scalar(varianceEpsilon)));
    const minusHalfRCube = tf.mul(tf.mul(tf.mul(oneOverSqrtVariance, oneOverSqrtVariance), oneOverSqrtVariance), tf.scalar(-0.5));
    const perChannel = mean.rank === 1;
    const reduce = (t: tf.Tensor) => tf.reshape(perChannel ? tf.sum(t, reductionAxes) : t, mean.shape);
    return {
      // The one change: a [1, 1, 1, C] view broadcast, not tiled to x's shape.
      x: () => tf.reshape(tf.mul(tf.mul(dyT, perChannel ? tf.reshape(oneOverSqrtVariance, [1, 1, 1, mean.shape[0]]) : oneOverSqrtVariance), scaleValue), x.shape),
      mean: () => reduce(tf.mul(tf.mul(oneOverSqrtVariance, tf.scalar(-1)), dyTimesScaleValue)),
      variance: () => reduce(tf.mul(tf.mul(minusHalfRCube, xMinusMean), dyTimesScaleValue)),
      scale: () => reduce(tf.mul(dyT, tf.mul(xMinusMean, oneOverSqrtVariance))),
      offset: () => reduce(dyT),
    };
  },
};

let registered = false;
export function registerBatchNormGradient(): void {
  if (registered) return;
  registered = true;
  tf.registerGradient(gradient);
}
