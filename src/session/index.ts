/**
 * Training sessions: `startTraining()` trains a U-Net off the page's thread (a dedicated Web Worker)
 * or, in Node, in-process, behind one API with live progress, stop, state, artifacts and a model copy.
 * Browser-safe and Node-safe.
 */
import { startInWorker } from "./browser";
import { startInProcess } from "./in-process";
import type { TrainingOptions, TrainingRun } from "./options";

export {
  TRAINING_DEFAULTS,
  type DataSource,
  type GeneratedData,
  type ModelSource,
  type TrainingArtifacts,
  type TrainingEnd,
  type TrainingOptions,
  type TrainingRun,
} from "./options";

/**
 * Starts training and returns at once. On a page the model trains in a Web Worker, so the page stays
 * responsive and a stop takes effect after the current step; elsewhere (Node, or code already in a
 * worker) it trains in-process on the same Trainer. Never throws: a bad option or a failure ends the
 * run with `done` resolving to `{ stoppedBy: "error", message }`.
 */
export function startTraining(options: TrainingOptions): TrainingRun {
  const page = typeof Worker !== "undefined" && typeof window !== "undefined";
  return page ? startInWorker(options) : startInProcess(options);
}
