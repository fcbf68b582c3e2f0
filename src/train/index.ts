export { trackSpectra, spectraSeconds, type StemTrack, type TrackSpectra } from "./spectra";
export { PatchSampler, type PatchBatch, type PatchShape, type SamplerOptions, type TrainingTarget } from "./sampler";
export { complexTrackSpectra, midMagnitudes, type ComplexSpectraOptions, type ComplexStem, type ComplexTrackSpectra } from "./complex-spectra";
export {
  Augmenter,
  AUGMENT_DEFAULTS,
  CHANNEL_CHOICES,
  resolveAugmentOptions,
  warpStem,
  eqCurve,
  EQ_POINTS,
  type AugmentDraw,
  type AugmentOptions,
  type ChannelChoice,
  type ComplexPatch,
} from "./augment";
export { Trainer, type TrainCall, type TrainOutcome } from "./trainer";
export { learningRateAt, validateSchedule, type LearningRateSchedule } from "./schedule";
export type { StepRecord, TrainingState } from "./records";
export { mulberry32, stepRandom } from "./random";
