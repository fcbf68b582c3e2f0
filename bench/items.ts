/**
 * What the benchmark measures: one row per item, as data. The table, the results entry and the
 * item selection all read this list; adding an item is adding a row here and a measurement where
 * it runs (node-items.ts, page.ts, preview.ts, memory.ts).
 */

/** Items of bench/reference.py (PyTorch and scipy), by the names it prints. */
export type ReferenceName = "forward_b1" | "forward_b8" | "train_b8" | "stft_istft_3min" | "resample_3min";

/** Where an item runs: in this Node process, in the bench page, or against a built app. */
export type Place = "node" | "browser" | "preview";

/**
 * How a row's ratio is made: ours ÷ reference; audio duration ÷ ours (× real time); or none.
 * The results format has one `ratio` field whatever it means; the item says which.
 */
export type RatioKind = "vs-reference" | "real-time" | "none";

export type Target =
  | { kind: "ratio-at-most"; value: number }
  | { kind: "real-time-at-least"; value: number }
  | { kind: "at-most"; value: number };

export interface BenchItem {
  name: string;
  place: Place;
  unit: "ms" | "MB";
  ratio: RatioKind;
  reference?: ReferenceName;
  /** Length of the audio for real-time ratios, in ms. */
  audioMs?: number;
  /** From issue 7; items without one are context for the ones that have it. */
  target?: Target;
  /** Left out of --quick unless named in --only (it takes minutes). */
  slow?: boolean;
  what: string;
}

export const THREE_MINUTES_MS = 180_000;

/** A peak-memory item of an hour-long separation in the browser (slow; issue 7's ≤ 1.5 GB). */
function sixtyMinutes(name: string, what: string): BenchItem {
  return { name, place: "browser", unit: "MB", ratio: "real-time", audioMs: 60 * 60_000, target: { kind: "at-most", value: 1500 }, slow: true, what };
}

export const ITEMS: readonly BenchItem[] = [
  { name: "forward_b1", place: "node", unit: "ms", ratio: "vs-reference", reference: "forward_b1", what: "paper U-Net predict, batch 1, wasm in Node (1 thread)" },
  { name: "forward_b8", place: "node", unit: "ms", ratio: "vs-reference", reference: "forward_b8", what: "paper U-Net predict, batch 8, wasm in Node" },
  { name: "train_b8", place: "node", unit: "ms", ratio: "vs-reference", reference: "train_b8", what: "one Adam step of the L1 mask loss, batch 8, wasm in Node" },
  {
    name: "stft_istft_3min",
    place: "node",
    unit: "ms",
    ratio: "vs-reference",
    reference: "stft_istft_3min",
    target: { kind: "ratio-at-most", value: 1 },
    what: "src/dsp stft + istft of 3 min at 8192 Hz (Hann 1024, hop 768, centred)",
  },
  { name: "resample_3min", place: "node", unit: "ms", ratio: "vs-reference", reference: "resample_3min", what: "3 min 44.1 kHz stereo → 8192 Hz, RESAMPLE_SCIPY (scipy's filter)" },
  {
    name: "resample_3min_default",
    place: "node",
    unit: "ms",
    ratio: "vs-reference",
    reference: "resample_3min",
    what: "the same with RESAMPLE_DEFAULT (2× the taps; what separate() uses) vs scipy's default",
  },
  { name: "separate_3min_node", place: "node", unit: "ms", ratio: "real-time", audioMs: THREE_MINUTES_MS, what: "separate() of 3 min 44.1 kHz stereo with models/default, in Node" },
  { name: "forward_b1_browser", place: "browser", unit: "ms", ratio: "vs-reference", reference: "forward_b1", what: "paper U-Net predict, batch 1, wasm in Chromium" },
  {
    name: "forward_b8_browser",
    place: "browser",
    unit: "ms",
    ratio: "vs-reference",
    reference: "forward_b8",
    target: { kind: "ratio-at-most", value: 1 },
    what: "paper U-Net predict, batch 8, wasm in Chromium",
  },
  {
    name: "train_b8_browser",
    place: "browser",
    unit: "ms",
    ratio: "vs-reference",
    reference: "train_b8",
    target: { kind: "ratio-at-most", value: 1 },
    what: "one Adam step, batch 8, wasm in Chromium",
  },
  {
    name: "separate_3min_browser",
    place: "browser",
    unit: "ms",
    ratio: "real-time",
    audioMs: THREE_MINUTES_MS,
    target: { kind: "real-time-at-least", value: 150 },
    what: "separate() of 3 min 44.1 kHz stereo with models/default, in Chromium",
  },
  {
    name: "separate_3min_mid_browser",
    place: "browser",
    unit: "ms",
    ratio: "real-time",
    audioMs: THREE_MINUTES_MS,
    what: "the same with { stereo: \"mid\" }: one mask from the channels' mean for both",
  },
  {
    name: "longest_task_training_browser",
    place: "browser",
    unit: "ms",
    ratio: "none",
    target: { kind: "at-most", value: 50 },
    what: "longest main-thread task while startTraining runs paper-model steps in its worker",
  },
  { name: "tti_preview", place: "preview", unit: "ms", ratio: "none", target: { kind: "at-most", value: 1500 }, what: "vite preview: navigation → workbench sidebar listed and first view open (cold cache)" },
  sixtyMinutes(
    "peak_memory_60min_browser",
    "peak resident memory of the page's renderer separating a 60-min 44.1 kHz stereo WAV file as the separator does (a chunk at a time, stems written to OPFS files)",
  ),
  sixtyMinutes(
    "peak_memory_60min_mp3_browser",
    "the same for a 60-min 44.1 kHz stereo MP3 (192 kb/s, ffmpeg): decoded a chunk at a time by WebCodecs (mediaBlobSource), as the separator does",
  ),
];

export function itemNamed(name: string): BenchItem | undefined {
  return ITEMS.find((i) => i.name === name);
}
