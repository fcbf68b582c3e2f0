/**
 * A compressed file as a ChunkSource in Node: ffmpeg decodes it to a pipe and separateLong takes it a
 * chunk at a time, so `demix separate` holds a minute of an hour-long MP3 instead of all of it (and
 * has no ceiling on length). The frame count must be known before the first chunk (the WAV headers
 * are written first, and separateLong plans its chunks), so a first pass decodes the file and counts;
 * decoding runs at hundreds of times real time, a small cost next to the separation.
 */
import { AudioFormatError, readWavLayout, readWavSamples, type WavLayout } from "../audio";
import { ffmpegWavStream } from "../audio/node";
import { forwardSource, type DecodedPiece } from "./forward-source";
import type { ClosableChunkSource } from "./long";

export async function ffmpegSource(path: string, ffmpeg = process.env.FFMPEG_PATH ?? "ffmpeg"): Promise<ClosableChunkSource> {
  const where = `Cannot read audio file "${path}"`;
  // The counting pass: the header says rate and channels, the bytes after it the frames.
  let layout: WavLayout | undefined;
  let head: Uint8Array = new Uint8Array(0);
  let bytes = 0; // after the first 4 KB, which hold the header
  for await (const chunk of ffmpegWavStream(path, ffmpeg, where)) {
    if (layout) bytes += chunk.length;
    else if ((head = concat(head, chunk)).length >= 4096) layout = readWavLayout(head);
  }
  if (!layout && head.length === 0) throw new AudioFormatError(`${where}: ffmpeg decoded nothing from it.`);
  layout ??= readWavLayout(head);
  bytes += head.length - layout.dataOffset;
  const { sampleRate, channelCount, dataOffset } = layout;
  const samples: WavLayout = { ...layout, dataOffset: 0 };
  const frameBytes = 4 * channelCount;
  const frames = Math.floor(bytes / frameBytes);
  if (frames === 0) throw new AudioFormatError(`${where}: it holds no audio samples.`);

  async function* pass(): AsyncGenerator<DecodedPiece> {
    let skip = dataOffset; // the WAV header, then float32 frames interleaved
    let carry: Uint8Array = new Uint8Array(0);
    let at = 0;
    for await (const chunk of ffmpegWavStream(path, ffmpeg, where)) {
      let data = concat(carry, chunk);
      if (skip > 0) {
        const n = Math.min(skip, data.length);
        data = data.subarray(n);
        skip -= n;
      }
      const whole = data.length - (data.length % frameBytes);
      // A copy, not a view: a Node Buffer's slice() shares its pool's memory.
      carry = new Uint8Array(data.subarray(whole));
      if (whole === 0) continue;
      const n = whole / frameBytes;
      const channels = readWavSamples(data.subarray(0, whole), { ...samples, frames: n });
      yield { at, channels };
      at += n;
    }
  }
  return forwardSource({ sampleRate, channelCount, frames, start: () => pass(), close: () => {} });
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
