/**
 * A model to in-memory artifacts and back, through the same capture and restore as model folders
 * and the store (src/train/model-format.ts), so a run continued from artifacts is exact: tfjs's own
 * optimizer-weight layout, and Adam's β powers restored the way training forms them.
 */
import * as tf from "@tensorflow/tfjs";
import { captureModel, hasOptimizerWeights, loadableArtifacts, restoreAdamPowers } from "../train/model-format";

/** Weights in one ArrayBuffer (ready to transfer to another thread); Adam's state too with `includeOptimizer`. */
export async function toArtifacts(model: tf.LayersModel, includeOptimizer: boolean): Promise<tf.io.ModelArtifacts> {
  return loadableArtifacts(await captureModel(model, { includeOptimizer }));
}

/** Whether artifacts carry an optimizer (its config and moments), so training can continue exactly. */
export function hasOptimizerState(artifacts: tf.io.ModelArtifacts): boolean {
  return artifacts.trainingConfig != null && hasOptimizerWeights(artifacts.weightSpecs ?? []);
}

/**
 * The model of some artifacts. With `optimizer` and a training config it comes back compiled with
 * its optimizer's saved state; without, uncompiled (tfjs skips the optimizer's weights when there is
 * no training config), so a fresh optimizer, or none, follows.
 */
export async function fromArtifacts(artifacts: tf.io.ModelArtifacts, optimizer: boolean): Promise<tf.LayersModel> {
  const model = await tf.loadLayersModel(tf.io.fromMemory(optimizer ? artifacts : { ...artifacts, trainingConfig: undefined }));
  if (optimizer) restoreAdamPowers(model);
  return model;
}
