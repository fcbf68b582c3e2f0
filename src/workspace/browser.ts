/** The page's side of src/workspace: models by name in the browser's store. */
import { openStore, type ModelRecord, type Store } from "../store";
import type { TrainingRun } from "../session";
import { fromArtifacts } from "../session/artifacts";
import type * as tf from "@tensorflow/tfjs";
import type { LoadedModel, SavedModelInfo } from "./index";

let store: Promise<Store> | undefined;
const open = () => (store ??= openStore());

/** Tells the page (the workbench's sidebar) that the stored models or runs changed. */
const changed = () => dispatchEvent(new Event("demix:store-changed"));

const info = (r: ModelRecord): SavedModelInfo => ({ name: r.name, step: r.trainingStep, target: r.target, resumable: r.resumable, bytes: r.bytes, where: "browser" });

async function byName(name: string): Promise<ModelRecord | undefined> {
  return (await (await open()).models.list()).find((m) => m.name === name);
}

export async function saveInBrowser(name: string, from: TrainingRun | tf.LayersModel, run: boolean, options: { metadata?: Record<string, unknown> }): Promise<SavedModelInfo> {
  const s = await open();
  const existing = await byName(name);
  const artifacts = run ? await (from as TrainingRun).artifacts() : undefined;
  const record = artifacts
    ? await s.models.saveArtifacts(name, artifacts, { metadata: options.metadata, id: existing?.id })
    : await s.models.saveModel(name, from as tf.LayersModel, { metadata: options.metadata, id: existing?.id });
  if (artifacts) {
    // The run's step records go with it, so the sidebar's Runs list shows its curve.
    const state = artifacts.training;
    const runs = await s.runs.list({ modelId: record.id });
    if (runs[0]) await s.runs.appendRecords(runs[0].id, state.records);
    else await s.runs.create({ name, modelId: record.id, config: { ...record.metadata, batchSize: state.batchSize, schedule: state.schedule }, seed: state.seed, records: state.records });
  }
  changed();
  return info(record);
}

export async function loadFromBrowser(name: string): Promise<LoadedModel> {
  const s = await open();
  const record = await byName(name);
  if (!record) {
    const names = (await s.models.list()).map((m) => `"${m.name}"`);
    throw new Error(`no model named "${name}" in this browser${names.length ? `; there are ${names.join(", ")}` : " yet: save one with saveModel(name, run)"}`);
  }
  // Read once: the same artifacts build the model here and continue the run in startTraining.
  const { record: _, training, ...artifacts } = await s.models.loadArtifacts(record.id);
  const model = await fromArtifacts(artifacts, true);
  return { name, model, step: record.trainingStep, training, source: { artifacts, ...(training ? { training } : {}) }, metadata: record.metadata };
}

export async function listInBrowser(): Promise<SavedModelInfo[]> {
  return (await (await open()).models.list()).map(info);
}

export async function deleteInBrowser(name: string): Promise<void> {
  const s = await open();
  const record = await byName(name);
  if (record) await s.models.delete(record.id);
  changed();
}
