/** The messages between a page and its mask worker (./mask-worker.ts). */
import type * as tf from "@tensorflow/tfjs";

export type ToMaskWorker =
  /** The model to hold from now on (weights in one transferred buffer); `version` names it in requests. */
  | { kind: "model"; version: number; artifacts: tf.io.ModelArtifacts }
  /** `count` patches, bins × frames each, frame-major as the model's input. */
  | { kind: "predict"; id: number; version: number; patches: Float32Array; count: number };

export type FromMaskWorker =
  /** The model's output for the request's patches, as its `predict` lays it out (channels last). */
  | { kind: "masks"; id: number; values: Float32Array }
  | { kind: "refusal"; id: number; message: string };
