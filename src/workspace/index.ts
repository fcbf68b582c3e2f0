/**
 * Models saved by name wherever the code runs, so one notebook works in the page and in Node: in a
 * page, the browser's IndexedDB store (src/store); in Node, model folders under `.demix/models/`
 * (or $DEMIX_HOME/models/) in the format `demix train` writes and `demix separate --model` reads.
 * Saving under a name that exists replaces that model (a checkpoint of the same work).
 */
import type * as tf from "@tensorflow/tfjs";
import type { ModelSource, TrainingRun } from "../session";
import type { TrainingState } from "../train/records";

export interface SavedModelInfo {
  name: string;
  /** Training steps the weights have seen. */
  step: number;
  target: string;
  /** Saved with its optimizer moments and run state: training can continue exactly. */
  resumable: boolean;
  bytes: number;
  /** Where it is: "browser" or the folder's path. */
  where: string;
}

export interface LoadedModel {
  name: string;
  model: tf.LayersModel;
  step: number;
  training?: TrainingState;
  /** Pass as `startTraining({ model: loaded.source, … })` to continue the run exactly. */
  source: ModelSource;
  metadata: Record<string, unknown>;
}

/** What can be saved: a training run (its weights, optimizer moments and state) or a model. */
export type Saveable = TrainingRun | tf.LayersModel;

const isRun = (x: Saveable): x is TrainingRun => typeof (x as TrainingRun).artifacts === "function";
const inPage = () => typeof window !== "undefined" && typeof indexedDB !== "undefined";

export async function saveModel(name: string, from: Saveable, options: { metadata?: Record<string, unknown> } = {}): Promise<SavedModelInfo> {
  if (typeof name !== "string" || !name.trim()) throw new Error("saveModel: give the model a name, e.g. saveModel(\"my U-Net\", run)");
  return inPage() ? (await import("./browser")).saveInBrowser(name.trim(), from, isRun(from), options) : (await nodeSide()).saveInFolder(name.trim(), from, isRun(from), options);
}

export async function loadModel(name: string): Promise<LoadedModel> {
  return inPage() ? (await import("./browser")).loadFromBrowser(name) : (await nodeSide()).loadFromFolder(name);
}

export async function listModels(): Promise<SavedModelInfo[]> {
  return inPage() ? (await import("./browser")).listInBrowser() : (await nodeSide()).listFolders();
}

export async function deleteModel(name: string): Promise<void> {
  return inPage() ? (await import("./browser")).deleteInBrowser(name) : (await nodeSide()).deleteFolder(name);
}

/**
 * The model shipped in models/default (or models/<name>), the one `demix separate` uses when none
 * is named: in the page it is served with the app, in Node it is read from the repository. No
 * network beyond the page's own server.
 */
export async function loadShippedModel(name = "default"): Promise<tf.LayersModel> {
  if (!/^[\w.-]+$/.test(name)) throw new Error(`loadShippedModel: "${name}" is not a folder name under models/`);
  const tfjs = await import("@tensorflow/tfjs");
  // Loading builds weights, which needs a started backend; a notebook may not have trained first.
  if (!tfjs.engine().backendName) await (await import("../backend")).initBackend();
  if (inPage()) {
    const base = (import.meta as { env?: { BASE_URL?: string } }).env?.BASE_URL ?? "/";
    const url = `${base}models/${name}/model.json`;
    try {
      return await tfjs.loadLayersModel(url);
    } catch (e) {
      throw new Error(`the shipped model ${url} could not be loaded: ${(e as Error).message}`);
    }
  }
  return (await nodeSide()).loadShippedFolder(name);
}

// Hidden from bundlers: the page never loads the Node side (it uses node:fs).
const NODE_SIDE = "./node";
async function nodeSide(): Promise<typeof import("./node")> {
  return import(/* @vite-ignore */ NODE_SIDE);
}
