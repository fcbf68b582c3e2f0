import type * as tf from "@tensorflow/tfjs";
import type { BackendInfo } from "../backend";
import type { AugmentOptions, StemTrack, StepRecord, TrainingState, TrainingTarget } from "../train";

/** Where the model comes from: a fresh U-Net of a preset, or saved artifacts. */
export type ModelSource =
  | { preset: "paper" | "tiny"; seed?: number; target?: TrainingTarget }
  /**
   * Saved weights. With `training` (or artifacts from `TrainingRun.artifacts()`, which carry it),
   * the run continues exactly: same Adam moments, step count, schedule and data order. Without it,
   * a new run starts from these weights with a fresh optimizer (fine-tuning).
   */
  | { artifacts: tf.io.ModelArtifacts; training?: TrainingState };

/** Songs of the built-in generator (src/data), made where the model trains: seeds seed, seed+1, … */
export interface GeneratedData {
  songs: number;
  seconds: number;
  seed: number;
  /** Default 8192 Hz, the model's rate (a higher rate is only resampled down again). */
  sampleRate?: number;
}

/**
 * Training tracks. In a browser the tracks' sample buffers are transferred to the worker, not
 * copied: the caller's Float32Arrays are empty afterwards (pass copies to keep them).
 */
export type DataSource = { generated: GeneratedData } | { tracks: StemTrack[] };

export interface TrainingOptions {
  /** Default: a fresh paper U-Net for vocals. */
  model?: ModelSource;
  data: DataSource;
  /** Held-out tracks: a validation loss on fixed patches of them every `validateEvery` steps. */
  validation?: DataSource;
  /** Default 50 (with `validation`). */
  validateEvery?: number;
  /** Steps to run in this call (a continued run counts on from its saved step). */
  steps: number;
  /** Patches per step, default 8. */
  batchSize?: number;
  /** Adam's learning rate, default 1e-4. */
  learningRate?: number;
  /** Seeds the data order (and the fresh model's weights unless `model.seed` is given); default 1. */
  seed?: number;
  /**
   * Vary the training patches: true for src/train augment.ts's defaults, or some of its options over
   * them (e.g. `{ eq: 0.5 }` adds random equalisers); kept with the run.
   */
  augment?: boolean | Partial<AugmentOptions>;
}

/** How a run ended. `step`: steps completed in the run's whole history (the next step's index). */
export interface TrainingEnd {
  stoppedBy: "steps" | "stop" | "nan" | "error";
  /** Why it ended early, said for a person. */
  message?: string;
  step: number;
}

/** A model's artifacts with its Adam moments, and the run's state: enough to continue exactly. */
export type TrainingArtifacts = tf.io.ModelArtifacts & { training: TrainingState };

/** A training run in progress, in a Web Worker (browser page) or in-process (Node, workers). */
export interface TrainingRun {
  /** One record per step of this call, in order; every iteration starts from the first. Ends with the run. */
  progress: AsyncIterable<StepRecord>;
  /** The records of this call's steps so far (the whole history is in `state().records`). */
  readonly records: StepRecord[];
  /** Resolves when the run ends, however it ends; never rejects. */
  done: Promise<TrainingEnd>;
  /** The backend the model trains on, once it has started. */
  backend: Promise<BackendInfo>;
  /** Stops after the current step (at most one step later); resolves once the run has ended. */
  stop(): Promise<void>;
  /** The run's state, between steps. */
  state(): Promise<TrainingState>;
  /** Weights with optimizer moments and the state, taken between steps: save them, or continue from them. */
  artifacts(): Promise<TrainingArtifacts>;
  /** A copy of the model on the caller's side (for separating, probing activations); the caller disposes it. */
  model(): Promise<tf.LayersModel>;
  /** Ends the run at once and frees everything (terminates the worker). */
  dispose(): void;
}

/** Values used where an option is left out. */
export const TRAINING_DEFAULTS = Object.freeze({
  preset: "paper" as const,
  target: "vocals" as TrainingTarget,
  batchSize: 8,
  learningRate: 1e-4,
  seed: 1,
  validateEvery: 50,
  sampleRate: 8192,
});

const PRESETS = ["paper", "tiny"];
const TARGETS: TrainingTarget[] = ["vocals", "accompaniment", "both"];
const isWhole = (n: unknown, min: number): n is number => typeof n === "number" && Number.isSafeInteger(n) && n >= min;
const isSeed = (n: unknown): boolean => isWhole(n, 0) && n < 2 ** 32;

function dataProblems(data: DataSource | undefined, field: string): string[] {
  if (!data || typeof data !== "object") return [`${field} is required: { generated: { songs, seconds, seed } } or { tracks: [...] }`];
  if ("generated" in data) {
    const g = data.generated ?? ({} as GeneratedData);
    const problems: string[] = [];
    if (!isWhole(g.songs, 1)) problems.push(`${field}.generated.songs must be a whole number ≥ 1, got ${g.songs}`);
    if (!(typeof g.seconds === "number" && g.seconds > 0 && g.seconds <= 3600)) problems.push(`${field}.generated.seconds must be in (0, 3600], got ${g.seconds}`);
    if (!isSeed(g.seed)) problems.push(`${field}.generated.seed must be a whole number in [0, 2^32), got ${g.seed}`);
    if (g.sampleRate !== undefined && !isWhole(g.sampleRate, 4000)) problems.push(`${field}.generated.sampleRate must be a whole number of Hz ≥ 4000, got ${g.sampleRate}`);
    return problems;
  }
  if ("tracks" in data) {
    if (!Array.isArray(data.tracks) || data.tracks.length === 0) return [`${field}.tracks must list at least one track with vocals and accompaniment`];
    const isSignal = (s: unknown) => s != null && typeof s === "object" && Array.isArray((s as { channels?: unknown }).channels);
    return data.tracks.flatMap((t, i) =>
      isSignal(t?.vocals) && isSignal(t?.accompaniment) ? [] : [`${field}.tracks[${i}] (${t?.name ?? "unnamed"}) needs vocals and accompaniment audio ({ sampleRate, channels })`],
    );
  }
  return [`${field} must be { generated: { songs, seconds, seed } } or { tracks: [...] }`];
}

/** The training state a resumed run brings: from `model.training`, or carried by its artifacts. */
export function resumedState(model: ModelSource | undefined): TrainingState | undefined {
  if (!model || !("artifacts" in model)) return undefined;
  return model.training ?? (model.artifacts as Partial<TrainingArtifacts>).training;
}

/** Every problem with the options, each said so a person can fix it; empty when they are fine. */
export function optionProblems(o: TrainingOptions): string[] {
  if (!o || typeof o !== "object") return ["startTraining needs an options object: { data, steps, … }"];
  const problems: string[] = [];
  if (!isWhole(o.steps, 0)) problems.push(`steps must be a whole number ≥ 0, got ${o.steps}`);
  if (o.batchSize !== undefined && !isWhole(o.batchSize, 1)) problems.push(`batchSize must be a whole number ≥ 1, got ${o.batchSize}`);
  if (o.learningRate !== undefined && !(typeof o.learningRate === "number" && o.learningRate > 0 && Number.isFinite(o.learningRate))) {
    problems.push(`learningRate must be a positive number, got ${o.learningRate}`);
  }
  if (o.seed !== undefined && !isSeed(o.seed)) problems.push(`seed must be a whole number in [0, 2^32), got ${o.seed}`);
  if (o.validateEvery !== undefined && !isWhole(o.validateEvery, 1)) problems.push(`validateEvery must be a whole number ≥ 1, got ${o.validateEvery}`);
  if (o.validateEvery !== undefined && !o.validation) problems.push("validateEvery needs validation tracks (validation: …)");
  problems.push(...dataProblems(o.data, "data"));
  if (o.validation !== undefined) problems.push(...dataProblems(o.validation, "validation"));

  const model = o.model;
  if (model === undefined) return problems;
  if ("preset" in model) {
    if (!PRESETS.includes(model.preset)) problems.push(`model.preset must be one of ${PRESETS.join(", ")}, got "${model.preset}"`);
    if (model.target !== undefined && !TARGETS.includes(model.target)) problems.push(`model.target must be one of ${TARGETS.join(", ")}, got "${model.target}"`);
    if (model.seed !== undefined && !isSeed(model.seed)) problems.push(`model.seed must be a whole number in [0, 2^32), got ${model.seed}`);
  } else if ("artifacts" in model) {
    if (!model.artifacts?.modelTopology) problems.push("model.artifacts holds no modelTopology: pass what TrainingRun.artifacts() (or tfjs's save) gave");
    const saved = resumedState(model);
    if (saved) {
      // A continued run is only exact with the settings it was recorded with.
      const keep = (given: unknown, recorded: unknown, name: string) => {
        if (given !== undefined && given !== recorded) {
          problems.push(`${name} is ${JSON.stringify(recorded)} in the run being continued but ${JSON.stringify(given)} was given: a continued run keeps its settings; leave ${name} out`);
        }
      };
      keep(o.seed, saved.seed, "seed");
      keep(o.batchSize, saved.batchSize, "batchSize");
      keep(o.learningRate, saved.schedule?.initial, "learningRate");
      keep(o.augment === undefined ? undefined : o.augment !== false, saved.augment !== undefined, "augment");
    }
  } else {
    problems.push('model must be { preset: "paper" | "tiny", … } or { artifacts, training? }');
  }
  return problems;
}
