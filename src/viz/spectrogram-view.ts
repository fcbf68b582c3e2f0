import { resampleSignal, toMono, type AudioSignal } from "../audio";
import { magnitude, MODEL_SAMPLE_RATE, resolveWindow, stft, STFT_PAPER, type Spectrogram, type StftConfig } from "../dsp";
import { COLORMAPS } from "./colormap";
import { maxPool } from "./downsample";
import { isAudioSignal, isSpectrogram } from "../notebook/shapes";
import { isRaster, type Raster } from "./raster-data";
import type { View } from "./view";

/** One axis of a picture: the outer edges of its first and last cells, in `unit`. */
export interface AxisExtent {
  start: number;
  end: number;
  unit: "s" | "frame" | "Hz" | "bin";
}

/**
 * A time–frequency picture as plain data. `values` is |X| max-pooled to at most ~1200 × 512 (see
 * downsample.ts), so a view of a long song stays small and the drawer never touches the STFT again:
 * changing the scale, colours or range only repaints.
 */
export interface SpectrogramView extends View {
  view: "spectrogram";
  title?: string;
  /** columns × rows, frame-major, row 0 = lowest frequency. */
  values: Float32Array;
  columns: number;
  rows: number;
  /** Frames and bins of the data before pooling (after the maxHz crop). */
  frames: number;
  bins: number;
  time: AxisExtent;
  frequency: AxisExtent;
  scale: "db" | "linear";
  /** dB shown below the reference when scale is "db". */
  range: number;
  colormap: string;
  /** How the frequency axis is drawn first (the drawer can switch): log needs an axis in Hz. */
  frequencyScale?: "linear" | "log";
  /** The value that reads 0 dB, and the top of the colour scale (in linear too). */
  reference: number;
  /** What dB values are relative to: "dBFS" (a full-scale sine), "dB re max", or "dB". */
  unit: string;
}

/** Frame-major numbers with their shape: what a mask or a model output is after `dataSync()`. */
export interface FrameMajor {
  values: Float32Array;
  frames: number;
  bins: number;
}

export type SpectrogramSource = Spectrogram | AudioSignal | Raster | FrameMajor;

export interface SpectrogramViewOptions {
  scale?: "db" | "linear";
  /** Draw the frequency axis on a log scale (from 30 Hz; needs a sample rate). Default linear. */
  frequencyScale?: "linear" | "log";
  /** dB below the reference shown (default 80). */
  range?: number;
  /** A name in COLORMAPS (default "magma"). */
  colormap?: string;
  title?: string;
  /**
   * Sample rate of the audio the frames came from, for a time axis in seconds (with `hop`) and a
   * frequency axis in Hz (with `binHz`, or the STFT's nfft). A Spectrogram does not carry its rate:
   * without this it is taken to be MODEL_SAMPLE_RATE, and the caption says so.
   */
  sampleRate?: number;
  /** Samples between frames; from the Spectrogram's config when it has one. */
  hop?: number;
  /** Hz between bins; sampleRate / nfft for a Spectrogram. */
  binHz?: number;
  /** Crop the frequency axis to bins at or below this (Hz). */
  maxHz?: number;
  /** Value reading 0 dB. Default: a full-scale sine's peak for STFT input, 1 for linear rasters, else the maximum. */
  reference?: number;
  /** For AudioSignal input: the STFT (default the paper's Hann 1024 / hop 768). */
  config?: StftConfig;
  /** For AudioSignal input: analysis rate (default MODEL_SAMPLE_RATE, what the U-Net sees); "native" keeps the signal's. */
  analysisRate?: number | "native";
  /** Pooling limits (default 1200 columns × 512 rows). */
  maxColumns?: number;
  maxRows?: number;
}

export const SPECTROGRAM_DEFAULTS = { scale: "db" as const, range: 80, colormap: "magma", maxColumns: 1200, maxRows: 512 };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
const isFrameMajor = (v: unknown): v is FrameMajor => isObject(v) && v.values instanceof Float32Array && typeof v.frames === "number" && typeof v.bins === "number";

/** A full-scale sine (amplitude 1) at a bin's centre gives |X| = sum(window) / 2 there: that reads 0 dBFS. */
export function fullScaleMagnitude(config: StftConfig): number {
  let sum = 0;
  for (const w of resolveWindow(config.window, config.nfft)) sum += w;
  return sum / 2;
}

/**
 * Builds a spectrogram view from any time–frequency source:
 * - a Spectrogram (from `stft`): |X|, seconds and Hz from its config and `sampleRate`;
 * - an AudioSignal: mixed to mono (the mean of the channels), resampled to MODEL_SAMPLE_RATE unless
 *   `analysisRate` says otherwise, and transformed with `config` (default STFT_PAPER), so the
 *   picture is what the U-Net sees;
 * - a Raster (`raster(...)`) or `{values, frames, bins}`: frames and bins, or seconds and Hz when
 *   `sampleRate` with `hop` / `binHz` are given.
 * Levels are never normalised per view: STFT input reads in dBFS, so two stems drawn apart keep
 * their true relative levels.
 */
export function spectrogramView(source: SpectrogramSource, options: SpectrogramViewOptions = {}): SpectrogramView {
  const o = { ...SPECTROGRAM_DEFAULTS, ...options };
  if (!COLORMAPS[o.colormap]) throw new Error(`spectrogramView: unknown colormap "${o.colormap}"; use one of ${Object.keys(COLORMAPS).join(", ")}`);
  if (!(o.range > 0)) throw new Error(`spectrogramView: range must be a positive number of dB, got ${o.range}`);
  const notes: string[] = [];
  let values: Float32Array, frames: number, bins: number;
  let sampleRate = options.sampleRate, hop = options.hop, binHz = options.binHz;
  // Sample at which frame 0 is centred: 0 for centred STFTs (and rasters), nfft/2 otherwise.
  let firstCentre = 0;
  let reference = options.reference, unit = "dB";
  let scale = options.scale;

  if (isSpectrogram(source) || isAudioSignal(source)) {
    let spec: Spectrogram;
    if (isSpectrogram(source)) {
      spec = source;
      if (sampleRate === undefined) {
        sampleRate = MODEL_SAMPLE_RATE;
        notes.push(`rate taken as ${MODEL_SAMPLE_RATE} Hz`);
      }
    } else {
      if (source.channels.length === 0 || source.channels[0].length === 0) throw new Error("spectrogramView: the audio signal is empty");
      const rate = options.analysisRate === "native" ? source.sampleRate : (options.analysisRate ?? MODEL_SAMPLE_RATE);
      let mono = toMono(source);
      if (rate !== source.sampleRate) mono = resampleSignal(mono, rate);
      spec = stft(mono.channels[0], options.config ?? STFT_PAPER);
      sampleRate = rate;
      notes.push(`${(source.channels[0].length / source.sampleRate).toFixed(2)} s${source.channels.length > 1 ? " mixed to mono" : ""} at ${rate} Hz`);
    }
    values = magnitude(spec);
    frames = spec.frames;
    bins = spec.bins;
    hop ??= spec.config.hop;
    binHz ??= sampleRate / spec.config.nfft;
    firstCentre = spec.config.center ? 0 : spec.config.nfft / 2;
    if (reference === undefined) {
      reference = fullScaleMagnitude(spec.config);
      unit = "dBFS";
    }
    notes.push(`${typeof spec.config.window === "string" ? spec.config.window : "window"} ${spec.config.nfft} / hop ${spec.config.hop}`);
  } else if (isRaster(source) || isFrameMajor(source)) {
    ({ values, frames, bins } = source);
    if (values.length !== frames * bins) throw new Error(`spectrogramView: ${values.length} values cannot be ${frames} frames × ${bins} bins`);
    if (isRaster(source)) {
      scale ??= source.scale;
      o.range = options.range ?? source.range;
      if (reference === undefined && source.scale === "linear") reference = 1;
    }
  } else {
    throw new Error("spectrogramView: give a Spectrogram (from stft), an AudioSignal, a Raster, or {values, frames, bins}");
  }
  if (reference === undefined) {
    reference = 0;
    for (const v of values) if (Math.abs(v) > reference) reference = Math.abs(v);
    unit = "dB re max";
  }
  if (!(reference > 0)) reference = 1; // an all-zero picture: any positive reference paints it black

  // Crop to maxHz (needs Hz): keep bins whose centre is at or below it.
  if (options.maxHz !== undefined) {
    if (binHz === undefined) throw new Error("spectrogramView: maxHz needs the bin spacing; pass sampleRate (and binHz for a raster)");
    const keep = Math.max(1, Math.min(bins, Math.floor(options.maxHz / binHz + 1e-9) + 1));
    if (keep < bins) {
      const cropped = new Float32Array(frames * keep);
      for (let t = 0; t < frames; t++) cropped.set(values.subarray(t * bins, t * bins + keep), t * keep);
      values = cropped;
      bins = keep;
    }
  }

  const pooled = maxPool(values, frames, bins, o.maxColumns, o.maxRows);
  const time = spectrogramTimeExtent(frames, sampleRate !== undefined && hop !== undefined ? { sampleRate, hop, firstCentre } : undefined);
  const frequency = spectrogramFrequencyExtent(bins, binHz);
  scale ??= o.scale;
  const shown = pooled.columns !== frames || pooled.rows !== bins ? ` (shown ${pooled.columns} × ${pooled.rows}, max-pooled)` : "";
  const level = scale === "db" ? `${unit}, ${o.range} dB range` : `linear, 0–${Number(reference.toPrecision(4))}`;
  const caption = [options.title, ...notes, `${frames} frames × ${bins} bins${shown}`, level].filter(Boolean).join(" · ");
  return {
    kind: "view",
    view: "spectrogram",
    caption,
    ...(options.title ? { title: options.title } : {}),
    values: pooled.values,
    columns: pooled.columns,
    rows: pooled.rows,
    frames,
    bins,
    time,
    frequency,
    scale,
    range: o.range,
    colormap: o.colormap,
    ...(options.frequencyScale === "log" ? { frequencyScale: "log" as const } : {}),
    reference,
    unit,
  };
}

/**
 * The time axis of `frames` STFT frames: frame t is centred at firstCentre + t·hop samples (0 for a
 * centred STFT, nfft/2 otherwise) and its cell spans one hop around that, so the picture runs from
 * half a hop before the first centre to half a hop after the last. Without a rate it counts frames.
 */
export function spectrogramTimeExtent(frames: number, stft?: { sampleRate: number; hop: number; firstCentre?: number }): AxisExtent {
  if (!stft) return { start: -0.5, end: frames - 0.5, unit: "frame" };
  const first = stft.firstCentre ?? 0;
  return { start: (first - stft.hop / 2) / stft.sampleRate, end: (first + (frames - 0.5) * stft.hop) / stft.sampleRate, unit: "s" };
}

/** Bin k is centred at k·binHz; the picture spans half a bin either side of the first and last. */
export function spectrogramFrequencyExtent(bins: number, binHz?: number): AxisExtent {
  if (binHz === undefined) return { start: -0.5, end: bins - 0.5, unit: "bin" };
  return { start: -binHz / 2, end: (bins - 0.5) * binHz, unit: "Hz" };
}

/** "−23.4 dBFS" (a real minus sign); silence reads −∞. */
export function formatDb(value: number, reference: number, unit: string): string {
  const db = 20 * Math.log10(Math.abs(value) / reference);
  if (db === -Infinity) return `−∞ ${unit}`;
  const text = Math.abs(db).toFixed(1);
  return `${db < 0 && text !== "0.0" ? "−" : ""}${text} ${unit}`;
}
