/**
 * The audio domain's public surface: browser-safe names only. Node file I/O (readAudioFile,
 * writeWavFile) lives in "./node" so that bundling this module never pulls in node:fs.
 */
export { assertSignal, duration, frameCount, type AudioSignal } from "./signal";
export { AudioFormatError } from "./errors";
export { decodeWav, readWavLayout, readWavSamples, type WavLayout } from "./wav-read";
export { encodeWav } from "./wav-write";
export { WAV_SAMPLE_FORMATS, type WavFormat, type WavSampleFormat } from "./wav-format";
export { decodeAudio, FALLBACK_DECODE_RATE } from "./decode";
export { sniffContainer, describeContainer, isWavBlob, type AudioContainer } from "./sniff";
export { probeSampleRate } from "./probe-rate";
export {
  resample,
  resampleSignal,
  resampleToLength,
  resamplePlan,
  resampleRatio,
  resampledLength,
  RESAMPLE_DEFAULT,
  RESAMPLE_SCIPY,
  type ResampleOptions,
} from "./resample";
export { Resampler, SignalResampler } from "./resample-stream";
export { addSignals, mix, scale, toChannelCount, toMono, trimOrPad } from "./channels";
export { wavHeader, wavSamples, type StreamedWavFormat } from "./wav-stream";
