import type * as tf from "@tensorflow/tfjs";
import { createUNet, UNET_PAPER, UNET_TINY, type UNetConfig } from "../model";
import { resolveAugmentOptions, type TrainingState, type TrainingTarget } from "../train";
import { fromArtifacts, hasOptimizerState } from "./artifacts";
import { resumedState, TRAINING_DEFAULTS, type TrainingOptions } from "./options";

/** What the Trainer starts from: the model and the run's state (step and records when continuing). */
export interface StartingPoint {
  model: tf.LayersModel;
  state: Omit<TrainingState, "records" | "step"> & Partial<TrainingState>;
}

/** A fresh preset model, saved artifacts to continue exactly, or saved weights to fine-tune. */
export async function startingPoint(options: TrainingOptions): Promise<StartingPoint> {
  const source = options.model ?? { preset: TRAINING_DEFAULTS.preset };
  const validateEvery = options.validation ? (options.validateEvery ?? TRAINING_DEFAULTS.validateEvery) : 0;

  if ("artifacts" in source) {
    const saved = resumedState(source);
    if (saved) {
      if (!hasOptimizerState(source.artifacts) && saved.step > 0) {
        throw new Error(
          `the artifacts hold no optimizer moments, so step ${saved.step} of the run cannot be continued exactly: ` +
            "save with TrainingRun.artifacts() (it includes them), or leave out `training` to fine-tune with a fresh optimizer",
        );
      }
      const model = await fromArtifacts(source.artifacts, true);
      return { model, state: { ...structuredClone(saved), validateEvery } };
    }
    const model = await fromArtifacts(source.artifacts, false);
    const recorded = model.getUserDefinedMetadata() as { target?: TrainingTarget } | undefined;
    const outputs = (model.outputs[0].shape as number[])[3];
    return { model, state: freshState(options, recorded?.target ?? (outputs === 2 ? "both" : "vocals"), validateEvery) };
  }

  const target = source.target ?? TRAINING_DEFAULTS.target;
  const preset: UNetConfig = source.preset === "tiny" ? UNET_TINY : UNET_PAPER;
  const config: UNetConfig = { ...preset, outputs: target === "both" ? 2 : 1, seed: source.seed ?? options.seed ?? TRAINING_DEFAULTS.seed };
  const model = createUNet(config);
  // The same metadata `demix train` records, so a model saved from here reads like one saved there.
  model.setUserDefinedMetadata({ config, target, preset: source.preset });
  return { model, state: freshState(options, target, validateEvery) };
}

function freshState(options: TrainingOptions, target: TrainingTarget, validateEvery: number): StartingPoint["state"] {
  return {
    seed: options.seed ?? TRAINING_DEFAULTS.seed,
    batchSize: options.batchSize ?? TRAINING_DEFAULTS.batchSize,
    target,
    schedule: { initial: options.learningRate ?? TRAINING_DEFAULTS.learningRate },
    validateEvery,
    ...(options.augment ? { augment: resolveAugmentOptions(options.augment === true ? {} : options.augment) } : {}),
  };
}
