import * as tf from "@tensorflow/tfjs";

/**
 * The paper's U-Net (Jansson et al. 2017) in tf.layers, for benchmarks only; the product's
 * configurable builder is src/model. Input [b,512,128,1] magnitudes, output a sigmoid mask.
 */
export function buildBenchUNet(): tf.LayersModel {
  const input = tf.input({ shape: [512, 128, 1] });
  const conv = { kernelSize: 5, strides: 2, padding: "same" as const };
  const skips: tf.SymbolicTensor[] = [];
  let x: tf.SymbolicTensor = input;
  for (const filters of [16, 32, 64, 128, 256, 512]) {
    x = tf.layers.conv2d({ filters, ...conv }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.batchNormalization().apply(x) as tf.SymbolicTensor;
    x = tf.layers.leakyReLU({ alpha: 0.2 }).apply(x) as tf.SymbolicTensor;
    skips.push(x);
  }
  skips.pop();
  for (const [i, filters] of [256, 128, 64, 32, 16].entries()) {
    x = tf.layers.conv2dTranspose({ filters, ...conv }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.batchNormalization().apply(x) as tf.SymbolicTensor;
    x = tf.layers.reLU().apply(x) as tf.SymbolicTensor;
    if (i < 3) x = tf.layers.dropout({ rate: 0.5 }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.concatenate().apply([x, skips.pop() as tf.SymbolicTensor]) as tf.SymbolicTensor;
  }
  const mask = tf.layers.conv2dTranspose({ filters: 1, ...conv, activation: "sigmoid" }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: mask });
}
