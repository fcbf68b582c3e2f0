import { assertSignal, frameCount, resampleSignal, toMono, type AudioSignal } from "../audio";
import { magnitude, MODEL_SAMPLE_RATE, stft, STFT_PAPER, type StftConfig } from "../dsp";
import { bssEvalSources } from "../eval";
import type { View } from "./view";
import { maxPool } from "./downsample";

/** The BSS Eval v3 numbers a comparison shows, in dB. */
export const COMPARE_METRICS = ["sdr", "sir", "sar"] as const;
export type CompareMetric = (typeof COMPARE_METRICS)[number];
export type CompareScores = Record<CompareMetric, number>;

/** One (stem, column) of the grid: what is seen, heard and scored. */
export interface CompareCell {
  /** Magnitude (linear), max-pooled to thumbnail.frames × thumbnail.bins, frame-major. */
  thumbnail: Float32Array;
  /** A copy of the estimate at its own rate and channels, for a player. */
  audio: AudioSignal;
  scores: CompareScores;
}

export interface CompareView extends View {
  view: "compare";
  /** Row names: the references' stems, in their order. */
  stems: string[];
  /** Column names: the mixture baseline first, then the given columns in their order. */
  columns: string[];
  /** cells[stem][column]. */
  cells: CompareCell[][];
  /** Thumbnail size in pixels (width = frames, height = bins). */
  thumbnail: { frames: number; bins: number };
  /** The full-resolution spectrogram every thumbnail was pooled from. */
  spectrogram: { frames: number; bins: number; sampleRate: number; nfft: number; hop: number };
  /** Seconds of audio; the thumbnails span 0 to this, and 0 to sampleRate / 2 Hz. */
  seconds: number;
  /** One dB scale for every cell, so brightness compares across the grid: 0 dB = `max`. */
  db: { max: number; range: number };
  /** Columns whose scores were passed in rather than computed. */
  givenScores: string[];
  /** Columns where BSS Eval matched an estimate to another stem than its label (see caption). */
  permuted: string[];
}

export interface CompareOptions {
  /** Thumbnail width × height in pixels; by default as wide as fits 3–7 columns in 900 px, 120 high. */
  thumbnail?: { width?: number; height?: number };
  /** dB below the grid's loudest bin shown as darkest (default 80). */
  range?: number;
  /** The baseline column's label (default "mixture"). */
  mixtureLabel?: string;
  /** Precomputed scores by column, then stem; a column found here is not scored again. */
  scores?: Record<string, Record<string, CompareScores>>;
  /**
   * Let BSS Eval match estimates to references by best mean SIR, as mir_eval does (default true);
   * the mixture column is always scored without matching, since every stem's estimate is the same.
   */
  computePermutation?: boolean;
  /** Rate and STFT of the spectrograms; the paper's (8192 Hz, Hann 1024, hop 768) by default. */
  sampleRate?: number;
  stft?: StftConfig;
}

export interface CompareInput {
  mixture: AudioSignal;
  /** The true stems, by name: they name the rows. */
  references: Record<string, AudioSignal>;
  /** Estimates by column label, then stem: oracle masks, models… each must have every reference stem. */
  columns: Record<string, Record<string, AudioSignal>>;
  options?: CompareOptions;
}

/** Where the thumbnails' width comes from when not given: the grid fits a 900-px output column. */
export const COMPARE_LAYOUT = { width: 900, label: 112, gap: 8, minCell: 96, maxCell: 240, height: 120 } as const;

/** Thumbnail width for `columns` columns so that the label column and the cells fit COMPARE_LAYOUT.width. */
export function defaultCellWidth(columns: number): number {
  const { width, label, gap, minCell, maxCell } = COMPARE_LAYOUT;
  return Math.max(minCell, Math.min(maxCell, Math.floor((width - label) / Math.max(1, columns)) - gap));
}

/**
 * Scores and pictures every estimate against the true stems: rows are the stems, columns the mixture
 * (the baseline: the mixture offered as the estimate of every stem) and each given column. Each cell
 * holds a thumbnail of the estimate's magnitude spectrogram (mono, at the paper's STFT), a copy of its
 * audio and its BSS Eval v3 SDR/SIR/SAR over the whole signal, as `bssEvalSources` gives them (the
 * mixture column without permutation). It yields to the event loop between columns, since scoring a
 * long song takes seconds.
 */
export async function compareSeparations(input: CompareInput): Promise<CompareView> {
  const { mixture, references, columns, options = {} } = input;
  const mixtureLabel = options.mixtureLabel ?? "mixture";
  const range = options.range ?? 80;
  const rate = options.sampleRate ?? MODEL_SAMPLE_RATE;
  const config = options.stft ?? STFT_PAPER;
  assertSignal(mixture, "compareSeparations: the mixture");
  const stems = Object.keys(references);
  if (stems.length === 0) throw new Error("compareSeparations: no references; pass the true stems, e.g. { vocals, accompaniment }");
  if (mixtureLabel in columns) {
    throw new Error(`compareSeparations: a column is labelled "${mixtureLabel}", which is the baseline column's label; rename it or set options.mixtureLabel`);
  }
  for (const stem of stems) checkLike(references[stem], mixture, `reference "${stem}"`);
  for (const [label, estimates] of Object.entries(columns)) {
    for (const stem of stems) {
      const estimate = estimates[stem];
      if (!estimate) {
        throw new Error(`compareSeparations: column "${label}" has no "${stem}" estimate (it has ${Object.keys(estimates).join(", ") || "none"}); every column needs one per reference stem`);
      }
      checkLike(estimate, mixture, `column "${label}", stem "${stem}"`);
    }
  }
  if (!(range > 0)) throw new Error(`compareSeparations: range must be a positive number of dB, got ${range}`);

  const labels = [mixtureLabel, ...Object.keys(columns)];
  const width = options.thumbnail?.width ?? defaultCellWidth(labels.length);
  const height = options.thumbnail?.height ?? COMPARE_LAYOUT.height;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new Error(`compareSeparations: thumbnail size must be whole pixels ≥ 1, got ${width} × ${height}`);
  }
  let spectrogram: CompareView["spectrogram"] | undefined;
  let max = 0;
  const picture = (signal: AudioSignal): Float32Array => {
    const spec = stft(resampleSignal(toMono(signal), rate).channels[0], config);
    spectrogram ??= { frames: spec.frames, bins: spec.bins, sampleRate: rate, nfft: config.nfft, hop: config.hop };
    const thumb = fitPool(magnitude(spec), spec.frames, spec.bins, width, height);
    // Max-pooling keeps the largest bin, so the thumbnails' peak is the spectrograms' peak.
    for (const v of thumb) if (v > max) max = v;
    return thumb;
  };

  // The mixture column shows the same picture and sound in every row: compute and copy it once.
  const mixtureCell = { thumbnail: picture(mixture), audio: copySignal(mixture) };
  const estimatesOf = (label: string) => (label === mixtureLabel ? stems.map(() => mixture) : stems.map((s) => columns[label][s]));
  const cells: CompareCell[][] = stems.map(() => []);
  const givenScores: string[] = [];
  const permuted: string[] = [];
  for (const label of labels) {
    const estimates = estimatesOf(label);
    const given = options.scores?.[label];
    let scores: CompareScores[];
    if (given) {
      scores = stems.map((stem) => checkScores(given[stem], label, stem));
      givenScores.push(label);
    } else {
      try {
        const r = bssEvalSources(
          stems.map((s) => references[s].channels),
          estimates.map((e) => e.channels),
          { computePermutation: label === mixtureLabel ? false : (options.computePermutation ?? true) },
        );
        if (r.permutation.some((p, j) => p !== j)) permuted.push(label);
        scores = stems.map((_, j) => ({ sdr: r.sdr[j], sir: r.sir[j], sar: r.sar[j] }));
      } catch (e) {
        throw new Error(`compareSeparations: scoring column "${label}" failed: ${(e as Error).message}`, { cause: e });
      }
    }
    stems.forEach((_, j) => {
      const cell = label === mixtureLabel ? mixtureCell : { thumbnail: picture(estimates[j]), audio: copySignal(estimates[j]) };
      cells[j].push({ ...cell, scores: scores[j] });
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
  }

  const seconds = frameCount(mixture) / mixture.sampleRate;
  const spec = spectrogram!;
  const notes = [
    givenScores.length > 0 ? `scores given for ${givenScores.join(", ")}` : "",
    permuted.length > 0 ? `BSS Eval matched estimates to other stems in ${permuted.join(", ")}` : "",
  ].filter(Boolean);
  const caption =
    `${stems.join(", ")} × ${labels.join(", ")} · ${seconds.toFixed(1)} s · spectrograms at ${rate} Hz (window ${spec.nfft}, hop ${spec.hop}), ` +
    `0–${rate / 2} Hz, ${range} dB shared range · BSS Eval v3 SDR/SIR/SAR in dB` +
    (notes.length > 0 ? ` (${notes.join("; ")})` : "");
  return {
    kind: "view",
    view: "compare",
    caption,
    stems,
    columns: labels,
    cells,
    thumbnail: { frames: width, bins: height },
    spectrogram: spec,
    seconds,
    db: { max, range },
    givenScores,
    permuted,
  };
}

/**
 * Frame-major values (frames × bins) at exactly outFrames × outBins: max-pooled where the source is
 * larger (downsample.ts: peaks survive, a mean would wash out onsets and thin harmonics), repeated
 * where it is smaller, so every thumbnail of a grid has one size whatever the song's length.
 */
export function fitPool(values: Float32Array, frames: number, bins: number, outFrames: number, outBins: number): Float32Array {
  const pooled = maxPool(values, frames, bins, outFrames, outBins);
  if (pooled.columns === outFrames && pooled.rows === outBins) return pooled.values;
  const out = new Float32Array(outFrames * outBins);
  for (let t = 0; t < outFrames; t++) {
    const from = Math.floor((t * pooled.columns) / outFrames) * pooled.rows;
    for (let b = 0; b < outBins; b++) out[t * outBins + b] = pooled.values[from + Math.floor((b * pooled.rows) / outBins)];
  }
  return out;
}

function copySignal(s: AudioSignal): AudioSignal {
  return { sampleRate: s.sampleRate, channels: s.channels.map((c) => c.slice()) };
}

/** Scores need every estimate to line up with the mixture sample for sample. */
function checkLike(signal: AudioSignal, mixture: AudioSignal, what: string): void {
  assertSignal(signal, `compareSeparations: ${what}`);
  const problem =
    signal.sampleRate !== mixture.sampleRate
      ? `is at ${signal.sampleRate} Hz, the mixture at ${mixture.sampleRate} Hz (resampleSignal it first)`
      : signal.channels.length !== mixture.channels.length
        ? `has ${signal.channels.length} channels, the mixture ${mixture.channels.length} (toChannelCount it first)`
        : frameCount(signal) !== frameCount(mixture)
          ? `has ${frameCount(signal)} samples, the mixture ${frameCount(mixture)} (trimOrPad it first)`
          : "";
  if (problem) throw new Error(`compareSeparations: ${what} ${problem}`);
}

function checkScores(scores: CompareScores | undefined, column: string, stem: string): CompareScores {
  if (!scores || COMPARE_METRICS.some((m) => typeof scores[m] !== "number")) {
    throw new Error(`compareSeparations: options.scores["${column}"] has no numeric sdr, sir and sar for "${stem}"; give all three for every stem, or leave the column out to compute them`);
  }
  return { sdr: scores.sdr, sir: scores.sir, sar: scores.sar };
}
