import { toMono, type AudioSignal } from "../audio";
import type { View } from "./view";

/** Lowest and highest sample under each drawn column: how a waveform is drawn at any zoom. */
export interface Envelope {
  min: Float32Array;
  max: Float32Array;
}

/**
 * The min/max envelope of samples [start, end) over `columns` columns: column c covers samples
 * [start + ⌊c·n/columns⌋, start + ⌊(c+1)·n/columns⌋) with n = end − start. Zoomed in past one
 * sample a column, a column takes the one sample under its left edge. Columns over no samples (the
 * range runs off either end of the signal) are NaN, which drawers skip.
 */
export function envelope(samples: ArrayLike<number>, start: number, end: number, columns: number): Envelope {
  if (!Number.isInteger(start) || !Number.isInteger(end) || end <= start) throw new Error(`envelope: need whole sample indices with start < end, got [${start}, ${end})`);
  if (!Number.isInteger(columns) || columns < 1) throw new Error(`envelope: columns must be a whole number ≥ 1, got ${columns}`);
  const min = new Float32Array(columns).fill(NaN);
  const max = new Float32Array(columns).fill(NaN);
  const n = end - start;
  for (let c = 0; c < columns; c++) {
    let lo = start + Math.floor((c * n) / columns);
    let hi = Math.max(lo + 1, start + Math.floor(((c + 1) * n) / columns));
    lo = Math.max(lo, 0);
    hi = Math.min(hi, samples.length);
    if (lo >= hi) continue;
    let a = Infinity, b = -Infinity;
    for (let i = lo; i < hi; i++) {
      const v = samples[i];
      if (v < a) a = v;
      if (v > b) b = v;
    }
    min[c] = a;
    max[c] = b;
  }
  return { min, max };
}

/** Block minima and maxima at growing block sizes, so a zoomed-out redraw reads thousands of values, not millions. */
export interface EnvelopePyramid {
  levels: { block: number; min: Float32Array; max: Float32Array }[];
}

/** Levels of 64, 256, 1024, … samples a block, until a level has fewer than 1000 blocks. */
export function envelopePyramid(samples: ArrayLike<number>, base = 64, factor = 4): EnvelopePyramid {
  const levels: EnvelopePyramid["levels"] = [];
  if (samples.length === 0) return { levels };
  let block = base;
  let prev: { block: number; min: Float32Array; max: Float32Array } | undefined;
  while (block < samples.length) {
    const count = Math.ceil(samples.length / block);
    const min = new Float32Array(count);
    const max = new Float32Array(count);
    for (let k = 0; k < count; k++) {
      let a = Infinity, b = -Infinity;
      if (prev) {
        // Each block is `factor` blocks of the level below.
        const hi = Math.min(prev.min.length, (k + 1) * factor);
        for (let j = k * factor; j < hi; j++) {
          if (prev.min[j] < a) a = prev.min[j];
          if (prev.max[j] > b) b = prev.max[j];
        }
      } else {
        const hi = Math.min(samples.length, (k + 1) * block);
        for (let i = k * block; i < hi; i++) {
          const v = samples[i];
          if (v < a) a = v;
          if (v > b) b = v;
        }
      }
      min[k] = a;
      max[k] = b;
    }
    prev = { block, min, max };
    levels.push(prev);
    if (count < 1000) break;
    block *= factor;
  }
  return { levels };
}

/**
 * `envelope` read from the coarsest pyramid level whose blocks are no wider than a column. Column
 * edges are widened to whole blocks, so a column may include up to one block (at most one column's
 * worth of samples) beyond its edges: never less than the exact envelope, and the same when edges
 * fall on block boundaries. Falls back to the samples when zoomed in below the first level.
 */
export function pyramidEnvelope(samples: ArrayLike<number>, pyramid: EnvelopePyramid, start: number, end: number, columns: number): Envelope {
  const per = (end - start) / columns;
  let level: EnvelopePyramid["levels"][number] | undefined;
  for (const l of pyramid.levels) if (l.block <= per) level = l;
  if (!level) return envelope(samples, start, end, columns);
  const min = new Float32Array(columns).fill(NaN);
  const max = new Float32Array(columns).fill(NaN);
  const n = end - start;
  for (let c = 0; c < columns; c++) {
    const lo = Math.max(0, start + Math.floor((c * n) / columns));
    const hi = Math.min(samples.length, start + Math.floor(((c + 1) * n) / columns));
    if (lo >= hi) continue;
    let a = Infinity, b = -Infinity;
    const last = Math.ceil(hi / level.block);
    for (let k = Math.floor(lo / level.block); k < last; k++) {
      if (level.min[k] < a) a = level.min[k];
      if (level.max[k] > b) b = level.max[k];
    }
    min[c] = a;
    max[c] = b;
  }
  return { min, max };
}

export interface WaveformView extends View {
  view: "waveform";
  title?: string;
  sampleRate: number;
  /** The samples (copies), one lane each. */
  channels: Float32Array[];
  /** Lane names: "mono", or "L"/"R" for stereo, "ch 1"… beyond. */
  names: string[];
  pyramids: EnvelopePyramid[];
  /** Seconds. */
  duration: number;
  /** Largest |sample| over all lanes. */
  peak: number;
  /** "full": the axis is always −1…1 (the level is seen as it is); "peak": ±peak, labelled with it. */
  amplitude: "full" | "peak";
}

export interface WaveformViewOptions {
  title?: string;
  /** Draw the mean of the channels as one lane (default: one lane per channel). */
  mono?: boolean;
  amplitude?: "full" | "peak";
}

/** dBFS of a linear peak; silence is −∞. */
export function peakDb(peak: number): number {
  return 20 * Math.log10(peak);
}

export function signalPeak(channels: readonly ArrayLike<number>[]): number {
  let peak = 0;
  for (const c of channels) for (let i = 0; i < c.length; i++) if (Math.abs(c[i]) > peak) peak = Math.abs(c[i]);
  return peak;
}

/** A waveform view holding copies of the samples (or of their mono mix) and their envelope pyramids. */
export function waveformView(signal: AudioSignal, options: WaveformViewOptions = {}): WaveformView {
  if (signal.channels.length === 0) throw new Error("waveformView: the signal has no channels");
  const channels = options.mono ? toMono(signal).channels : signal.channels.map((c) => c.slice());
  return waveformOf(signal.sampleRate, channels, options);
}

/** The same without copying: for callers (the mixer) that already hold their own copies. */
export function waveformOf(sampleRate: number, channels: Float32Array[], options: WaveformViewOptions = {}): WaveformView {
  if (!(sampleRate > 0)) throw new Error(`waveformView: sample rate must be positive, got ${sampleRate}`);
  const names = channels.length === 1 ? ["mono"] : channels.length === 2 ? ["L", "R"] : channels.map((_, i) => `ch ${i + 1}`);
  const duration = channels[0].length / sampleRate;
  const peak = signalPeak(channels);
  const amplitude = options.amplitude ?? "full";
  const caption = [
    options.title,
    `${channels.length === 1 ? (options.mono ? "mono mix" : "mono") : `${channels.length} channels`} · ${sampleRate} Hz · ${duration.toFixed(2)} s`,
    `peak ${formatPeak(peak)}`,
    amplitude === "full" ? "amplitude −1…1" : `amplitude ±peak`,
  ].filter(Boolean).join(" · ");
  return {
    kind: "view",
    view: "waveform",
    caption,
    ...(options.title ? { title: options.title } : {}),
    sampleRate,
    channels,
    names,
    pyramids: channels.map((c) => envelopePyramid(c)),
    duration,
    peak,
    amplitude,
  };
}

/** "−3.2 dBFS" with a real minus sign; "silent" for zero. */
export function formatPeak(peak: number): string {
  if (peak === 0) return "silent";
  const db = peakDb(peak);
  const text = Math.abs(db).toFixed(1);
  return `${db < 0 && text !== "0.0" ? "−" : ""}${text} dBFS`;
}
