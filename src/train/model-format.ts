/**
 * The model folder format, browser-safe: what `model.json` holds, how a model's weights (and
 * optimizer moments) are captured and checked, and float16 packing. Shared by the Node folder
 * reader/writer (model-files.ts), the browser store (src/store) and the training session, so a
 * model exported from the browser is exactly what `demix separate --model` and
 * `demix train --resume` read.
 */
import * as tf from "@tensorflow/tfjs";
import { encodeFloat16 } from "./float16";

export const MODEL_FILE = "model.json";
export const WEIGHTS_FILE = "weights.bin";
export const TRAINING_FILE = "training.json";

/** The contents of model.json: tfjs's layers-model JSON with one weights manifest. */
export interface ModelJson {
  format: string;
  generatedBy?: string;
  convertedBy?: string | null;
  modelTopology: tf.io.ModelArtifacts["modelTopology"];
  trainingConfig?: tf.io.TrainingConfig;
  userDefinedMetadata?: Record<string, unknown>;
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
}

/** A model as tfjs serialises it, its weights in one buffer. */
export interface CapturedModel {
  format: string;
  generatedBy?: string;
  modelTopology: tf.io.ModelArtifacts["modelTopology"];
  /** Present when the optimizer was included: tfjs rebuilds and compiles the optimizer from it. */
  trainingConfig?: tf.io.TrainingConfig;
  /** Model weights, then the optimizer's (group "optimizer") when included. */
  weightSpecs: tf.io.WeightsManifestEntry[];
  weightData: ArrayBuffer;
  userDefinedMetadata?: Record<string, unknown>;
}

/**
 * Serialises `model` through tfjs's own save path (the one `model.save` uses), so optimizer moments
 * are laid out exactly as tfjs reloads them. The optimizer is included by default when the model has one.
 */
export async function captureModel(model: tf.LayersModel, options: { includeOptimizer?: boolean; float16?: boolean } = {}): Promise<CapturedModel> {
  let captured: CapturedModel | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      let weightData = artifacts.weightData ? tf.io.concatenateArrayBuffers(artifacts.weightData as ArrayBuffer | ArrayBuffer[]) : new ArrayBuffer(0);
      let weightSpecs = artifacts.weightSpecs ?? [];
      if (options.float16) [weightData, weightSpecs] = toFloat16(weightData, weightSpecs);
      captured = {
        format: artifacts.format ?? "layers-model",
        generatedBy: artifacts.generatedBy,
        modelTopology: artifacts.modelTopology,
        trainingConfig: artifacts.trainingConfig,
        weightSpecs,
        weightData,
        userDefinedMetadata: artifacts.userDefinedMetadata as Record<string, unknown> | undefined,
      };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON", weightDataBytes: weightData.byteLength } };
    }),
    { includeOptimizer: options.includeOptimizer ?? model.optimizer != null },
  );
  if (!captured) throw new Error("tfjs saved the model without handing over its artifacts");
  return captured;
}

/** Artifacts as tfjs or a training run hands them over, with their weights in one buffer. */
export function capturedFromArtifacts(artifacts: tf.io.ModelArtifacts): CapturedModel {
  return {
    format: artifacts.format ?? "layers-model",
    ...(artifacts.generatedBy ? { generatedBy: artifacts.generatedBy } : {}),
    modelTopology: artifacts.modelTopology,
    ...(artifacts.trainingConfig ? { trainingConfig: artifacts.trainingConfig } : {}),
    weightSpecs: artifacts.weightSpecs ?? [],
    weightData: artifacts.weightData ? tf.io.concatenateArrayBuffers(artifacts.weightData as ArrayBuffer | ArrayBuffer[]) : new ArrayBuffer(0),
    ...(artifacts.userDefinedMetadata ? { userDefinedMetadata: artifacts.userDefinedMetadata as Record<string, unknown> } : {}),
  };
}

/** model.json for a captured model whose weights lie in `paths` (one file, weights.bin, by default). */
export function modelJson(model: Omit<CapturedModel, "weightData">, paths: string[] = [WEIGHTS_FILE]): ModelJson {
  return {
    format: model.format,
    generatedBy: model.generatedBy,
    convertedBy: "demix-lab",
    modelTopology: model.modelTopology,
    trainingConfig: model.trainingConfig,
    userDefinedMetadata: model.userDefinedMetadata,
    weightsManifest: [{ paths, weights: model.weightSpecs }],
  };
}

/** Parses model.json; `where` names it in errors (a path, or "model.json of the chosen files"). */
export function parseModelJson(text: string, where: string): ModelJson {
  let json: ModelJson;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${where} is not valid JSON (${(e as Error).message}); the model folder is damaged`);
  }
  if (!json || typeof json !== "object" || !json.modelTopology || !Array.isArray(json.weightsManifest)) {
    throw new Error(`${where} is not a tfjs layers model (no modelTopology or weightsManifest); choose the model.json of a saved model folder`);
  }
  return json;
}

/** Bytes the weights described by `specs` occupy. */
export function weightBytes(specs: tf.io.WeightsManifestEntry[]): number {
  return specs.reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1) * bytesPer(s.dtype, s.quantization), 0);
}

/** Throws when `data` is not exactly the size `specs` describe (a truncated or mismatched weights file). */
export function checkWeightBytes(specs: tf.io.WeightsManifestEntry[], data: ArrayBuffer, where: string): void {
  const expected = weightBytes(specs);
  if (data.byteLength !== expected) {
    throw new Error(`${where}: weights hold ${data.byteLength} bytes but model.json describes ${expected}; the model folder is damaged or incomplete`);
  }
}

/** True when the weights include an optimizer's state (tfjs marks those specs with group "optimizer"). */
export function hasOptimizerWeights(specs: tf.io.WeightsManifestEntry[]): boolean {
  return specs.some((s) => s.group === "optimizer");
}

/** Artifacts for `tf.loadLayersModel(tf.io.fromMemory(…))`. */
export function loadableArtifacts(model: CapturedModel): tf.io.ModelArtifacts {
  return {
    modelTopology: model.modelTopology,
    weightSpecs: model.weightSpecs,
    weightData: model.weightData,
    trainingConfig: model.trainingConfig,
    userDefinedMetadata: model.userDefinedMetadata as tf.io.ModelArtifacts["userDefinedMetadata"],
  };
}

/**
 * Makes a loaded Adam optimizer continue bit for bit. tfjs restores β₁ᵗ and β₂ᵗ with pow(β, t + 1),
 * while training keeps them as a running product; the two differ in the last bits, so every update
 * after a load drifted by ~1e-7 from the run that never stopped. The running product is recomputed
 * here the way training forms it (a float32 product, which Math.fround reproduces exactly).
 */
export function restoreAdamPowers(model: tf.LayersModel): void {
  const optimizer = model.optimizer as unknown as AdamInternals | undefined;
  if (!optimizer || optimizer.getClassName() !== "Adam" || !optimizer.accBeta1 || !optimizer.accBeta2) return;
  const power = (beta: number) => {
    const b = Math.fround(beta);
    let acc = b;
    for (let i = 0; i < optimizer.iterations; i++) acc = Math.fround(acc * b);
    return acc;
  };
  tf.tidy(() => {
    optimizer.accBeta1!.assign(tf.scalar(power(optimizer.beta1)));
    optimizer.accBeta2!.assign(tf.scalar(power(optimizer.beta2)));
  });
}

/** The fields of tfjs's AdamOptimizer that restoreAdamPowers sets (private in its typings). */
interface AdamInternals {
  getClassName(): string;
  iterations: number;
  beta1: number;
  beta2: number;
  accBeta1?: tf.Variable;
  accBeta2?: tf.Variable;
}

/** float32 weights → float16 (`quantization: { dtype: "float16" }`), which tfjs expands on load. */
export function toFloat16(data: ArrayBuffer, specs: tf.io.WeightsManifestEntry[]): [ArrayBuffer, tf.io.WeightsManifestEntry[]] {
  const parts: Uint8Array[] = [];
  let offset = 0;
  const out = specs.map((spec) => {
    const bytes = spec.shape.reduce((a, b) => a * b, 1) * bytesPer(spec.dtype, spec.quantization);
    const chunk = new Uint8Array(data, offset, bytes);
    offset += bytes;
    if (spec.dtype !== "float32" || spec.quantization) {
      parts.push(chunk);
      return spec;
    }
    parts.push(new Uint8Array(encodeFloat16(new Float32Array(data.slice(chunk.byteOffset, chunk.byteOffset + bytes))).buffer));
    return { ...spec, quantization: { dtype: "float16" as const } };
  });
  const joined = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    joined.set(p, at);
    at += p.byteLength;
  }
  return [joined.buffer, out];
}

function bytesPer(dtype: string, quantization?: { dtype: string }): number {
  if (quantization) return quantization.dtype === "uint8" ? 1 : 2;
  return dtype === "float32" || dtype === "int32" ? 4 : dtype === "bool" ? 1 : 4;
}
