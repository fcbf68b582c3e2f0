/** Node's side of src/workspace: models by name as folders under .demix/models/ ($DEMIX_HOME). */
import type * as tf from "@tensorflow/tfjs";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import type { TrainingRun } from "../session";
import { loadModelDir, saveModelDir } from "../train/model-files";
import { captureModel, loadableArtifacts } from "../train/model-format";
import type { LoadedModel, SavedModelInfo } from "./index";

const root = () => resolve(process.env.DEMIX_HOME ?? ".demix", "models");
/** Names become folder names: anything but letters, digits, dot, dash and underscore becomes "-". */
const folderOf = (name: string) => join(root(), name.replace(/[^\w.-]+/g, "-"));

function bytesIn(dir: string): number {
  return readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
}

export async function saveInFolder(name: string, from: TrainingRun | tf.LayersModel, run: boolean, options: { metadata?: Record<string, unknown> }): Promise<SavedModelInfo> {
  const dir = folderOf(name);
  const tf = await import("@tensorflow/tfjs");
  let model: tf.LayersModel;
  let training;
  if (run) {
    const artifacts = await (from as TrainingRun).artifacts();
    training = artifacts.training;
    model = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  } else {
    model = from as tf.LayersModel;
  }
  const metadata: Record<string, unknown> = { ...((model.getUserDefinedMetadata() as Record<string, unknown>) ?? {}), ...options.metadata, name };
  await saveModelDir(model, dir, { training, metadata });
  if (run) model.dispose();
  return { name, step: training?.step ?? 0, target: String(metadata.target ?? "vocals"), resumable: Boolean(training), bytes: bytesIn(dir), where: dir };
}

export async function loadFromFolder(name: string): Promise<LoadedModel> {
  const dir = folderOf(name);
  if (!existsSync(dir)) {
    const names = existsSync(root()) ? readdirSync(root()) : [];
    throw new Error(`no model named "${name}" in ${root()}${names.length ? `; there are ${names.map((n) => `"${n}"`).join(", ")}` : " yet: save one with saveModel(name, run)"}`);
  }
  const saved = await loadModelDir(dir);
  const artifacts = loadableArtifacts({ ...(await captureModel(saved.model, { includeOptimizer: Boolean(saved.training) })), userDefinedMetadata: saved.metadata });
  return {
    name,
    model: saved.model,
    step: saved.training?.step ?? 0,
    training: saved.training,
    source: { artifacts, ...(saved.training ? { training: saved.training } : {}) },
    metadata: saved.metadata,
  };
}

export async function listFolders(): Promise<SavedModelInfo[]> {
  if (!existsSync(root())) return [];
  const out: SavedModelInfo[] = [];
  for (const f of readdirSync(root()).sort()) {
    const dir = join(root(), f);
    if (!existsSync(join(dir, "model.json"))) continue;
    const trainingPath = join(dir, "training.json");
    const { readFileSync } = await import("node:fs");
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
