/**
 * A compressed audio file (MP3, M4A/AAC, Ogg Vorbis/Opus, FLAC, WebM) as a ChunkSource that decodes
 * as it is read: Web Audio's decodeAudioData takes the whole file and returns all of it as float32
 * (an hour of stereo MP3, 140 MB, becomes 1.27 GB), so long compressed files could not be separated
 * in a tab. Mediabunny reads the container from the Blob a slice at a time and feeds its packets to
 * WebCodecs' AudioDecoder. Browser only (WebCodecs); Node decodes with ffmpeg.
 *
 * One decoder runs from the start of the file to the end, and reads must move forward (separateLong's
 * overlapping chunks do): a decoder started in the middle of a stream does not give the same samples
 * (measured in Chromium: Opus comes out 312 samples late after a seek, its pre-skip applied again;
 * MP3's bit reservoir and every MDCT codec's overlap garble the first packets), so a read that goes
 * back starts over from the beginning instead of seeking. Samples come out where decodeAudioData puts
 * them: frame 0 is presentation time 0 (an MP4 edit list's priming is dropped), and an MP3's encoder
 * delay and padding are cut as its LAME tag says (mp3-gapless.ts), as ffmpeg does.
 */
import type { AudioSample, InputAudioTrack } from "mediabunny";
import { AudioFormatError } from "../audio";
import type { ChunkSource } from "./long";
import { MP3_DECODER_DELAY, readMp3Gapless } from "./mp3-gapless";

export interface MediaChunkSource extends ChunkSource {
  /** Frees the demuxer's buffers; the source cannot be read afterwards. */
  close(): void;
}

/** Whether this environment can stream-decode compressed audio (WebCodecs' AudioDecoder). */
export const canStreamDecode = (): boolean => typeof AudioDecoder !== "undefined";

const fail = (name: string, why: string) => new AudioFormatError(`Cannot decode "${name}": ${why}`);

export async function mediaBlobSource(blob: Blob, name = "audio"): Promise<MediaChunkSource> {
  if (!canStreamDecode()) throw fail(name, "this browser has no WebCodecs AudioDecoder to decode it in pieces; convert it to WAV, which separates in pieces everywhere.");
  if (blob.size === 0) throw fail(name, "the file is empty (0 bytes).");
  const { ALL_FORMATS, AudioSampleSink, BlobSource, Input } = await import("mediabunny");
  const input = new Input({ source: new BlobSource(blob), formats: ALL_FORMATS });
  let track: InputAudioTrack | null;
  let first: number, end: number;
  try {
    track = await input.getPrimaryAudioTrack();
    if (!track) throw new Error("it holds no audio track");
    if (!(await track.canDecode())) throw new Error(`this browser cannot decode its codec (${track.codec ?? "unknown"}); convert it to WAV`);
    [first, end] = [await track.getFirstTimestamp(), await track.computeDuration()];
  } catch (e) {
    input.dispose();
    const why = e instanceof Error ? e.message : String(e);
    throw fail(name, `${why}. The file may be corrupt or in a format this reader does not know; converting it to WAV always works.`);
  }
  const sampleRate = track.sampleRate;
  const channelCount = track.numberOfChannels;
  const gapless = track.codec === "mp3" ? await readMp3Gapless(blob) : undefined;
  // Timestamps below zero are priming that the container says to drop; a stream starting later
  // than zero starts at its first sample.
  const origin = Math.max(0, first);
  const skip = gapless ? gapless.delay + MP3_DECODER_DELAY : 0;
  const frames = Math.max(0, Math.round((end - origin) * sampleRate) - (gapless ? gapless.delay + gapless.padding : 0));
  const sink = new AudioSampleSink(track);

  // The decoded frames [held.start, held.start + held.length) and the decoder that goes on from there.
  let samples: AsyncGenerator<AudioSample, void> | undefined;
  let held = { start: 0, length: 0, channels: [] as Float32Array[] };
  let ended = false;
  const restart = async () => {
    await samples?.return();
    samples = sink.samples();
    held = { start: 0, length: 0, channels: Array.from({ length: channelCount }, () => new Float32Array(0)) };
    ended = false;
  };
  /** Drops held frames before `start`. */
  const dropBefore = (start: number) => {
    const n = Math.min(held.length, start - held.start);
    if (n <= 0) return;
    for (const c of held.channels) c.copyWithin(0, n, held.length);
    held.start += n;
    held.length -= n;
  };
  /** Appends a decoded sample at its place (frames before `held.start` are dropped; a gap is silence). */
  const append = (sample: AudioSample) => {
    const at = Math.round((sample.timestamp - origin) * sampleRate) - skip;
    const n = sample.numberOfFrames;
    const from = Math.max(0, held.start - at);
    const to = at + n - held.start;
    if (n - from <= 0) return;
    if (to > held.channels[0].length) {
      held.channels = held.channels.map((c) => {
        const grown = new Float32Array(Math.max(to, 2 * c.length));
        grown.set(c.subarray(0, held.length));
        return grown;
      });
    }
    const plane = new Float32Array(n);
    const offset = at + from - held.start;
    held.channels.forEach((c, ch) => {
      c.fill(0, held.length, Math.max(held.length, offset));
      sample.copyTo(plane, { planeIndex: Math.min(ch, sample.numberOfChannels - 1), format: "f32-planar" });
      c.set(plane.subarray(from), offset);
    });
    held.length = Math.max(held.length, to);
  };

  return {
    sampleRate,
    channelCount,
    frames,
    async read(start, count) {
      count = Math.max(0, Math.min(count, frames - start));
      if (!samples || start < held.start) await restart();
      dropBefore(start);
      if (held.length === 0) held.start = Math.max(held.start, start);
      while (!ended && held.start + held.length < start + count) {
        const next = await samples!.next();
        if (next.done) ended = true;
        else {
          try {
            append(next.value);
          } finally {
            next.value.close();
          }
          dropBefore(start);
        }
      }
      return held.channels.map((c) => {
        const out = new Float32Array(count);
        out.set(c.subarray(start - held.start, Math.min(held.length, start - held.start + count)));
        return out;
      });
    },
    close() {
      void samples?.return();
      input.dispose();
    },
  };
}
