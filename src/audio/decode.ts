import { AudioFormatError } from "./errors";
import { probeSampleRate } from "./probe-rate";
import type { AudioSignal } from "./signal";
import { CONTAINER_NAMES, containerFromName, describeNonAudio, sniffContainer } from "./sniff";
import { decodeWav } from "./wav-read";

/** Decoding rate when a file's native rate cannot be read from its header (see decodeAudio). */
export const FALLBACK_DECODE_RATE = 48000;

/** Chromium accepts OfflineAudioContext rates in this range; the spec guarantees 8–96 kHz at least. */
const MIN_CONTEXT_RATE = 3000;
const MAX_CONTEXT_RATE = 768000;

/**
 * Decodes an audio file held in memory. Browser-safe (no Node imports).
 *
 * The format is detected from the bytes (the extension of `name` is only a tie-breaker); `name` also
 * appears in error messages. WAV (PCM/float, any channel count) is decoded here, in TypeScript, in any
 * environment. MP3, Ogg Vorbis/Opus/FLAC, FLAC, M4A/AAC and WebM go through Web Audio's
 * decodeAudioData, so they need a browser; in Node use `readAudioFile` from "src/audio/node" (ffmpeg).
 *
 * Web Audio resamples whatever it decodes to its context's rate, so this reads the native rate from
 * the header (FLAC STREAMINFO, Vorbis identification header, MP3 frame header, AAC in ADTS or MP4,
 * WebM's SamplingFrequency; Opus is always 48 kHz) and decodes with an OfflineAudioContext at that
 * rate: the samples come back at the rate they were encoded at. For AAC, a header rate ≤ 24 kHz is
 * taken as HE-AAC and doubled. When no rate can be probed (an unusual layout, or a rate outside the
 * 3–768 kHz Web Audio supports) the file is decoded at FALLBACK_DECODE_RATE (48 kHz): the audio is
 * then resampled by the browser, without loss of band for files up to 48 kHz.
 */
export async function decodeAudio(bytes: Uint8Array, name?: string): Promise<AudioSignal> {
  const label = name ? `"${name}"` : "audio";
  if (bytes.length === 0) throw new AudioFormatError(`Cannot decode ${label}: the file is empty (0 bytes).`);
  const container = sniffContainer(bytes) ?? containerFromName(name);
  if (container === "wav" || container === "rf64") {
    try {
      const { sampleRate, channels } = decodeWav(bytes);
      return { sampleRate, channels };
    } catch (e) {
      throw name && e instanceof AudioFormatError ? new AudioFormatError(`${label}: ${e.message}`) : e;
    }
  }
  if (!container) {
    const looks = describeNonAudio(bytes);
    throw new AudioFormatError(
      `Cannot decode ${label}: not a recognised audio format${looks ? ` (it looks like ${looks})` : ""}. ` +
        `Supported: WAV everywhere; MP3, Ogg, FLAC, M4A/AAC, WebM in a browser.`,
    );
  }
  const kind = CONTAINER_NAMES[container];
  if (typeof OfflineAudioContext === "undefined") {
    throw new AudioFormatError(
      `Cannot decode ${label}: it is ${kind}, which needs Web Audio (a browser). In Node, use readAudioFile() from src/audio/node (ffmpeg), or convert to WAV.`,
    );
  }
  const probed = probeSampleRate(bytes, container);
  const rate = probed && probed >= MIN_CONTEXT_RATE && probed <= MAX_CONTEXT_RATE ? probed : FALLBACK_DECODE_RATE;
  const context = new OfflineAudioContext({ numberOfChannels: 1, length: 1, sampleRate: rate });
  let buffer: AudioBuffer;
  try {
    // decodeAudioData detaches the ArrayBuffer it is given, so give it a copy, not the caller's bytes.
    buffer = await context.decodeAudioData(bytes.slice().buffer);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new AudioFormatError(
      `Cannot decode ${label} (${kind}): ${why || "the browser's decoder rejected it"}. The file may be corrupt, or this browser lacks the codec; converting it to WAV always works.`,
    );
  }
  const channels = Array.from({ length: buffer.numberOfChannels }, (_, c) => buffer.getChannelData(c));
  return { sampleRate: buffer.sampleRate, channels };
}
