import type * as tf from "@tensorflow/tfjs";
import { assertSignal, frameCount, resampleSignal, resampleToLength, type AudioSignal } from "../audio";
import { applyMask, istft, magnitude, MODEL_SAMPLE_RATE, scaleByPeak, stft, STFT_PAPER } from "../dsp";
import { keptInferenceModel, type InferenceModel } from "../model";
import { predictMasks, type Progress } from "./model-masks";

/**
 * The models a separation uses:
 * - `single`: one model masking `target`; the other stem is the mixture minus its estimate, at the
 *   input's rate, so the stems always sum to the mixture and everything above the model's 4096 Hz
 *   band goes to that other stem.
 * - `pair`: one model per stem, each estimate from its own mask (band-limited to 4096 Hz).
 * - `two-mask`: one model with two output channels (vocals, accompaniment), as `pair`.
 */
export type SeparationModels =
  | { kind: "single"; model: tf.LayersModel; target: "vocals" | "accompaniment" }
  | { kind: "pair"; vocals: tf.LayersModel; accompaniment: tf.LayersModel }
  | { kind: "two-mask"; model: tf.LayersModel };

export interface SeparateOptions {
  /** Frames between patch starts (default: the patch less 8 frames, cross-faded; see `defaultStep`). */
  step?: number;
  /** Patches per model call (default 4); only one batch of tensors exists at a time. */
  batchSize?: number;
  onProgress?: (p: Progress) => void;
  /**
   * How a multichannel mixture gets its masks. "each" (default): the model runs on every channel, so
   * a voice panned to one side is masked where it is. "mid": the model runs once, on the channels'
   * mean, and that mask shapes every channel: half the model time for stereo, and on songs with
   * centred vocals the same quality (mean vocals SDR 11.19 dB vs 11.17 for "each" over 8 generated
   * stereo songs); a hard-panned voice leaks into the other channel's estimate.
   */
  stereo?: "each" | "mid";
}

// A type, not an interface, so a Separation is also a Record<string, AudioSignal> (a comparison column).
export type Separation = {
  vocals: AudioSignal;
  accompaniment: AudioSignal;
};

/**
 * Separates audio of any length, rate and channel count with mask models: each channel is resampled
 * to the model rate (8192 Hz), transformed with the paper's STFT, scaled by its largest magnitude,
 * masked patch by patch, inverted with the mixture's phase and resampled back to the input's rate,
 * length and channel count. The models run compiled for inference (`inferenceModel`: batch norm
 * folded, activations fused); the compiled form is kept for the next call while the model's weights
 * stay the same (`keptInferenceModel`; `releaseInferenceModels` frees it), and made again once the
 * model has been trained further.
 */
export async function separate(mixture: AudioSignal, models: SeparationModels, options: SeparateOptions = {}): Promise<Separation> {
  assertSignal(mixture, "mixture");
  if (options.stereo !== undefined && options.stereo !== "each" && options.stereo !== "mid") throw new Error(`separate: stereo must be "each" or "mid", got ${String(options.stereo)}`);
  const length = frameCount(mixture);
  if (length === 0) throw new Error("the mixture is empty: there is nothing to separate");
  const low = resampleSignal(mixture, MODEL_SAMPLE_RATE);
  const layersModels: [tf.LayersModel, number[]][] =
    models.kind === "pair" ? [[models.vocals, [0]], [models.accompaniment, [1]]] : models.kind === "two-mask" ? [[models.model, [0, 1]]] : [[models.model, [0]]];
  const perModel: [InferenceModel, number[]][] = layersModels.map(([m, slots]) => [keptInferenceModel(m), slots]);
  const channels = low.channels.length;
  const sources = options.stereo === "mid" && channels > 1 ? [meanOf(low.channels)] : low.channels;
  const estimates: Float32Array[][] = [[], []]; // [stem][channel] at the model rate
  let done = 0;
  for (let c = 0; c < sources.length; c++) {
    const spec = stft(sources[c], STFT_PAPER);
    const mag = magnitude(spec);
    scaleByPeak(mag); // as in training (src/train/spectra.ts)
    // With one mask for all, every channel is masked by it; otherwise channel c by its own.
    const targets = sources.length === channels ? [spec] : low.channels.map((ch) => stft(ch, STFT_PAPER));
    for (const [model, slots] of perModel) {
      const masks = await predictMasks(model, mag, spec.frames, spec.bins, {
        step: options.step,
        batchSize: options.batchSize,
        onBatch: (d, total) => options.onProgress?.({ stage: "masking", done: done * total + d, total: total * sources.length * perModel.length }),
      });
      done++;
      slots.forEach((slot, k) => estimates[slot].push(...targets.map((t) => istft(applyMask(t, masks[k])))));
    }
  }
  const back = (channelsAtModelRate: Float32Array[]) =>
    resampleToLength({ sampleRate: MODEL_SAMPLE_RATE, channels: channelsAtModelRate }, mixture.sampleRate, length);
  if (models.kind !== "single") return { vocals: back(estimates[0]), accompaniment: back(estimates[1]) };
  const estimate = back(estimates[0]);
  const rest: AudioSignal = { sampleRate: mixture.sampleRate, channels: mixture.channels.map((ch, c) => subtract(ch, estimate.channels[c])) };
  return models.target === "vocals" ? { vocals: estimate, accompaniment: rest } : { vocals: rest, accompaniment: estimate };
}

function meanOf(channels: Float32Array[]): Float32Array {
  const out = new Float32Array(channels[0].length);
  for (const ch of channels) for (let i = 0; i < out.length; i++) out[i] += ch[i];
  for (let i = 0; i < out.length; i++) out[i] /= channels.length;
  return out;
}

/** a − b. A plain loop: Float32Array.map with a closure took 230 ms for 3 min of stereo, this 35 ms (bench/NOTES.md). */
function subtract(a: Float32Array, b: Float32Array): Float32Array {
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] - b[i];
  return out;
}
