import type * as tf from "@tensorflow/tfjs";
import { histogram, type Histogram } from "./histogram";
import type { View } from "./view";

/** One layer's kernel: where its values lie. */
export interface KernelHistogram extends Histogram {
  layer: string;
  /** The tfjs class name: Conv2D, Conv2DTranspose, Dense, … */
  type: string;
  /** The kernel's shape, e.g. [5, 5, 1, 16] for a 5×5 convolution from 1 to 16 channels. */
  shape: number[];
}

export interface WeightsView extends View {
  view: "weights";
  model: string;
  bins: number;
  /** Layers with a kernel, in the model's layer order. */
  layers: KernelHistogram[];
}

export interface WeightsOptions {
  /** Bins per histogram (default 40), spread over each kernel's own min…max. */
  bins?: number;
}

/**
 * Histograms of every kernel in `model` (a layer's weight named "kernel": convolutions, transposed
 * convolutions, dense layers), each over its own range, with count, mean and standard deviation.
 * Biases and batch-norm statistics are left out: a histogram of 16 biases says nothing.
 * Reads the weights once; holds only the counts, so the view is small even for the paper's model.
 */
export function weightHistograms(model: tf.LayersModel, options: WeightsOptions = {}): WeightsView {
  const bins = options.bins ?? 40;
  const layers: KernelHistogram[] = [];
  for (const layer of model.layers) {
    const kernel = layer.weights.find((w) => /(^|\/)kernel$/.test(w.originalName));
    if (!kernel) continue;
    // read() hands back the variable itself: nothing to dispose.
    const values = kernel.read().dataSync();
    layers.push({ layer: layer.name, type: layer.getClassName(), shape: [...kernel.shape] as number[], ...histogram(values, bins) });
  }
  if (layers.length === 0) throw new Error(`weightHistograms: the model "${model.name}" has no layer with a kernel (convolution or dense) to show`);
  const total = layers.reduce((n, l) => n + l.count, 0);
  const spread = layers.map((l) => l.std);
  return {
    kind: "view",
    view: "weights",
    caption:
      `Kernel weights of "${model.name}": ${layers.length} layers, ${String(total).replace(/\B(?=(\d{3})+(?!\d))/g, ",")} values, ` +
      `${bins} bins per layer over its own range · std from ${fmt(Math.min(...spread))} to ${fmt(Math.max(...spread))}`,
    model: model.name,
    bins,
    layers,
  };
}

const fmt = (x: number) => (Math.abs(x) >= 0.01 || x === 0 ? x.toFixed(3) : x.toExponential(2));
