/**
 * A ChunkSource over a decoder that can only go forward (WebCodecs through mediabunny in the browser,
 * an ffmpeg pipe in Node). separateLong reads overlapping chunks in order, so the source holds what it
 * has decoded from the current read's start on and decodes on until the read is covered; a read that
 * goes back starts the decoder over from the beginning. Restarting a decoder mid-stream instead (a
 * seek) would not give the same samples: Opus came out 312 samples late after a seek in Chromium, and
 * MP3's bit reservoir and every MDCT codec's overlap garble the first packets.
 */
import type { ClosableChunkSource } from "./long";

/** Decoded audio: planar channels whose first frame is frame `at` of the stream (may be negative: dropped). */
export interface DecodedPiece {
  at: number;
  channels: Float32Array[];
}

export interface ForwardDecoder {
  sampleRate: number;
  channelCount: number;
  /** Frames the stream holds (what decodeAudioData or ffmpeg would return). */
  frames: number;
  /** A fresh pass over the stream from its beginning. */
  start(): AsyncIterator<DecodedPiece>;
  /** Frees the decoder's resources. */
  close(): void;
}

export function forwardSource(decoder: ForwardDecoder): ClosableChunkSource {
  const { frames, channelCount } = decoder;
  let pass: AsyncIterator<DecodedPiece> | undefined;
  // The decoded frames [start, start + length), in buffers that grow as needed.
  let held = { start: 0, length: 0, channels: [] as Float32Array[] };
  let ended = false;
  const restart = async () => {
    await pass?.return?.();
    pass = decoder.start();
    held = { start: 0, length: 0, channels: Array.from({ length: channelCount }, () => new Float32Array(0)) };
    ended = false;
  };
  /** Drops held frames before `start`; with none held, the next piece lands at `start`. */
  const dropBefore = (start: number) => {
    const n = Math.min(held.length, start - held.start);
    if (n > 0) {
      for (const c of held.channels) c.copyWithin(0, n, held.length);
      held.length -= n;
    }
    held.start = Math.max(held.start, start);
  };
  /** Puts a piece at its place: frames before `held.start` are dropped, a gap before it is silence. */
  const append = ({ at, channels }: DecodedPiece) => {
    const n = channels[0]?.length ?? 0;
    const from = Math.max(0, held.start - at);
    if (n - from <= 0) return;
    const offset = at + from - held.start;
    const end = offset + n - from;
    if (end > held.channels[0].length) {
      held.channels = held.channels.map((c) => {
        const grown = new Float32Array(Math.max(end, 2 * c.length));
        grown.set(c.subarray(0, held.length));
        return grown;
      });
    }
    held.channels.forEach((c, ch) => {
      c.fill(0, held.length, Math.max(held.length, offset));
      c.set(channels[Math.min(ch, channels.length - 1)].subarray(from), offset);
    });
    held.length = Math.max(held.length, end);
  };
  return {
    sampleRate: decoder.sampleRate,
    channelCount,
    frames,
    async read(start, count) {
      count = Math.max(0, Math.min(count, frames - start));
      if (!pass || start < held.start) await restart();
      dropBefore(start);
      while (!ended && held.start + held.length < start + count) {
        const next = await pass!.next();
        if (next.done) ended = true;
        else append(next.value);
      }
      return held.channels.map((c) => {
        const out = new Float32Array(count);
        out.set(c.subarray(0, Math.min(held.length, count)));
        return out;
      });
    },
    close() {
      void pass?.return?.();
      decoder.close();
    },
  };
}
