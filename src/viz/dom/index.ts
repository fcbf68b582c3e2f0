/**
 * The drawers of src/viz's views: browser only (DOM, canvas, Web Audio, Plot, tfjs-vis). The
 * notebook page registers them as renderers; plain page code can call them directly.
 */
export { drawSpectrogram, SEEK_EVENT, type SpectrogramElement, type DrawSpectrogramOptions, type DisplaySettings } from "./spectrogram";
export { drawWaveform, type WaveformElement, type DrawWaveformOptions } from "./waveform";
export { drawMixer, type MixerElement, type DrawMixerOptions } from "./mixer";
export { StemPlayer, sharedAudioContext } from "./stem-player";
export { drawCompare, type CompareElement, type CompareDrawOptions } from "./compare";
export { drawActivations } from "./activations";
export { drawWeights } from "./weights";
export { drawLossCurve, drawModelSummary, type RunLike } from "./training";
