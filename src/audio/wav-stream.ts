import { encodeWav } from "./wav-write";
import type { WavSampleFormat } from "./wav-format";

/**
 * A WAV file written in pieces, for audio too long to hold as one array (an hour of stereo at
 * 44.1 kHz is 1.27 GB as float32): `wavHeader` for the whole length first, then `wavSamples` of each
 * piece in order. Concatenated they are byte for byte what `encodeWav` writes for the whole signal.
 * Only formats with even frame sizes (no pad byte at the end): pcm16, pcm32, float32, float64.
 */
export type StreamedWavFormat = "pcm16" | "pcm32" | "float32" | "float64";

const BYTES: Record<StreamedWavFormat, number> = { pcm16: 2, pcm32: 4, float32: 4, float64: 8 };

function emptyWav(sampleRate: number, channelCount: number, format: StreamedWavFormat): Uint8Array {
  if (!(format in BYTES)) throw new Error(`a streamed WAV must be pcm16, pcm32, float32 or float64, not "${format}"`);
  return encodeWav({ sampleRate, channels: Array.from({ length: channelCount }, () => new Float32Array(0)) }, format as WavSampleFormat);
}

export function wavHeader(sampleRate: number, channelCount: number, frames: number, format: StreamedWavFormat): Uint8Array {
  const header = emptyWav(sampleRate, channelCount, format);
  const dataBytes = frames * channelCount * BYTES[format];
  if (header.length - 8 + dataBytes > 0xffffffff) {
    throw new Error(`${frames} frames of ${channelCount}-channel ${format} exceed the 4 GiB limit of a WAV file; use pcm16 or write shorter files`);
  }
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  view.setUint32(4, header.length - 8 + dataBytes, true);
  view.setUint32(header.length - 4, dataBytes, true);
  // Float files carry a fact chunk with the frame count, just before "data".
  const fact = header.length - 8 - 12;
  if (String.fromCharCode(...header.subarray(fact, fact + 4)) === "fact") view.setUint32(fact + 8, frames, true);
  return header;
}

/** The sample bytes of one piece (planar channels of equal length), as encodeWav stores them. */
export function wavSamples(channels: Float32Array[], format: StreamedWavFormat): Uint8Array {
  const skip = emptyWav(1, channels.length, format).length;
  return encodeWav({ sampleRate: 1, channels }, format as WavSampleFormat).subarray(skip);
}
