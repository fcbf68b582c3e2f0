/**
 * What Demix Lab keeps in its IndexedDB database (version 2; migrations.ts says how version 1
 * differed and how it is brought forward). Model records and model weights live in separate stores
 * so that listing models never reads megabytes of weights.
 */
import type { DBSchema } from "idb";
import type * as tf from "@tensorflow/tfjs";
import type { UNetConfig } from "../model";
import type { CapturedModel } from "../train/model-format";
import type { StepRecord, TrainingState } from "../train/records";
import type { TrainingTarget } from "../train/sampler";

export const DEFAULT_STORE_NAME = "demix-lab";

/** Where a notebook came from: a shipped file (by name), a file the user imported, or a new one. */
export type NotebookOrigin = `shipped:${string}` | "imported" | "new";

export interface Notebook {
  id: string;
  name: string;
  /** The notebook's `.ts` text in the percent format (`// %%` cells). */
  source: string;
  /** Last change, ms since the epoch. */
  updated: number;
  origin?: NotebookOrigin;
  /** Hash of the shipped file this notebook was copied from, to tell when the shipped one changed. */
  shippedHash?: string;
}

export interface ModelRecord {
  id: string;
  name: string;
  /** ms since the epoch. */
  created: number;
  updated: number;
  /** The U-Net config the model was built with (createUNet(config)). */
  config: UNetConfig;
  target: TrainingTarget;
  /** "paper", "tiny", … when the config came from a preset. */
  preset?: string;
  /** Training steps the weights have seen. */
  trainingStep: number;
  /** Free-form facts, written to model.json's userDefinedMetadata on export (config, target, scores…). */
  metadata: Record<string, unknown>;
  /** Size of the stored weights (optimizer moments included), bytes. */
  bytes: number;
  /** True when training can continue exactly: the training state and optimizer moments are stored. */
  resumable: boolean;
}

/** A model's weights and topology (as tfjs serialises it), in the `modelData` store under the record's id. */
export interface ModelData extends Omit<CapturedModel, "userDefinedMetadata"> {
  id: string;
  training?: TrainingState;
}

export interface RunRecord {
  id: string;
  name: string;
  modelId?: string;
  notebookId?: string;
  /** Whatever configured the run (model config, batch size, schedule…), as the caller records it. */
  config: Record<string, unknown>;
  seed: number;
  /** ms since the epoch. */
  started: number;
  updated: number;
  /** Steps completed (the next step's index). */
  step: number;
  records: StepRecord[];
  /** Scores measured after (or during) the run, e.g. { "vocals SDR": 7.1 }. */
  metrics?: Record<string, number>;
}

export interface DemixSchema extends DBSchema {
  notebooks: { key: string; value: Notebook; indexes: { updated: number } };
  models: { key: string; value: ModelRecord; indexes: { updated: number } };
  modelData: { key: string; value: ModelData };
  runs: { key: string; value: RunRecord; indexes: { updated: number; modelId: string } };
}
