export { fft, ifft, rfft, fftPlan, isPowerOfTwo, nextPowerOfTwo } from "./fft";
export { makeWindow, resolveWindow, checkNola, windowSquareSum, type WindowName, type WindowSpec } from "./window";
export { stft, istft, frameCountFor, STFT_PAPER, MODEL_SAMPLE_RATE, type StftConfig, type Spectrogram } from "./stft";
export { magnitude, power, phase, withPhaseOf, applyMask, scaleByPeak } from "./spectrogram";
export { toPatches, fromPatches, patchStarts, fadeWeights, PATCH_PAPER, type PatchOptions, type Patches } from "./patches";
