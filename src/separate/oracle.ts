import { frameCount, resampleSignal, resampleToLength, toChannelCount, type AudioSignal } from "../audio";
import { applyMask, istft, MODEL_SAMPLE_RATE, stft, STFT_PAPER, type StftConfig } from "../dsp";
import { oracleMasks, type OracleMaskKind } from "./masks";

export interface OracleOptions {
  mask: OracleMaskKind;
  /** Rate at which the STFT and masks are computed; the paper's model rate by default. */
  sampleRate?: number;
  stft?: StftConfig;
}

/**
 * Separates `mixture` with oracle masks computed from the true `stems`, at the model's STFT
 * settings: everything is resampled to `sampleRate`, masked per channel with the mixture's phase,
 * and the estimates are resampled back to the mixture's rate, length and channel count. At 8192 Hz
 * nothing above 4096 Hz survives: this is the bound for a model working at that rate, and its
 * scores include that loss.
 */
export function oracleSeparate(
  mixture: AudioSignal,
  stems: Record<string, AudioSignal>,
  options: OracleOptions,
): Record<string, AudioSignal> {
  const names = Object.keys(stems);
  if (names.length === 0) throw new Error("oracle separation needs at least one reference stem");
  const rate = options.sampleRate ?? MODEL_SAMPLE_RATE;
  const config = options.stft ?? STFT_PAPER;
  const channels = mixture.channels.length;
  const length = frameCount(mixture);
  const atRate = (s: AudioSignal) => resampleSignal(toChannelCount(s, channels), rate);
  const mix = atRate(mixture);
  // Stems may differ in length from the mixture by a few samples: fit them to it.
  const refs = names.map((n) => resampleToLength(toChannelCount(stems[n], channels), rate, frameCount(mix)));
  const out = names.map(() => [] as Float32Array[]);
  for (let c = 0; c < channels; c++) {
    const mixSpec = stft(mix.channels[c], config);
    const stemSpecs = refs.map((r) => stft(r.channels[c], config));
    const masks = oracleMasks(stemSpecs, options.mask);
    masks.forEach((m, j) => out[j].push(istft(applyMask(mixSpec, m))));
  }
  const result: Record<string, AudioSignal> = {};
  names.forEach((name, j) => {
    result[name] = resampleToLength({ sampleRate: rate, channels: out[j] }, mixture.sampleRate, length);
  });
  return result;
}
