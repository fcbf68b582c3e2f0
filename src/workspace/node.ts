/** Node's side of src/workspace: models by name as folders under .demix/models/ ($DEMIX_HOME). */
import type * as tf from "@tensorflow/tfjs";
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { TrainingRun } from "../session";
import { fromArtifacts } from "../session/artifacts";
import { loadModelDir, readModelDir, writeModelDir } from "../train/model-files";
import { captureModel, capturedFromArtifacts } from "../train/model-format";
import type { LoadedModel, SavedModelInfo } from "./index";

const root = () => resolve(process.env.DEMIX_HOME ?? ".demix", "models");
/** Names become folder names: anything but letters, digits, dot, dash and underscore becomes "-". */
const folderOf = (name: string) => join(root(), name.replace(/[^\w.-]+/g, "-"));

function bytesIn(dir: string): number {
  return readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
}

export async function saveInFolder(name: string, from: TrainingRun | tf.LayersModel, run: boolean, options: { metadata?: Record<string, unknown> }): Promise<SavedModelInfo> {
  const dir = folderOf(name);
  // A run hands over artifacts with its Adam moments: they are written as they are, no model is built.
  const artifacts = run ? await (from as TrainingRun).artifacts() : undefined;
  const captured = artifacts ? capturedFromArtifacts(artifacts) : await captureModel(from as tf.LayersModel);
  const training = artifacts?.training;
  const metadata: Record<string, unknown> = { ...captured.userDefinedMetadata, ...options.metadata, name };
  writeModelDir(dir, { ...captured, userDefinedMetadata: metadata }, training);
  return { name, step: training?.step ?? 0, target: String(metadata.target ?? "vocals"), resumable: Boolean(training), bytes: bytesIn(dir), where: dir };
}

export async function loadFromFolder(name: string): Promise<LoadedModel> {
  const dir = folderOf(name);
  if (!existsSync(dir)) {
    const names = existsSync(root()) ? readdirSync(root()) : [];
    throw new Error(`no model named "${name}" in ${root()}${names.length ? `; there are ${names.map((n) => `"${n}"`).join(", ")}` : " yet: save one with saveModel(name, run)"}`);
  }
  // Read once: the same artifacts build the model here and continue the run in startTraining.
  const { artifacts, training, metadata } = readModelDir(dir);
  return {
    name,
    model: await fromArtifacts(artifacts, true),
    step: training?.step ?? 0,
    training,
    source: { artifacts, ...(training ? { training } : {}) },
    metadata,
  };
}

export async function listFolders(): Promise<SavedModelInfo[]> {
  if (!existsSync(root())) return [];
  const out: SavedModelInfo[] = [];
  for (const f of readdirSync(root()).sort()) {
    const dir = join(root(), f);
    if (!existsSync(join(dir, "model.json"))) continue;
    const trainingPath = join(dir, "training.json");
    const model = JSON.parse(readFileSync(join(dir, "model.json"), "utf8"));
    const training = existsSync(trainingPath) ? JSON.parse(readFileSync(trainingPath, "utf8")) : undefined;
    const meta = model.userDefinedMetadata ?? {};
    out.push({ name: meta.name ?? f, step: training?.step ?? 0, target: meta.target ?? "vocals", resumable: Boolean(training), bytes: bytesIn(dir), where: dir });
  }
  return out;
}

export async function deleteFolder(name: string): Promise<void> {
  rmSync(folderOf(name), { recursive: true, force: true });
}

/** models/<name> of this repository (beside src/), whatever the working directory. */
export async function loadShippedFolder(name: string): Promise<tf.LayersModel> {
  const dir = fileURLToPath(new URL(`../../models/${name}`, import.meta.url));
  if (!existsSync(dir)) throw new Error(`no shipped model "${name}" at ${dir}`);
  return (await loadModelDir(dir)).model;
}
