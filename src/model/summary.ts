import type * as tf from "@tensorflow/tfjs";

export interface LayerSummary {
  name: string;
  /** The tfjs class name: Conv2D, BatchNormalization, LeakyReLU, … */
  type: string;
  /** null for the batch dimension. */
  outputShape: (number | null)[];
  /** All of the layer's parameters, trainable or not. */
  params: number;
  trainableParams: number;
  /** Whether the layer's weights are updated in training (layer.trainable). */
  trainable: boolean;
  /** Names of the layers feeding it, e.g. both halves of a skip concatenation. */
  inputs: string[];
}

export interface ModelSummary {
  name: string;
  layers: LayerSummary[];
  trainableParams: number;
  /** Batch norm's moving mean and variance, updated by training but not by gradients. */
  nonTrainableParams: number;
  totalParams: number;
}

// A weight's shape is always fully known; the null in its type is for symbolic tensors.
const size = (w: tf.LayerVariable) => w.shape.reduce((a: number, b) => a * (b ?? 0), 1);
const sum = (ws: tf.LayerVariable[]) => ws.reduce((n, w) => n + size(w), 0);

/** A plain, JSON-ready description of a model's layers and parameter counts. */
export function summarizeModel(model: tf.LayersModel): ModelSummary {
  const layers = model.layers.map((layer): LayerSummary => {
    const shape = layer.outputShape;
    // Every layer here has one output; a multi-output layer reports its first.
    const outputShape = (Array.isArray(shape[0]) ? shape[0] : shape) as (number | null)[];
    return {
      name: layer.name,
      type: layer.getClassName(),
      outputShape: [...outputShape],
      params: sum(layer.weights),
      trainableParams: sum(layer.trainableWeights),
      trainable: layer.trainable,
      inputs: layer.inboundNodes.flatMap((node) => node.inboundLayers.map((l) => l.name)),
    };
  });
  const trainableParams = sum(model.trainableWeights);
  const nonTrainableParams = sum(model.nonTrainableWeights);
  return { name: model.name, layers, trainableParams, nonTrainableParams, totalParams: trainableParams + nonTrainableParams };
}

/** 9823313 → "9,823,313", the same in every locale so output and tests are stable. */
export function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** A text table like Keras's model.summary(): layer, type, output shape, parameters, inputs. */
export function formatSummary(summary: ModelSummary): string {
  const header = ["Layer", "Type", "Output shape", "Params", "Inputs"];
  const rows = summary.layers.map((l) => [
    l.name,
    l.type,
    `[${l.outputShape.map((d) => d ?? "batch").join(", ")}]`,
    groupThousands(l.params),
    l.inputs.join(", "),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (c === 3 ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join("  ")
      .trimEnd();
  const rule = "─".repeat(widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1));
  const totals = [
    ["Trainable params", summary.trainableParams],
    ["Non-trainable params", summary.nonTrainableParams],
    ["Total params", summary.totalParams],
  ] as const;
  const labelWidth = Math.max(...totals.map(([label]) => label.length));
  const numberWidth = Math.max(...totals.map(([, n]) => groupThousands(n).length));
  return [
    `Model "${summary.name}"`,
    rule,
    line(header),
    rule,
    ...rows.map(line),
    rule,
    ...totals.map(([label, n]) => `${`${label}:`.padEnd(labelWidth + 1)} ${groupThousands(n).padStart(numberWidth)}`),
  ].join("\n");
}
