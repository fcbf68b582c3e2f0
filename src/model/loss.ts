import * as tf from "@tensorflow/tfjs";

/**
 * The paper's training loss: L1 distance between the masked mixture and the target magnitude,
 *
 *   loss = mean over the batch of  Σ_{bin, frame, channel} | mask · mixture − target |
 *
 * `mask` [batch, bins, frames, C] is the model's output; `mixture` [batch, bins, frames, 1] is its
 * input magnitude, broadcast over the C mask channels; `target` [batch, bins, frames, C] the true
 * magnitudes — one stem for a one-mask model, vocals and accompaniment stacked on the channel axis
 * (in the mask's channel order) for a two-mask model.
 *
 * Summed over the patch rather than averaged, as in the paper, so its size does not depend on the
 * batch size but does on the patch size: a 512 × 128 patch's loss is 4 096 times a per-bin mean.
 * Differentiable in `mask`; safe inside `tf.tidy` and `tf.variableGrads`.
 */
export function maskedL1Loss(mask: tf.Tensor4D, mixture: tf.Tensor4D, target: tf.Tensor4D): tf.Scalar {
  const [b, h, w, c] = mask.shape;
  const [mb, mh, mw, mc] = mixture.shape;
  if (mb !== b || mh !== h || mw !== w || mc !== 1) {
    throw new Error(`maskedL1Loss: mixture must be [${b}, ${h}, ${w}, 1] to match the mask [${mask.shape}], got [${mixture.shape}]`);
  }
  if (target.shape.some((d, i) => d !== mask.shape[i])) {
    throw new Error(`maskedL1Loss: target must have the mask's shape [${mask.shape}], got [${target.shape}]`);
  }
  return tf.tidy(() => tf.mean(tf.sum(tf.abs(tf.sub(tf.mul(mask, mixture), target)), [1, 2, 3])));
}
