/**
 * Models ⇄ files in the folder format of src/train/model-files.ts (model.json + weights.bin +
 * training.json), so an exported model is what `demix separate --model` and `demix train --resume`
 * read, and a folder they wrote (or the shipped models/default) imports.
 */
import { checkWeightBytes, modelJson, MODEL_FILE, parseModelJson, TRAINING_FILE, WEIGHTS_FILE } from "../train/model-format";
import type { TrainingState } from "../train/records";
import { StoreError } from "./errors";
import type { ModelData, ModelRecord } from "./schema";

/** The files of a model folder, named as `demix` writes them. */
export function modelFolderFiles(record: ModelRecord, data: ModelData): File[] {
  const json = modelJson({ ...data, userDefinedMetadata: record.metadata });
  const files = [
    new File([JSON.stringify(json)], MODEL_FILE, { type: "application/json" }),
    new File([data.weightData], WEIGHTS_FILE, { type: "application/octet-stream" }),
  ];
  if (data.training) files.push(new File([JSON.stringify(data.training)], TRAINING_FILE, { type: "application/json" }));
  return files;
}

/** A model folder's contents read from files, not yet stored. */
export interface ModelFolder {
  /** The folder's name when the files came from a folder pick (webkitRelativePath). */
  folder?: string;
  data: Omit<ModelData, "id">;
  metadata: Record<string, unknown>;
}

/** Reads model.json, its weight files and training.json (when present) from `files`; other files are ignored. */
export async function readModelFolder(files: File[]): Promise<ModelFolder> {
  const byName = new Map(files.map((f) => [f.name, f]));
  const names = files.map((f) => f.name).join(", ") || "none";
  const jsonFile = byName.get(MODEL_FILE);
  if (!jsonFile) throw new StoreError(`the chosen files hold no ${MODEL_FILE} (got: ${names}); choose all files of a saved model folder`, "invalid");
  let json;
  try {
    json = parseModelJson(await jsonFile.text(), MODEL_FILE);
  } catch (e) {
    throw new StoreError((e as Error).message, "invalid", { cause: e });
  }
  const paths = json.weightsManifest.flatMap((m) => m.paths);
  const missing = paths.filter((p) => !byName.has(basename(p)));
  if (missing.length) {
    throw new StoreError(`${MODEL_FILE} needs ${missing.join(", ")}, which is not among the chosen files (got: ${names}); choose all files of the model folder`, "invalid");
  }
  const parts = await Promise.all(paths.map((p) => byName.get(basename(p))!.arrayBuffer()));
  const weightData = concat(parts);
  const weightSpecs = json.weightsManifest.flatMap((m) => m.weights);
  try {
    checkWeightBytes(weightSpecs, weightData, "the chosen model files");
  } catch (e) {
    throw new StoreError((e as Error).message, "invalid", { cause: e });
  }
  let training: TrainingState | undefined;
  const trainingFile = byName.get(TRAINING_FILE);
  if (trainingFile) {
    try {
      training = JSON.parse(await trainingFile.text());
    } catch (e) {
      throw new StoreError(`${TRAINING_FILE} is not valid JSON (${(e as Error).message}); import the model without it to use it for separation only`, "invalid");
    }
  }
  const relative = (jsonFile as File & { webkitRelativePath?: string }).webkitRelativePath;
  return {
    folder: relative?.includes("/") ? relative.split("/").at(-2) : undefined,
    metadata: json.userDefinedMetadata ?? {},
    data: {
      format: json.format ?? "layers-model",
      generatedBy: json.generatedBy,
      modelTopology: json.modelTopology,
      trainingConfig: json.trainingConfig,
      weightSpecs,
      weightData,
      ...(training ? { training } : {}),
    },
  };
}

function basename(path: string): string {
  return path.split("/").at(-1)!;
}

function concat(parts: ArrayBuffer[]): ArrayBuffer {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(new Uint8Array(p), at);
    at += p.byteLength;
  }
  return out.buffer;
}
