/**
 * Shared vocabulary of the WAV reader and writer: format codes, the EXTENSIBLE sub-format GUID and
 * the descriptions both sides exchange.
 */

/** How the samples of a decoded WAV file were stored. */
export interface WavFormat {
  /** "pcm": integer samples (8-bit unsigned, wider signed); "float": IEEE 754. */
  encoding: "pcm" | "float";
  /** Bits per sample of the container (8, 16, 24, 32 or 64). */
  bitsPerSample: number;
  /** Bits that carry signal (EXTENSIBLE's wValidBitsPerSample; equals bitsPerSample otherwise). */
  validBitsPerSample: number;
  /** The fmt chunk's wFormatTag: 1 (PCM), 3 (IEEE float) or 0xFFFE (EXTENSIBLE). */
  formatTag: number;
  /** EXTENSIBLE speaker mask (bit 0 = front left, …); undefined for plain PCM/float files. */
  channelMask?: number;
  /** "RIFF" for classic WAV, "RF64" for the 64-bit variant (EBU Tech 3306; BW64 reads the same). */
  container: "RIFF" | "RF64";
  /** Things that were wrong with the file but could be worked around (e.g. a truncated data chunk). */
  warnings: string[];
}

/** Sample encodings `encodeWav` can write. */
export type WavSampleFormat = "pcm8" | "pcm16" | "pcm24" | "pcm32" | "float32" | "float64";

export const WAV_SAMPLE_FORMATS: readonly WavSampleFormat[] = ["pcm8", "pcm16", "pcm24", "pcm32", "float32", "float64"];

export const FORMAT_PCM = 0x0001;
export const FORMAT_IEEE_FLOAT = 0x0003;
export const FORMAT_EXTENSIBLE = 0xfffe;

/**
 * The 14 bytes after the 2-byte format code in a KSDATAFORMAT_SUBTYPE GUID
 * (00000001-0000-0010-8000-00aa00389b71 is PCM, …0003-… is IEEE float).
 */
export const SUBFORMAT_GUID_TAIL = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];

/** Names of format codes we do not decode, so the error can say what the file is. */
const FORMAT_NAMES: Record<number, string> = {
  0x0002: "Microsoft ADPCM",
  0x0006: "A-law",
  0x0007: "µ-law",
  0x0011: "IMA ADPCM",
  0x0031: "GSM 6.10",
  0x0040: "G.721 ADPCM",
  0x0050: "MPEG audio",
  0x0055: "MPEG Layer 3 (MP3)",
  0x0092: "Dolby AC-3 SPDIF",
  0x00ff: "AAC",
  0x0161: "Windows Media Audio",
  0x0162: "Windows Media Audio Pro",
  0x2000: "Dolby AC-3",
  0x2001: "DTS",
  0xf1ac: "FLAC",
};

export function formatCodeName(code: number): string {
  const hex = "0x" + code.toString(16).toUpperCase().padStart(4, "0");
  const name = FORMAT_NAMES[code];
  return name ? `${name} (format code ${hex})` : `format code ${hex}`;
}

/**
 * Default EXTENSIBLE speaker masks, matching what ffmpeg and Windows assume for 1–8 channels
 * (mono = FC, stereo = FL|FR, 5.1 = FL|FR|FC|LFE|BL|BR, 7.1 adds SL|SR). Other counts get 0,
 * which the spec defines as "no particular speaker assignment".
 */
export function defaultChannelMask(channels: number): number {
  return [0, 0x4, 0x3, 0x7, 0x33, 0x37, 0x3f, 0x70f, 0x63f][channels] ?? 0;
}
