/**
 * A compressed file as a ChunkSource in Node: ffmpeg decodes it to a pipe and separateLong takes it a
 * chunk at a time, so `demix separate` holds a minute of an hour-long MP3 instead of all of it (and
 * has no ceiling on length). The frame count must be known before the first chunk (the WAV headers
 * are written first, and separateLong plans its chunks), so a first pass decodes the file and counts;
 * decoding runs at hundreds of times real time, a small cost next to the separation.
 */
import { AudioFormatError, readWavLayout } from "../audio";
import { ffmpegWavStream } from "../audio/node";
import { forwardSource, type ClosableChunkSource, type DecodedPiece } from "./forward-source";

export async function ffmpegSource(path: string, ffmpeg = process.env.FFMPEG_PATH ?? "ffmpeg"): Promise<ClosableChunkSource> {
  const where = `Cannot read audio file "${path}"`;
  // The counting pass: the header says rate and channels, the bytes after it the frames.
  let layout: ReturnType<typeof readWavLayout> | undefined;
  let head: Uint8Array = new Uint8Array(0);
  let bytes = 0;
  for await (const chunk of ffmpegWavStream(path, ffmpeg, where)) {
    if (!layout) {
      head = concat(head, chunk);
      if (head.length < 4096) continue;
      layout = readWavLayout(head);
      bytes = head.length - layout.dataOffset;
    } else bytes += chunk.length;
  }
  if (!layout) {
    if (head.length === 0) throw new AudioFormatError(`${where}: ffmpeg decoded nothing from it.`);
    layout = readWavLayout(head);
    bytes = head.length - layout.dataOffset;
  }
  const { sampleRate, channelCount, dataOffset } = layout;
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
      // Copies, not views: a Node Buffer's slice() shares its pool's memory.
      carry = new Uint8Array(data.subarray(whole));
      if (whole === 0) continue;
      const interleaved = new Float32Array(new Uint8Array(data.subarray(0, whole)).buffer);
      const n = whole / frameBytes;
      const channels = Array.from({ length: channelCount }, (_, c) => {
        const x = new Float32Array(n);
        for (let i = 0; i < n; i++) x[i] = interleaved[i * channelCount + c];
        return x;
      });
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
