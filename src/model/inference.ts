import * as tf from "@tensorflow/tfjs";
import { phaseMergedFilter } from "../backend";

/**
 * A mask model ready for inference: `predict` maps [batch, bins, frames, 1] magnitudes to
 * [batch, bins, frames, outputs] masks, as `model.predict` does in inference mode.
 */
export interface InferenceModel {
  /** [bins, frames] of one patch. */
  readonly patch: [number, number];
  readonly outputs: number;
  /** True where the U-Net was compiled (batch norm folded, transposed convolutions rewritten). */
  readonly compiled: boolean;
  predict(x: tf.Tensor4D): tf.Tensor4D;
  /** Frees the compiled weights (never the model's own). */
  dispose(): void;
}

type Activation = { name: "linear" | "relu" | "elu" | "sigmoid" } | { name: "leakyrelu"; alpha: number };

/** A convolution with its batch norm folded in and its activation fused. */
interface ConvStep {
  filter: tf.Tensor4D;
  bias: tf.Tensor1D;
  strides: [number, number];
  activation: Activation;
}

/**
 * A transposed convolution, folded, in one of two forms:
 * - `transposed`: as it is (on wasm our Conv2DBackpropInput kernel splits it into per-phase
 *   convolutions), then bias and activation;
 * - `merged`: one stride-1 convolution whose s² output channel groups are the output phases, with
 *   bias and activation fused, then a depth-to-space interleave (see `phaseMergedFilter`).
 */
type DeconvStep = ConvStep & ({ form: "transposed"; outChannels: number } | { form: "merged"; pad: ExplicitPad; block: number });
type ExplicitPad = [[0, 0], [number, number], [number, number], [0, 0]];

/**
 * Transposed convolutions with at most this many output channels take the merged form. Measured in
 * Node (wasm, batch 8, paper U-Net): the mask layer (32 → 1 channel, 5×5 stride 2) took 76 ms
 * transposed and 24 ms merged (21 ms convolution + 3 ms interleave), because XNNPACK is slow with
 * one output channel; the decoder layers (16…256 channels) were faster transposed (e.g. 63 vs 85 ms
 * for 64 → 16 channels), as the merged window does 36/25 of the multiply-adds.
 */
export const MERGED_MAX_CHANNELS = 4;

/**
 * Compiles a U-Net from `createUNet` (or loaded from one) for inference, with the same masks to
 * float rounding (tested within 1e-5):
 * - Batch norm, at inference an affine map per channel with its moving statistics, is folded into
 *   the (transposed) convolution before it: kernel × γ/√(σ²+ε), bias (b − μ)·γ/√(σ²+ε) + β. Each
 *   level is then one FusedConv2D with bias and activation (wasm fuses leaky ReLU, ReLU, ELU and
 *   sigmoid), instead of a convolution, a bias add, a batch norm and an activation, each a pass
 *   over the activations.
 * - A stride-s transposed convolution with few output channels (the mask layer) becomes one
 *   stride-1 convolution with s² × the output channels, one group per output phase, and an
 *   interleave (a reshape-transpose-reshape: tfjs's DepthToSpace on wasm is a slow generic loop).
 *   For 5×5 stride 2 the four phases have 3×3, 3×2, 2×3 and 2×2 taps; padded to a common 3×3
 *   window they cost 36/25 of the multiply-adds, but XNNPACK runs one 4-channel convolution much
 *   faster than four 1-channel ones. Wider layers stay transposed (MERGED_MAX_CHANNELS).
 * - Dropout is the identity at inference and disappears.
 * Any other model (not the U-Net's layer names and kinds) is wrapped as it is (`compiled: false`).
 * The compiled weights are a snapshot: compile again after training the model further.
 */
export function inferenceModel(model: tf.LayersModel): InferenceModel {
  const [, bins, frames] = model.inputs[0].shape as number[];
  const outputs = (model.outputs[0].shape as number[])[3];
  const plan = compileUNet(model);
  if (!plan) {
    return {
      patch: [bins, frames],
      outputs,
      compiled: false,
      predict: (x) => model.predict(x) as tf.Tensor4D,
      dispose: () => {},
    };
  }
  const { encoder, decoder, mask } = plan;
  return {
    patch: [bins, frames],
    outputs,
    compiled: true,
    predict: (x) =>
      tf.tidy(() => {
        const skips: tf.Tensor4D[] = [];
        let y = x;
        for (const step of encoder) {
          y = conv(y, step);
          skips.push(y);
        }
        decoder.forEach((step, i) => {
          y = tf.concat([deconv(y, step), skips[encoder.length - 2 - i]], 3);
        });
        return deconv(y, mask);
      }),
    dispose: () => tf.dispose([...encoder, ...decoder, mask].flatMap((s) => [s.filter, s.bias])),
  };
}

function fused(x: tf.Tensor4D, step: ConvStep, pad: "same" | ExplicitPad): tf.Tensor4D {
  const { activation } = step;
  return tf.fused.conv2d({
    x,
    filter: step.filter,
    bias: step.bias,
    strides: step.strides,
    pad,
    activation: activation.name,
    leakyreluAlpha: activation.name === "leakyrelu" ? activation.alpha : undefined,
  });
}

const conv = (x: tf.Tensor4D, step: ConvStep) => fused(x, step, "same");

function deconv(x: tf.Tensor4D, step: DeconvStep): tf.Tensor4D {
  const [n, h, w] = x.shape;
  if (step.form === "merged") {
    const s = step.block;
    const y = fused(x, step, step.pad);
    const c = y.shape[3] / (s * s);
    // Channel (φh·s + φw)·c + k of pixel (h, w) goes to pixel (s·h + φh, s·w + φw), channel k.
    return tf.reshape(tf.transpose(tf.reshape(y, [n, h, w, s, s * c]), [0, 1, 3, 2, 4]), [n, h * s, w * s, c]);
  }
  const [sh, sw] = step.strides;
  const y = tf.add(tf.conv2dTranspose(x, step.filter, [n, h * sh, w * sw, step.outChannels], step.strides, "same"), step.bias) as tf.Tensor4D;
  return activate(y, step.activation);
}

function activate(y: tf.Tensor4D, a: Activation): tf.Tensor4D {
  switch (a.name) {
    case "linear":
      return y;
    case "relu":
      return tf.relu(y);
    case "leakyrelu":
      return tf.leakyRelu(y, a.alpha);
    case "elu":
      return tf.elu(y);
    case "sigmoid":
      return tf.sigmoid(y);
  }
}

type Steps = { encoder: ConvStep[]; decoder: DeconvStep[]; mask: DeconvStep };

/** The steps of a createUNet model, or null where the model is not one (its layers do not match). */
function compileUNet(model: tf.LayersModel): Steps | null {
  const byName = new Map(model.layers.map((l) => [l.name, l]));
  let depth = 0;
  while (byName.has(`enc${depth + 1}_conv`)) depth++;
  // Every layer must be one accounted for, so nothing of the model is silently left out.
  const known = new Set(["mixture", "mask"]);
  for (let i = 1; i <= depth; i++) ["conv", "bn", "act"].forEach((part) => known.add(`enc${i}_${part}`));
  for (let i = 1; i < depth; i++) ["deconv", "bn", "act", "dropout", "concat"].forEach((part) => known.add(`dec${i}_${part}`));
  const kinds: Record<string, string> = { conv: "Conv2D", deconv: "Conv2DTranspose", bn: "BatchNormalization", dropout: "Dropout", concat: "Concatenate" };
  const fits = model.layers.every((l) => known.has(l.name) && (kinds[l.name.split("_")[1]] ?? l.getClassName()) === l.getClassName());
  if (depth < 1 || !fits || byName.get("mask")?.getClassName() !== "Conv2DTranspose") return null;
  const made: tf.Tensor[] = [];
  try {
    const steps = buildSteps(byName, depth, made);
    if (!steps) tf.dispose(made);
    return steps;
  } catch (e) {
    tf.dispose(made);
    throw e;
  }
}

function buildSteps(byName: Map<string, tf.layers.Layer>, depth: number, made: tf.Tensor[]): Steps | null {
  const encoder: ConvStep[] = [];
  for (let i = 1; i <= depth; i++) {
    const activation = activationOf(byName.get(`enc${i}_act`));
    const step = activation && convStep(byName.get(`enc${i}_conv`)!, byName.get(`enc${i}_bn`), activation, "conv", made);
    if (!step) return null;
    encoder.push(step);
  }
  const decoder: DeconvStep[] = [];
  for (let i = 1; i < depth; i++) {
    const activation = activationOf(byName.get(`dec${i}_act`));
    const layer = byName.get(`dec${i}_deconv`);
    const step = activation && layer && byName.has(`dec${i}_concat`) && convStep(layer, byName.get(`dec${i}_bn`), activation, "deconv", made);
    if (!step) return null;
    decoder.push(step as DeconvStep);
  }
  const mask = byName.get("mask")!;
  const maskActivation = String((mask.getConfig() as { activation?: string }).activation ?? "linear");
  if (maskActivation !== "sigmoid" && maskActivation !== "relu" && maskActivation !== "linear") return null;
  const maskStep = convStep(mask, undefined, { name: maskActivation }, "deconv", made, true);
  return maskStep && { encoder, decoder, mask: maskStep as DeconvStep };
}

function activationOf(layer: tf.layers.Layer | undefined): Activation | null {
  if (!layer) return null;
  const config = layer.getConfig() as Record<string, unknown>;
  switch (layer.getClassName()) {
    case "LeakyReLU":
      return { name: "leakyrelu", alpha: Number(config.alpha ?? 0.3) };
    case "ReLU":
      return config.maxValue == null ? { name: "relu" } : null;
    case "ELU":
      return Number(config.alpha ?? 1) === 1 ? { name: "elu" } : null;
    case "Activation":
      return config.activation === "linear" ? { name: "linear" } : null;
    default:
      return null;
  }
}

/** Per-channel affine map of an inference-mode batch norm, in float64; identity where there is none. */
function batchNormAffine(layer: tf.layers.Layer | undefined, channels: number): { scale: Float64Array; shift: Float64Array } | null {
  const scale = new Float64Array(channels).fill(1);
  const shift = new Float64Array(channels);
  if (!layer) return { scale, shift };
  if (layer.getClassName() !== "BatchNormalization") return null;
  const config = layer.getConfig() as { axis?: number | number[]; epsilon?: number; scale?: boolean; center?: boolean };
  const axis = Array.isArray(config.axis) ? config.axis : [config.axis ?? -1];
  if (axis.length !== 1 || (axis[0] !== -1 && axis[0] !== 3)) return null;
  const weights = layer.getWeights().map((w) => w.dataSync() as Float32Array);
  const gamma = config.scale !== false ? weights.shift()! : null;
  const beta = config.center !== false ? weights.shift()! : null;
  const [mean, variance] = weights;
  const eps = config.epsilon ?? 1e-3;
  for (let c = 0; c < channels; c++) {
    scale[c] = (gamma ? gamma[c] : 1) / Math.sqrt(variance[c] + eps);
    shift[c] = (beta ? beta[c] : 0) - mean[c] * scale[c];
  }
  return { scale, shift };
}

/**
 * A (transposed) convolution layer with the batch norm after it folded in. Null where the layer is
 * configured in a way this does not handle (dilation, padding other than 'same', channels first).
 */
function convStep(
  layer: tf.layers.Layer,
  bn: tf.layers.Layer | undefined,
  activation: Activation,
  kind: "conv" | "deconv",
  made: tf.Tensor[],
  ownActivation = false,
): ConvStep | DeconvStep | null {
  const config = layer.getConfig() as { strides?: number[]; padding?: string; dilationRate?: number | number[]; dataFormat?: string; activation?: string };
  const dilation = [config.dilationRate ?? 1].flat();
  if (config.padding !== "same" || dilation.some((d) => d !== 1) || (config.dataFormat && config.dataFormat !== "channelsLast")) return null;
  // `activation` follows the layer (a separate activation layer), except for the mask layer, whose
  // own activation it is: a layer's own non-linearity must not be silently dropped.
  if (!ownActivation && config.activation && config.activation !== "linear") return null;
  const [kernel, bias] = layer.getWeights();
  const [kh, kw, a, b] = kernel.shape as number[];
  // Conv2D kernels are [kh, kw, in, out]; Conv2DTranspose kernels [kh, kw, out, in].
  const outChannels = kind === "conv" ? b : a;
  const affine = batchNormAffine(bn, outChannels);
  if (!affine) return null;
  const w = kernel.dataSync() as Float32Array;
  const folded = new Float32Array(w.length);
  // Output channels run fastest in a Conv2D kernel; in a Conv2DTranspose kernel blocks of `b`
  // (input channels) share one output channel.
  const run = kind === "conv" ? 1 : b;
  for (let i = 0, c = 0; i < w.length; c = (c + 1) % outChannels) {
    const scale = affine.scale[c];
    for (let end = i + run; i < end; i++) folded[i] = w[i] * scale;
  }
  const b0 = bias ? (bias.dataSync() as Float32Array) : new Float32Array(outChannels);
  const foldedBias = Float32Array.from({ length: outChannels }, (_, c) => b0[c] * affine.scale[c] + affine.shift[c]);
  const strides = (config.strides ?? [1, 1]) as [number, number];
  if (kind === "conv") {
    return { filter: keep(tf.tensor4d(folded, [kh, kw, a, b]), made), bias: keep(tf.tensor1d(foldedBias), made), strides, activation };
  }
  if (outChannels > MERGED_MAX_CHANNELS || strides[0] !== strides[1]) {
    const filter = keep(tf.tensor4d(folded, [kh, kw, outChannels, b]), made);
    return { form: "transposed", filter, bias: keep(tf.tensor1d(foldedBias), made), strides, activation, outChannels };
  }
  const merged = phaseMergedFilter(folded, [kh, kw, outChannels, b], strides[0]);
  const tiled = new Float32Array(strides[0] * strides[0] * outChannels);
  for (let g = 0; g < strides[0] * strides[0]; g++) tiled.set(foldedBias, g * outChannels);
  return {
    form: "merged",
    filter: keep(tf.tensor4d(merged.filter, merged.shape), made),
    bias: keep(tf.tensor1d(tiled), made),
    strides: [1, 1],
    activation,
    pad: [[0, 0], merged.padH, merged.padW, [0, 0]],
    block: strides[0],
  };
}

function keep<T extends tf.Tensor>(t: T, made: tf.Tensor[]): T {
  made.push(t);
  return t;
}
