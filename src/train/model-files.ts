/**
 * Node-only: a model folder on disk in tfjs's own layers-model format (model.json + weights.bin, the
 * format `tf.loadLayersModel` reads over http too), plus `training.json` holding the run's state, so
 * a saved run continues exactly where it stopped. Optimizer moments are included when the model
 * has an optimizer (about twice the weights' size).
 */
import * as tf from "@tensorflow/tfjs";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync, renameSync } from "node:fs";
import { join } from "node:path";
import { encodeFloat16 } from "./float16";
import type { TrainingState } from "./records";

export interface SavedModel {
  model: tf.LayersModel;
  /** Present when the folder holds a training run's state. */
  training?: TrainingState;
  /** Free-form facts stored with the model (its config, target, scores…). */
  metadata: Record<string, unknown>;
}

export async function saveModelDir(
  model: tf.LayersModel,
  dir: string,
  options: {
    training?: TrainingState;
    metadata?: Record<string, unknown>;
    includeOptimizer?: boolean;
    /** Store float32 weights as float16 (half the size; tfjs expands them on load). */
    float16?: boolean;
  } = {},
): Promise<void> {
  mkdirSync(dir, { recursive: true });
  if (options.metadata) model.setUserDefinedMetadata(options.metadata);
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      let weights: Buffer = artifacts.weightData ? Buffer.from(tf.io.concatenateArrayBuffers(artifacts.weightData as ArrayBuffer | ArrayBuffer[])) : Buffer.alloc(0);
      let specs = artifacts.weightSpecs ?? [];
      if (options.float16) [weights, specs] = toFloat16(weights, specs);
      const json = {
        format: artifacts.format ?? "layers-model",
        generatedBy: artifacts.generatedBy,
        convertedBy: "demix-lab",
        modelTopology: artifacts.modelTopology,
        trainingConfig: artifacts.trainingConfig,
        userDefinedMetadata: artifacts.userDefinedMetadata,
        weightsManifest: [{ paths: ["weights.bin"], weights: specs }],
      };
      // Write next to the target and rename, so an interrupted save never leaves half a model.
      atomicWrite(join(dir, "weights.bin"), weights);
      atomicWrite(join(dir, "model.json"), JSON.stringify(json));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON", weightDataBytes: weights.byteLength } };
    }),
    { includeOptimizer: options.includeOptimizer ?? model.optimizer != null },
  );
  if (options.training) atomicWrite(join(dir, "training.json"), JSON.stringify(options.training));
}

function toFloat16(data: Buffer, specs: tf.io.WeightsManifestEntry[]): [Buffer, tf.io.WeightsManifestEntry[]] {
  const parts: Buffer[] = [];
  let offset = 0;
  const out = specs.map((spec) => {
    const count = spec.shape.reduce((a, b) => a * b, 1);
    const bytes = count * (spec.dtype === "float32" || spec.dtype === "int32" ? 4 : 1);
    const chunk = data.subarray(offset, offset + bytes);
    offset += bytes;
    if (spec.dtype !== "float32" || spec.quantization) {
      parts.push(chunk);
      return spec;
    }
    const values = new Float32Array(chunk.buffer.slice(chunk.byteOffset, chunk.byteOffset + bytes));
    parts.push(Buffer.from(encodeFloat16(values).buffer));
    return { ...spec, quantization: { dtype: "float16" as const } };
  });
  return [Buffer.concat(parts), out];
}

function atomicWrite(path: string, data: string | Buffer): void {
  writeFileSync(path + ".partial", data);
  renameSync(path + ".partial", path);
}

export async function loadModelDir(dir: string): Promise<SavedModel> {
  const jsonPath = join(dir, "model.json");
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`model folder ${dir} does not exist`);
  if (!existsSync(jsonPath)) throw new Error(`${dir} holds no model.json: not a saved model folder`);
  let json: {
    modelTopology: tf.io.ModelArtifacts["modelTopology"];
    trainingConfig?: tf.io.TrainingConfig;
    userDefinedMetadata?: Record<string, unknown>;
    weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  };
  try {
    json = JSON.parse(readFileSync(jsonPath, "utf8"));
  } catch (e) {
    throw new Error(`${jsonPath} is not valid JSON (${(e as Error).message}); the model folder is damaged`);
  }
  const specs = json.weightsManifest.flatMap((m) => m.weights);
  const buffers = json.weightsManifest.flatMap((m) => m.paths.map((p) => readFileSync(join(dir, p))));
  const weightData = tf.io.concatenateArrayBuffers(buffers.map((b) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer));
  const expected = specs.reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1) * bytesPer(s.dtype, s.quantization), 0);
  if (weightData.byteLength !== expected) {
    throw new Error(`${dir}: weights hold ${weightData.byteLength} bytes but model.json describes ${expected}; the model folder is damaged or incomplete`);
  }
  const model = await tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: specs,
      weightData,
      trainingConfig: json.trainingConfig,
      userDefinedMetadata: json.userDefinedMetadata,
    }),
  );
  const trainingPath = join(dir, "training.json");
  const training = existsSync(trainingPath) ? (JSON.parse(readFileSync(trainingPath, "utf8")) as TrainingState) : undefined;
  return { model, training, metadata: json.userDefinedMetadata ?? {} };
}

function bytesPer(dtype: string, quantization?: { dtype: string }): number {
  if (quantization) return quantization.dtype === "uint8" ? 1 : 2;
  return dtype === "float32" || dtype === "int32" ? 4 : dtype === "bool" ? 1 : 4;
}
