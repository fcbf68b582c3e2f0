export { trackSpectra, spectraSeconds, type StemTrack, type TrackSpectra } from "./spectra";
export { PatchSampler, type PatchBatch, type PatchShape, type TrainingTarget } from "./sampler";
export { Trainer, type TrainCall, type TrainOutcome } from "./trainer";
export { learningRateAt, validateSchedule, type LearningRateSchedule } from "./schedule";
export type { StepRecord, TrainingState } from "./records";
export { mulberry32, stepRandom } from "./random";
