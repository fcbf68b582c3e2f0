/**
 * Node-only: a model folder on disk in tfjs's own layers-model format (model.json + weights.bin, the
 * format `tf.loadLayersModel` reads over http too), plus `training.json` holding the run's state, so
 * a saved run continues exactly where it stopped. Optimizer moments are included when the model
 * has an optimizer (about twice the weights' size). The format itself lives in model-format.ts,
 * shared with the browser store.
 */
import * as tf from "@tensorflow/tfjs";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync, renameSync } from "node:fs";
import { join } from "node:path";
import { captureModel, checkWeightBytes, loadableArtifacts, modelJson, MODEL_FILE, parseModelJson, restoreAdamPowers, TRAINING_FILE, WEIGHTS_FILE, type CapturedModel } from "./model-format";
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
  if (options.metadata) model.setUserDefinedMetadata(options.metadata);
  const captured = await captureModel(model, { includeOptimizer: options.includeOptimizer, float16: options.float16 });
  writeModelDir(dir, captured, options.training);
}

/** Writes a captured model (and a run's state) as a model folder; no tfjs model is needed. */
export function writeModelDir(dir: string, captured: CapturedModel, training?: TrainingState): void {
  mkdirSync(dir, { recursive: true });
  // Write next to the target and rename, so an interrupted save never leaves half a model.
  atomicWrite(join(dir, WEIGHTS_FILE), new Uint8Array(captured.weightData));
  atomicWrite(join(dir, MODEL_FILE), JSON.stringify(modelJson(captured)));
  if (training) atomicWrite(join(dir, TRAINING_FILE), JSON.stringify(training));
}

function atomicWrite(path: string, data: string | Uint8Array): void {
  writeFileSync(path + ".partial", data);
  renameSync(path + ".partial", path);
}

/** A model folder's artifacts and run state, read and checked, without building the model. */
export function readModelDir(dir: string): { artifacts: tf.io.ModelArtifacts; training?: TrainingState; metadata: Record<string, unknown> } {
  const jsonPath = join(dir, MODEL_FILE);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`model folder ${dir} does not exist`);
  if (!existsSync(jsonPath)) throw new Error(`${dir} holds no model.json: not a saved model folder`);
  const json = parseModelJson(readFileSync(jsonPath, "utf8"), jsonPath);
  const specs = json.weightsManifest.flatMap((m) => m.weights);
  const buffers = json.weightsManifest.flatMap((m) => m.paths.map((p) => readFileSync(join(dir, p))));
  const weightData = tf.io.concatenateArrayBuffers(buffers.map((b) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer));
  checkWeightBytes(specs, weightData, dir);
  const trainingPath = join(dir, TRAINING_FILE);
  const training = existsSync(trainingPath) ? (JSON.parse(readFileSync(trainingPath, "utf8")) as TrainingState) : undefined;
  return { artifacts: loadableArtifacts({ ...json, weightSpecs: specs, weightData }), training, metadata: json.userDefinedMetadata ?? {} };
}

export async function loadModelDir(dir: string): Promise<SavedModel> {
  const { artifacts, training, metadata } = readModelDir(dir);
  const model = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  restoreAdamPowers(model);
  return { model, training, metadata };
}
