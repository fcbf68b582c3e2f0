import * as tf from "@tensorflow/tfjs";
import { createUNet, UNET_PAPER } from "../src/model";
import { PatchSampler, Trainer, trackSpectra } from "../src/train";
import { benchTracks } from "./signal";
import { timeRuns, type Repetitions, type Timing } from "./stats";

/**
 * The paper U-Net timings, the same code in Node and in the bench page. Browser-safe.
 * - forward: `model.predict` of a random batch, read back (the wasm backend computes synchronously,
 *   reading back is the fair end point for any backend).
 * - train: one `Trainer.train({ steps: 1 })` at batch 8 — the product's step as a user runs it:
 *   patch sampling, forward and backward, the NaN guard, Adam's update.
 */
export type ModelItem = "forward_b1" | "forward_b8" | "train_b8";

export async function timeModel(items: readonly ModelItem[], reps: { forward: Repetitions; train: Repetitions }): Promise<Partial<Record<ModelItem, Timing>>> {
  const out: Partial<Record<ModelItem, Timing>> = {};
  const model = createUNet({ ...UNET_PAPER, seed: 1 });
  try {
    for (const [item, batch] of [["forward_b1", 1], ["forward_b8", 8]] as const) {
      if (!items.includes(item)) continue;
      const x = tf.randomUniform([batch, UNET_PAPER.inputBins, UNET_PAPER.inputFrames, 1], 0, 1, "float32", 7);
      out[item] = await timeRuns(async () => {
        const y = model.predict(x) as tf.Tensor;
        await y.data();
        y.dispose();
      }, reps.forward);
      x.dispose();
    }
    if (items.includes("train_b8")) {
      // 30 s per track: long enough that patches (128 frames ≈ 12 s) start at many places.
      const sampler = new PatchSampler(benchTracks(2, 30).map(trackSpectra), { bins: UNET_PAPER.inputBins, frames: UNET_PAPER.inputFrames }, "vocals", 1);
      const trainer = new Trainer(model, sampler, { seed: 1, batchSize: 8, target: "vocals", schedule: { initial: 1e-4 }, validateEvery: 0 });
      out.train_b8 = await timeRuns(async () => {
        const outcome = await trainer.train({ steps: 1 });
        if (outcome.stoppedBy !== "steps") throw new Error(`the timed training step did not complete: ${outcome.message}`);
      }, reps.train);
      (model.optimizer as tf.Optimizer | undefined)?.dispose();
    }
  } finally {
    model.dispose();
  }
  return out;
}
