import type * as tf from "@tensorflow/tfjs";
import { inferenceModel, type InferenceModel } from "./inference";

/**
 * Compiled models kept between separations. Compiling the paper U-Net takes ~70–150 ms, and its new
 * weights make the wasm backend cut its transposed-convolution filters and XNNPACK pack them again
 * on the first batch: kept, a 3-minute separation was ~250 ms faster in Node (bench/NOTES.md).
 *
 * An entry is valid while the model's weights are the ones it was compiled from: training assigns
 * every weight new data (a new data id), so a model trained since is compiled again. Entries whose
 * model has been disposed, or the oldest beyond `MAX_KEPT`, are freed at the next call;
 * `releaseInferenceModels` frees them all at once.
 */

/** Models kept at once; each holds a copy of its weights (39 MB for the paper U-Net). */
const MAX_KEPT = 2;

interface Entry {
  model: tf.LayersModel;
  /** Data ids of the model's weights when compiled, in order. */
  data: object[];
  compiled: InferenceModel;
}

const kept: Entry[] = [];

/** Data ids of the model's weights, or null once the model is disposed (reading a disposed weight throws). */
function dataIds(model: tf.LayersModel): object[] | null {
  try {
    return model.weights.map((w) => w.read().dataId);
  } catch {
    return null;
  }
}

/**
 * `inferenceModel(model)`, compiled once per set of weights and kept (see above). Do not dispose
 * what it returns: it belongs to the cache.
 */
export function keptInferenceModel(model: tf.LayersModel): InferenceModel {
  // Drop what is stale: disposed models, and this model's previous weights.
  for (let i = kept.length - 1; i >= 0; i--) {
    const now = dataIds(kept[i].model);
    const same = now !== null && now.length === kept[i].data.length && now.every((id, k) => id === kept[i].data[k]);
    if (!same) kept.splice(i, 1)[0].compiled.dispose();
  }
  const at = kept.findIndex((e) => e.model === model);
  if (at >= 0) {
    const [entry] = kept.splice(at, 1);
    kept.push(entry);
    return entry.compiled;
  }
  const data = dataIds(model);
  const compiled = inferenceModel(model);
  // A model that does not compile holds no tensors of its own: nothing to keep.
  if (!data || !compiled.compiled) return compiled;
  kept.push({ model, data, compiled });
  while (kept.length > MAX_KEPT) kept.shift()!.compiled.dispose();
  return compiled;
}

/** Frees every kept compiled model (their tensors; the models themselves are untouched). */
export function releaseInferenceModels(): void {
  for (const entry of kept.splice(0)) entry.compiled.dispose();
}
