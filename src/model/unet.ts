import * as tf from "@tensorflow/tfjs";
import { resolveConfig, validateConfig, type ActivationSpec, type KernelInitializer, type UNetConfig } from "./config";

/**
 * The U-Net of Jansson et al. 2017 as a tfjs functional model named "unet".
 *
 * Input [batch, bins, frames, 1] (height = frequency, width = time, NHWC), the mixture magnitude
 * patch; output [batch, bins, frames, outputs], the mask(s). The app lays patches out bin-major, so
 * they feed in without a transpose.
 *
 * Encoder level i (1…depth):  enc{i}_conv (Conv2D, kernel, stride, 'same') → enc{i}_bn → enc{i}_act.
 * Decoder layer i (1…depth−1): dec{i}_deconv (Conv2DTranspose) → dec{i}_bn → dec{i}_act →
 *   dec{i}_dropout (where its rate > 0) → dec{i}_concat = [decoder output, encoder output of the
 *   same resolution]. dec1 takes the deepest encoder output; the decoder filters are the encoder's reversed
 *   from the second-to-last level, so each concatenation doubles the channels of its level.
 * mask: Conv2DTranspose to `outputs` channels with the mask activation (no batch norm).
 * The input layer is named "mixture".
 *
 * Parameter count of UNET_PAPER, 5×5 kernels: weights 25·in·out, bias out, BN γ and β 2·out.
 *   enc1     1→16        400 +  16 +    32 =       448
 *   enc2    16→32     12 800 +  32 +    64 =    12 896
 *   enc3    32→64     51 200 +  64 +   128 =    51 392
 *   enc4   64→128    204 800 + 128 +   256 =   205 184
 *   enc5  128→256    819 200 + 256 +   512 =   819 968
 *   enc6  256→512  3 276 800 + 512 + 1 024 = 3 278 336
 *   dec1  512→256  3 276 800 + 256 +   512 = 3 277 568
 *   dec2  512→128  1 638 400 + 128 +   256 = 1 638 784   (input dec1 ‖ enc5 = 256 + 256)
 *   dec3   256→64    409 600 +  64 +   128 =   409 792   (dec2 ‖ enc4)
 *   dec4   128→32    102 400 +  32 +    64 =   102 496   (dec3 ‖ enc3)
 *   dec5    64→16     25 600 +  16 +    32 =    25 648   (dec4 ‖ enc2)
 *   mask     32→1        800 +   1 +     0 =       801   (dec5 ‖ enc1, no BN)
 *   trainable 9 818 800 weights + 1 505 biases + 3 008 BN γ/β = 9 823 313 (the paper's count);
 *   non-trainable: BN moving mean and variance, 2 · 1 504 = 3 008; total 9 826 321.
 * The count needs the (de)convolution biases even where batch norm follows (Keras's default); without
 * them it would be 9 821 808.
 */
export function createUNet(partial?: Partial<UNetConfig>): tf.LayersModel {
  const config = resolveConfig(partial);
  validateConfig(config);
  const { encoderFilters: filters, kernel, stride } = config;
  const depth = filters.length;

  const conv = (kind: "conv2d" | "conv2dTranspose", name: string, channels: number, activation?: "sigmoid" | "relu" | "linear") =>
    tf.layers[kind]({
      name,
      filters: channels,
      kernelSize: kernel,
      strides: stride,
      padding: "same",
      useBias: config.convBias,
      activation,
      kernelInitializer: initializer(config.kernelInitializer, layerSeed(config.seed, name)),
      biasInitializer: "zeros",
    });
  const normalise = (name: string, x: tf.SymbolicTensor) =>
    config.batchNorm
      ? (tf.layers.batchNormalization({ name, momentum: config.batchNormMomentum, epsilon: config.batchNormEpsilon }).apply(x) as tf.SymbolicTensor)
      : x;

  const input = tf.input({ shape: [config.inputBins, config.inputFrames, 1], name: "mixture" });
  const encoded: tf.SymbolicTensor[] = [];
  let x = input;
  for (let i = 1; i <= depth; i++) {
    x = conv("conv2d", `enc${i}_conv`, filters[i - 1]).apply(x) as tf.SymbolicTensor;
    x = normalise(`enc${i}_bn`, x);
    x = activationLayer(config.encoderActivation, `enc${i}_act`).apply(x) as tf.SymbolicTensor;
    encoded.push(x);
  }
  for (let i = 1; i < depth; i++) {
    const skip = encoded[depth - 1 - i];
    x = conv("conv2dTranspose", `dec${i}_deconv`, filters[depth - 1 - i]).apply(x) as tf.SymbolicTensor;
    x = normalise(`dec${i}_bn`, x);
    x = activationLayer(config.decoderActivation, `dec${i}_act`).apply(x) as tf.SymbolicTensor;
    const rate = config.decoderDropout[i - 1];
    // Unseeded on purpose: a seeded tfjs dropout re-seeds its generator on every call and so draws
    // the same mask at every training step, which is no dropout at all.
    if (rate > 0) x = tf.layers.dropout({ name: `dec${i}_dropout`, rate }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.concatenate({ name: `dec${i}_concat`, axis: -1 }).apply([x, skip]) as tf.SymbolicTensor;
  }
  const mask = conv("conv2dTranspose", "mask", config.outputs, config.maskActivation).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: mask, name: "unet" });
}

function activationLayer(spec: ActivationSpec, name: string): tf.layers.Layer {
  switch (spec.kind) {
    case "leakyRelu":
      return tf.layers.leakyReLU({ name, alpha: spec.alpha });
    case "relu":
      return tf.layers.reLU({ name });
    case "elu":
      return tf.layers.elu({ name });
    case "linear":
      return tf.layers.activation({ name, activation: "linear" });
  }
}

function initializer(kind: KernelInitializer, seed: number) {
  switch (kind) {
    case "glorotUniform":
      return tf.initializers.glorotUniform({ seed });
    case "glorotNormal":
      return tf.initializers.glorotNormal({ seed });
    case "heUniform":
      return tf.initializers.heUniform({ seed });
    case "heNormal":
      return tf.initializers.heNormal({ seed });
  }
}

/**
 * A layer's initializer seed from the model seed and the layer's name: distinct per layer (layers
 * with one seed would start with correlated weights), and stable when other layers are added or
 * removed, so changing the dropout or batch norm leaves the convolutions' initial weights alone.
 */
export function layerSeed(seed: number, name: string): number {
  let h = 0x811c9dc5; // FNV-1a over the name…
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  // …mixed with both 32-bit halves of the seed through a murmur3-style finaliser.
  h ^= seed | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h ^= Math.floor(seed / 2 ** 32) | 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
