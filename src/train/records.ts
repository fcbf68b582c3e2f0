import type { AugmentOptions } from "./augment";
import type { LearningRateSchedule } from "./schedule";
import type { TrainingTarget } from "./sampler";

/** What one training step did. */
export interface StepRecord {
  step: number;
  loss: number;
  learningRate: number;
  /** Wall time of the step (sampling, forward, backward, update), ms. */
  ms: number;
  examplesPerSecond: number;
  /** Mean loss on the fixed validation patches, on the steps where it was measured. */
  validationLoss?: number;
}

/** Everything needed to continue a run exactly: recorded with the model when it is saved. */
export interface TrainingState {
  /** Steps completed so far (the next step has this index). */
  step: number;
  seed: number;
  batchSize: number;
  target: TrainingTarget;
  schedule: LearningRateSchedule;
  validateEvery: number;
  /** Augmentation of the training batches, when the run uses it (absent: none). */
  augment?: AugmentOptions;
  records: StepRecord[];
}
