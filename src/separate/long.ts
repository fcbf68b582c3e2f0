/**
 * Separating audio too long to hold in memory (an hour of 44.1 kHz stereo is 1.27 GB as float32,
 * and `separate` returns two more of those): the input is read in chunks, each chunk is separated
 * with `separate`, and the estimates go out chunk by chunk, so memory stays that of one chunk
 * whatever the length. Chunks overlap; in the middle half of each overlap the two estimates are
 * cross-faded, away from the chunk edges where resampling and the STFT see a cut.
 */
import { readWavLayout, readWavSamples, wavHeader, wavSamples, type StreamedWavFormat, type WavLayout } from "../audio";
import { separate, type SeparateOptions, type SeparationModels } from "./separate";

/** Audio read on demand: `read(start, count)` gives planar channels of `count` frames from `start`. */
export interface ChunkSource {
  sampleRate: number;
  channelCount: number;
  frames: number;
  read(start: number, count: number): Promise<Float32Array[]>;
}

/** A ChunkSource holding a resource (a decoder, a pipe) to free when done with it. */
export interface ClosableChunkSource extends ChunkSource {
  close(): void;
}

export interface SeparatedChunk {
  /** First frame of this piece in the output. */
  start: number;
  vocals: Float32Array[];
  accompaniment: Float32Array[];
}

export interface LongSeparateOptions extends SeparateOptions {
  /** Seconds per chunk (default 60). */
  chunkSeconds?: number;
  /** Seconds two neighbouring chunks share (default 8); the middle half of it is cross-faded. */
  overlapSeconds?: number;
  /** Called with each chunk's finished piece, in order; pieces are contiguous and cover the input. */
  write(piece: SeparatedChunk): void | Promise<void>;
  onChunk?: (done: number, total: number) => void;
  /** The fraction of the whole input done, after every batch of patches (finer than onChunk). */
  onFraction?: (fraction: number) => void;
}

export async function separateLong(source: ChunkSource, models: SeparationModels, options: LongSeparateOptions): Promise<void> {
  const { sampleRate, frames: length } = source;
  if (length === 0) throw new Error("the audio is empty: there is nothing to separate");
  const chunk = Math.round((options.chunkSeconds ?? 60) * sampleRate);
  const overlap = Math.round((options.overlapSeconds ?? 8) * sampleRate);
  if (!(overlap >= 4 && chunk >= 2 * overlap)) {
    throw new Error(`separateLong: a chunk (${options.chunkSeconds ?? 60} s) must be at least twice the overlap (${options.overlapSeconds ?? 8} s), and the overlap at least 4 samples`);
  }
  const hop = chunk - overlap;
  const total = chunkCount(length, chunk, hop);
  let held: { vocals: Float32Array[]; accompaniment: Float32Array[] } | undefined;
  for (let k = 0; k < total; k++) {
    const start = k * hop;
    const end = Math.min(start + chunk, length);
    const last = end === length;
    const channels = await source.read(start, end - start);
    const onProgress = options.onFraction && ((p: { done: number; total: number }) => options.onFraction!((k + p.done / p.total) / total));
    const estimate = await separate({ sampleRate, channels }, models, { ...options, onProgress: onProgress ?? options.onProgress });
    const stems = { vocals: estimate.vocals.channels, accompaniment: estimate.accompaniment.channels };
    // The previous chunk's last `overlap` frames and this chunk's first ones are the same audio.
    if (held) for (const stem of ["vocals", "accompaniment"] as const) crossFade(held[stem], stems[stem], overlap);
    const to = last ? end - start : end - start - overlap;
    await options.write({ start, vocals: stems.vocals.map((c) => c.subarray(0, to)), accompaniment: stems.accompaniment.map((c) => c.subarray(0, to)) });
    held = last
      ? undefined
      : { vocals: stems.vocals.map((c) => c.slice(to)), accompaniment: stems.accompaniment.map((c) => c.slice(to)) };
    options.onChunk?.(k + 1, total);
  }
}

/** How many chunks of `chunk` frames, `hop` apart, cover `length` frames. */
function chunkCount(length: number, chunk: number, hop: number): number {
  return length <= chunk ? 1 : 1 + Math.ceil((length - chunk) / hop);
}

/** Writes into `into`'s first `n` frames: `held` up to n/4, a linear ramp to `into` by 3n/4, then `into`. */
function crossFade(held: Float32Array[], into: Float32Array[], n: number): void {
  const a = Math.floor(n / 4), b = Math.ceil((3 * n) / 4);
  held.forEach((h, c) => {
    const x = into[c];
    for (let i = 0; i < n; i++) {
      const w = i < a ? 0 : i >= b ? 1 : (i - a) / (b - a);
      x[i] = (1 - w) * h[i] + w * x[i];
    }
  });
}

/**
 * A WAV file as a ChunkSource, read from a Blob (a File from an input or a drop; in Node,
 * `fs.openAsBlob(path)`) one slice at a time, so the file is never in memory whole.
 */
export async function wavBlobSource(blob: Blob): Promise<ClosableChunkSource> {
  const head = new Uint8Array(await blob.slice(0, Math.min(blob.size, 1 << 20)).arrayBuffer());
  const layout: WavLayout = readWavLayout(head);
  // readWavLayout counts the frames in the bytes it was given; the file holds what its data chunk
  // says (unset sizes, as streaming writers leave them, mean "to the end of the file").
  const declared = new DataView(head.buffer, head.byteOffset + layout.dataOffset - 4, 4).getUint32(0, true);
  const available = blob.size - layout.dataOffset;
  const bytes = declared === 0 || declared === 0xffffffff ? available : Math.min(declared, available);
  const frames = Math.floor(bytes / layout.blockAlign);
  return {
    sampleRate: layout.sampleRate,
    channelCount: layout.channelCount,
    frames,
    async read(start, count) {
      count = Math.max(0, Math.min(count, frames - start));
      const at = layout.dataOffset + start * layout.blockAlign;
      const slice = new Uint8Array(await blob.slice(at, at + count * layout.blockAlign).arrayBuffer());
      return readWavSamples(slice, { ...layout, dataOffset: 0, frames: count }, 0, count);
    },
    close() {}, // nothing held between reads
  };
}

/** An in-memory signal as a ChunkSource (for tests, and for audio decoded by other means). */
export function signalSource(signal: { sampleRate: number; channels: Float32Array[] }): ChunkSource {
  return {
    sampleRate: signal.sampleRate,
    channelCount: signal.channels.length,
    frames: signal.channels[0]?.length ?? 0,
    read: async (start, count) => signal.channels.map((c) => c.slice(start, start + count)),
  };
}


/** Where separateToWav puts a stem's bytes as they come; `finish` gives the whole file. */
export interface StemWriter {
  write(bytes: Uint8Array<ArrayBuffer>): void | Promise<void>;
  finish(): Promise<Blob>;
}
export type StemStorage = (stem: "vocals" | "accompaniment") => Promise<StemWriter>;

/**
 * Each piece appended to a Blob: its bytes move to the browser's blob storage (on disk when large)
 * instead of piling up in the page. Chromium refuses Blobs past its blob-storage quota, though: the two
 * stems of an hour (2 × 635 MB) came back unreadable ("Failed to fetch"), hence `opfsStemStorage`.
 */
export const blobStemStorage: StemStorage = async () => {
  let blob = new Blob([], { type: "audio/wav" });
  return {
    write(bytes) {
      blob = new Blob([blob, bytes], { type: "audio/wav" });
    },
    finish: async () => blob,
  };
};

/**
 * separateLong into two WAV files (pcm16 by default: an hour of stereo is 635 MB a stem), each piece
 * encoded and handed to `storage` as it comes, so the stems never sit in the page whole.
 */
export async function separateToWav(
  source: ChunkSource,
  models: SeparationModels,
  options: Omit<LongSeparateOptions, "write"> & { format?: StreamedWavFormat; storage?: StemStorage } = {},
): Promise<{ vocals: Blob; accompaniment: Blob }> {
  const format = options.format ?? "pcm16";
  const storage = options.storage ?? blobStemStorage;
  const writers = { vocals: await storage("vocals"), accompaniment: await storage("accompaniment") };
  for (const w of Object.values(writers)) await w.write(wavHeader(source.sampleRate, source.channelCount, source.frames, format) as Uint8Array<ArrayBuffer>);
  await separateLong(source, models, {
    ...options,
    async write(piece) {
      for (const stem of ["vocals", "accompaniment"] as const) await writers[stem].write(wavSamples(piece[stem], format) as Uint8Array<ArrayBuffer>);
    },
  });
  return { vocals: await writers.vocals.finish(), accompaniment: await writers.accompaniment.finish() };
}
