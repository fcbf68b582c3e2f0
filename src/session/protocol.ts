/**
 * The messages between a page and its training worker. The worker owns the model; the page only
 * ever receives copies (records, state, artifacts), so nothing is shared but the stop flag.
 */
import type * as tf from "@tensorflow/tfjs";
import type { BackendInfo } from "../backend";
import type { StepRecord, TrainingState } from "../train";
import type { TrainingArtifacts, TrainingEnd, TrainingOptions } from "./options";

/** What the page can ask for between steps, and what each answer is. */
export interface Answers {
  state: TrainingState;
  artifacts: TrainingArtifacts;
  /** The model without optimizer state, to rebuild on the page. */
  model: tf.io.ModelArtifacts;
}
export type Question = keyof Answers;

export type ToWorker =
  /**
   * `stopFlag`: one Int32 in shared memory (when the page is cross-origin isolated). The page sets it
   * and the worker reads it between steps, so a stop needs no message to be delivered first.
   */
  | { kind: "start"; options: TrainingOptions; stopFlag?: Int32Array }
  | { kind: "stop" }
  | { kind: "ask"; id: number; question: Question };

export type FromWorker =
  | { kind: "backend"; info: BackendInfo }
  | { kind: "step"; record: StepRecord }
  | { kind: "done"; end: TrainingEnd }
  | { kind: "answer"; id: number; value: Answers[Question] }
  | { kind: "refusal"; id: number; message: string };

/** The stop flag's one cell: 0 run, 1 stop. */
export const STOP = 1;
