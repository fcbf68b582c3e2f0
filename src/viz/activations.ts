import * as tf from "@tensorflow/tfjs";
import { magnitude, type Spectrogram } from "../dsp";
import { createProbe, probeActivations } from "../model";
import { averageOnto, channelStats, correlation, extent, poolMap, topChannels, type MapShape } from "./feature-maps";
import type { View } from "./view";

/** One channel of a layer's output, as drawn. */
export interface FeatureMap {
  channel: number;
  /** Mean |activation| over the full-resolution map: the rank it was chosen by. */
  meanAbs: number;
  /** Over the full-resolution map; the picture spans exactly this range (its own, per map). */
  min: number;
  max: number;
  /** frames × bins of the layer's `LayerMaps.frames` × `.bins`, frame-major, block-averaged. */
  values: Float32Array;
}

/** A probed layer: what its output looks like for the patch. */
export interface LayerMaps {
  name: string;
  /** The tfjs class name: LeakyReLU, ReLU, Conv2DTranspose, … */
  type: string;
  /** Where it sits, from its name: createUNet's enc… and dec… layers, the model's output, or other. */
  part: "encoder" | "decoder" | "output" | "other";
  /** The layer's output without the batch: [bins, frames, channels]. */
  shape: [number, number, number];
  /** Size of every map's values (after block-averaging) and the block averaged, [bins, frames]. */
  frames: number;
  bins: number;
  pooled: [number, number];
  /** The most active channels (by mean |activation|), most active first, at most `maxChannels`. */
  maps: FeatureMap[];
}

/** One picture of the "mask forming" strip. */
export interface MaskStage {
  /** "input", a decoder layer's name, or the output layer's name. */
  layer: string;
  label: string;
  /** What the picture is, said for a reader. */
  note: string;
  /** How it is coloured: dB of the input, its own min–max, or the mask's fixed 0–1. */
  scale: "db" | "own" | "unit";
  values: Float32Array;
  frames: number;
  bins: number;
  /** The stage's own resolution before any block-averaging for display, [bins, frames]. */
  resolution: [number, number];
  min: number;
  max: number;
  /**
   * Pearson correlation of this decoder stage's map with the final mask averaged to the stage's
   * resolution: how mask-like the stage already is. Descriptive, not fitted.
   */
  correlation?: number;
}

export interface ActivationsView extends View {
  view: "activations";
  model: string;
  /** The patch's size and, when cut from a spectrogram, its first frame. */
  patch: { bins: number; frames: number; startFrame?: number };
  maxChannels: number;
  /** Largest side of a drawn map; bigger maps were block-averaged down to it. */
  maxSide: number;
  /** The chosen layers in the model's order (encoder, then decoder, then the output). */
  layers: LayerMaps[];
  /** The input patch, each decoder stage's channel mean, then the mask(s) on 0–1. */
  maskForming: MaskStage[];
}

export interface ActivationsOptions {
  /** Feature maps kept per layer, the most active by mean |activation| (default 16). */
  maxChannels?: number;
  /**
   * Layers to show (default: every enc…_act and dec…_act, the output of each U-Net level, and the
   * output layer; for a model not built by createUNet, every layer but the input).
   */
  layers?: string[];
  /** With a spectrogram: the patch's first frame (default 0). */
  startFrame?: number;
  /** Largest side of a stored map (default 128); bigger maps are block-averaged. */
  maxSide?: number;
}

export const ACTIVATIONS_DEFAULTS = { maxChannels: 16, maxSide: 128 } as const;

/**
 * What every chosen layer of `model` computes for one input patch, run in inference mode (no
 * dropout, batch norm's moving statistics), and the mask forming through the decoder.
 *
 * `input` is a patch tensor [1, bins, frames, 1] as the model takes it, or a spectrogram from which
 * the patch is cut the way separate() feeds the model: magnitude divided by the whole spectrogram's
 * peak, bins 0…bins−1, `startFrame` onward, zero past the end.
 *
 * The mask as it forms: a decoder stage's output has its own number of channels, and the layers
 * after it are nonlinear, so there is no exact share of the mask to attribute to it (the mask layer
 * cannot be applied early), and a readout fitted to the final mask would mislead: with hundreds of
 * channels and a few dozen positions at the deep stages, a fitted readout reproduces any target, so
 * the mask would look formed at the first stage. So each stage is shown as what it is, fitted to
 * nothing: the mean over its channels (after its activation, before the skip concatenation), on its
 * own range, with its correlation with the final mask averaged to the stage's resolution as a number.
 * The strip starts with the input patch (dB) and ends with the real mask on a fixed 0–1 scale.
 *
 * Every tensor made here is disposed; a tensor passed in is the caller's.
 */
export async function activations(model: tf.LayersModel, input: tf.Tensor | Spectrogram, options: ActivationsOptions = {}): Promise<ActivationsView> {
  const maxChannels = options.maxChannels ?? ACTIVATIONS_DEFAULTS.maxChannels;
  const maxSide = options.maxSide ?? ACTIVATIONS_DEFAULTS.maxSide;
  if (!Number.isInteger(maxChannels) || maxChannels < 1) throw new Error(`activations: maxChannels must be a whole number ≥ 1, got ${maxChannels}`);
  if (!Number.isInteger(maxSide) || maxSide < 1) throw new Error(`activations: maxSide must be a whole number ≥ 1, got ${maxSide}`);
  const [, bins, frames, inChannels] = model.inputs[0].shape as [null, number, number, number];
  const output = model.outputs[0].sourceLayer.name;
  const shown = options.layers ?? defaultLayers(model, output);
  for (const name of shown) {
    if (!model.layers.some((l) => l.name === name)) throw new Error(`activations: the model "${model.name}" has no layer "${name}" (it has ${model.layers.map((l) => l.name).join(", ")})`);
  }
  const stages = model.layers.filter((l) => /^dec\d+_act$/.test(l.name)).map((l) => l.name);
  const probed = model.layers.map((l) => l.name).filter((n) => shown.includes(n) || stages.includes(n) || n === output);

  const owned = !(input instanceof tf.Tensor);
  let startFrame: number | undefined;
  let patch: tf.Tensor;
  if (input instanceof tf.Tensor) {
    const want = [1, bins, frames, inChannels];
    if (input.rank !== 4 || input.shape.some((d, i) => d !== want[i])) {
      throw new Error(`activations: the patch must be one tensor of shape [${want}] (the model's input with a batch of 1), got [${input.shape}]; take one with tensor.slice([i, 0, 0, 0], [1, -1, -1, -1])`);
    }
    patch = input;
  } else {
    startFrame = options.startFrame ?? 0;
    patch = tf.tensor4d(cutPatch(input, bins, frames, startFrame), [1, bins, frames, 1]);
  }

  let outputs: Map<string, tf.Tensor> | undefined;
  try {
    outputs = probeActivations(probeFor(model, probed), patch);
    const read = async (name: string) => {
      const t = outputs!.get(name)!;
      const [, h, w, c] = t.shape as number[];
      return { data: await t.data(), shape: { bins: h, frames: w, channels: c } as MapShape };
    };
    const inputData = await patch.data();

    const layers: LayerMaps[] = [];
    for (const name of probed.filter((n) => shown.includes(n))) {
      const { data, shape } = await read(name);
      const stats = channelStats(data, shape);
      const keep = topChannels(stats.meanAbs, maxChannels);
      const pooled = keep.map((channel) => poolMap(data, shape, channel, maxSide));
      const maps = keep.map((channel, i): FeatureMap => ({ channel, meanAbs: stats.meanAbs[channel], min: stats.min[channel], max: stats.max[channel], values: pooled[i].values }));
      const layer = model.getLayer(name);
      layers.push({
        name,
        type: layer.getClassName(),
        part: name === output ? "output" : /^enc\d/.test(name) ? "encoder" : /^dec\d/.test(name) ? "decoder" : "other",
        shape: [shape.bins, shape.frames, shape.channels],
        frames: pooled[0].frames,
        bins: pooled[0].bins,
        pooled: pooled[0].pooled,
        maps,
      });
    }

    const mask = await read(output);
    const maskForming: MaskStage[] = [inputStage(inputData, { bins, frames, channels: inChannels }, maxSide)];
    const finalMask = poolMap(mask.data, mask.shape, 0); // channel 0 (vocals in a two-mask model) at full size
    for (const name of stages) {
      const { data, shape } = await read(name);
      const shown = poolMap(data, shape, "mean", maxSide);
      const native = poolMap(data, shape, "mean");
      const target = averageOnto(finalMask.values, finalMask.frames, finalMask.bins, native.frames, native.bins);
      const r = correlation(native.values, target);
      const [min, max] = extent(native.values);
      maskForming.push({
        layer: name,
        label: name.replace(/_act$/, ""),
        note: `mean of ${shape.channels} channels`,
        scale: "own",
        ...shown,
        resolution: [shape.bins, shape.frames],
        min,
        max,
        ...(Number.isFinite(r) ? { correlation: r } : {}),
      });
    }
    const outNames = mask.shape.channels === 2 ? ["vocals", "accompaniment"] : [];
    for (let c = 0; c < mask.shape.channels; c++) {
      const pooled = poolMap(mask.data, mask.shape, c, maxSide);
      const [min, max] = extent(poolMap(mask.data, mask.shape, c).values);
      maskForming.push({
        layer: output,
        label: outNames[c] ? `${output} (${outNames[c]})` : output,
        note: "fixed 0–1 scale",
        scale: "unit",
        ...pooled,
        resolution: [mask.shape.bins, mask.shape.frames],
        min,
        max,
      });
    }

    return {
      kind: "view",
      view: "activations",
      caption: caption(model.name, bins, frames, startFrame, layers.length, maxChannels, stages.length, maxSide),
      model: model.name,
      patch: { bins, frames, ...(startFrame !== undefined ? { startFrame } : {}) },
      maxChannels,
      maxSide,
      layers,
      maskForming,
    };
  } finally {
    if (outputs) tf.dispose([...outputs.values()]);
    if (owned) patch.dispose();
  }
}

function caption(model: string, bins: number, frames: number, start: number | undefined, layers: number, maxChannels: number, stages: number, maxSide: number): string {
  const where = start === undefined ? "" : ` (frames ${start}–${start + frames - 1})`;
  return (
    `Activations of "${model}" for one ${bins}×${frames} patch${where}: ${layers} layers, up to ${maxChannels} channels each, ` +
    `the most active by mean |activation|, each map on its own min–max (maps over ${maxSide} px block-averaged); ` +
    `mask forming: input (dB), ${stages ? `the channel mean of each of ${stages} decoder stages (own range, r = correlation with the final mask), then ` : ""}the mask on a fixed 0–1 scale`
  );
}

function inputStage(data: ArrayLike<number>, shape: MapShape, maxSide: number): MaskStage {
  const pooled = poolMap(data, shape, 0, maxSide);
  const [min, max] = extent(data);
  return { layer: "input", label: "input", note: "magnitude, 80 dB range", scale: "db", ...pooled, resolution: [shape.bins, shape.frames], min, max };
}

/** enc…_act and dec…_act (each U-Net level's output) and the output layer; every layer otherwise. */
function defaultLayers(model: tf.LayersModel, output: string): string[] {
  const levels = model.layers.filter((l) => /^(enc|dec)\d+_act$/.test(l.name)).map((l) => l.name);
  if (levels.length) return [...levels, output];
  return model.layers.filter((l) => l.getClassName() !== "InputLayer").map((l) => l.name);
}

/**
 * A spectrogram's patch as the model sees it in separate(): magnitudes over the spectrogram's peak,
 * bin-major [bin][frame], zero past the last frame.
 */
export function cutPatch(spectrogram: Spectrogram, bins: number, frames: number, startFrame: number): Float32Array {
  if (spectrogram.bins < bins) throw new Error(`activations: the model takes ${bins} bins but the spectrogram has ${spectrogram.bins}; make it with the model's STFT (STFT_PAPER: 1024-point, 513 bins)`);
  if (!Number.isInteger(startFrame) || startFrame < 0 || startFrame >= spectrogram.frames) {
    throw new Error(`activations: startFrame must be a whole number from 0 to ${spectrogram.frames - 1} (the spectrogram's frames), got ${startFrame}`);
  }
  const mag = magnitude(spectrogram);
  let peak = 0;
  for (const v of mag) if (v > peak) peak = v;
  const scale = peak > 0 ? 1 / peak : 0;
  const out = new Float32Array(bins * frames);
  const end = Math.min(spectrogram.frames, startFrame + frames);
  for (let f = startFrame; f < end; f++) {
    for (let b = 0; b < bins; b++) out[b * frames + (f - startFrame)] = mag[f * spectrogram.bins + b] * scale;
  }
  return out;
}

// One probe per model and layer list: building one links a new graph, so it is reused (createProbe's advice).
const probeCache = new WeakMap<tf.LayersModel, Map<string, tf.LayersModel>>();

function probeFor(model: tf.LayersModel, layers: string[]): tf.LayersModel {
  let byKey = probeCache.get(model);
  if (!byKey) probeCache.set(model, (byKey = new Map()));
  const key = layers.join("\n");
  let probe = byKey.get(key);
  if (!probe) byKey.set(key, (probe = createProbe(model, layers)));
  return probe;
}
