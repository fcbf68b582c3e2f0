/**
 * A compressed audio file (MP3, M4A/AAC, Ogg Vorbis/Opus, FLAC, WebM) as a ChunkSource that decodes
 * as it is read: Web Audio's decodeAudioData takes the whole file and returns all of it as float32
 * (an hour of stereo MP3, 140 MB, becomes 1.27 GB), so long compressed files could not be separated
 * in a tab. Mediabunny reads the container from the Blob a slice at a time and feeds its packets to
 * WebCodecs' AudioDecoder. Browser only (WebCodecs); Node decodes with ffmpeg.
 *
 * One decoder runs from the start of the file to the end (forward-source.ts says why it never seeks).
 * Samples come out where decodeAudioData puts them: frame 0 is presentation time 0 (an MP4 edit
 * list's priming is dropped), and an MP3's encoder delay and padding are cut as its LAME tag says
 * (mp3-gapless.ts), as ffmpeg does.
 */
import type { InputAudioTrack } from "mediabunny";
import { AudioFormatError } from "../audio";
import { forwardSource, type DecodedPiece } from "./forward-source";
import type { ClosableChunkSource } from "./long";
import { MP3_DECODER_DELAY, readMp3Gapless } from "./mp3-gapless";

/** Whether this environment can stream-decode compressed audio (WebCodecs' AudioDecoder). */
export const canStreamDecode = (): boolean => typeof AudioDecoder !== "undefined";

const fail = (name: string, why: string) => new AudioFormatError(`Cannot decode "${name}": ${why}`);

export async function mediaBlobSource(blob: Blob, name = "audio"): Promise<ClosableChunkSource> {
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
  async function* pass(): AsyncGenerator<DecodedPiece> {
    for await (const sample of sink.samples()) {
      try {
        const channels = Array.from({ length: sample.numberOfChannels }, (_, c) => {
          const x = new Float32Array(sample.numberOfFrames);
          sample.copyTo(x, { planeIndex: c, format: "f32-planar" });
          return x;
        });
        yield { at: Math.round((sample.timestamp - origin) * sampleRate) - skip, channels };
      } finally {
        sample.close();
      }
    }
  }
  return forwardSource({ sampleRate, channelCount, frames, start: () => pass(), close: () => input.dispose() });
}
