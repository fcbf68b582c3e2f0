export {
  UNET_PAPER,
  UNET_TINY,
  MASK_ACTIVATIONS,
  KERNEL_INITIALIZERS,
  paperDropout,
  resolveConfig,
  configProblems,
  validateConfig,
  type UNetConfig,
  type ActivationSpec,
  type MaskActivation,
  type KernelInitializer,
} from "./config";
export { createUNet, layerSeed } from "./unet";
export { maskedL1Loss } from "./loss";
export { createProbe, probeActivations } from "./probe";
export { summarizeModel, formatSummary, groupThousands, type ModelSummary, type LayerSummary } from "./summary";
export { inferenceModel, MERGED_MAX_CHANNELS, type InferenceModel } from "./inference";
export { keptInferenceModel, releaseInferenceModels } from "./inference-cache";
