/**
 * An MP3's gapless information: LAME (and ffmpeg, which writes the same tag as "Lavc"/"Lavf") record in
 * the Xing/Info frame how many samples of encoder delay precede the audio and how many of padding
 * follow it. Players that honour it (ffmpeg, hence Chromium's decodeAudioData) drop those plus the
 * decoder's own delay of 529 samples; a decoder fed raw frames (WebCodecs) does not, so
 * media-source.ts cuts them itself, to return the samples decodeAudioData would.
 */

/** Samples an MP3 decoder's synthesis filter bank puts before the first encoded sample (528 + 1, as in ffmpeg). */
export const MP3_DECODER_DELAY = 529;

export interface Mp3Gapless {
  /** Encoder delay in samples (before the first audio sample). */
  delay: number;
  /** Padding in samples after the last audio sample. */
  padding: number;
}

/** Reads the gapless fields from the file's first frame; undefined when it has no such tag. */
export async function readMp3Gapless(blob: Blob): Promise<Mp3Gapless | undefined> {
  let head = new Uint8Array(await blob.slice(0, 10).arrayBuffer());
  let at = 0;
  // An ID3v2 tag comes first: 10 bytes of header, a size in 4 × 7 bits, and a 10-byte footer when flagged.
  if (head.length === 10 && head[0] === 0x49 && head[1] === 0x44 && head[2] === 0x33) {
    at = 10 + ((head[6] << 21) | (head[7] << 14) | (head[8] << 7) | head[9]) + (head[5] & 0x10 ? 10 : 0);
  }
  head = new Uint8Array(await blob.slice(at, at + 4096).arrayBuffer());
  return parseGapless(head);
}

/** The gapless fields of the frame at the start of `bytes` (which begins at a frame header). */
export function parseGapless(bytes: Uint8Array): Mp3Gapless | undefined {
  if (bytes.length < 4 || bytes[0] !== 0xff || (bytes[1] & 0xe0) !== 0xe0) return undefined;
  const mpeg1 = ((bytes[1] >> 3) & 3) === 3;
  const mono = bytes[3] >> 6 === 3;
  // The Xing/Info tag follows the frame's 4-byte header and its side information.
  let p = 4 + (mpeg1 ? (mono ? 17 : 32) : mono ? 9 : 17);
  const text = (from: number, n: number) => String.fromCharCode(...bytes.subarray(from, from + n));
  if (p + 8 > bytes.length || !["Xing", "Info"].includes(text(p, 4))) return undefined;
  const flags = (bytes[p + 4] << 24) | (bytes[p + 5] << 16) | (bytes[p + 6] << 8) | bytes[p + 7];
  p += 8 + (flags & 1 ? 4 : 0) + (flags & 2 ? 4 : 0) + (flags & 4 ? 100 : 0) + (flags & 8 ? 4 : 0);
  if (p + 24 > bytes.length || !["LAME", "Lavc", "Lavf"].includes(text(p, 4))) return undefined;
  // After the 9-byte encoder name: revision, lowpass, 8 bytes of ReplayGain, flags, bitrate; then 12 + 12 bits.
  const q = p + 21;
  return { delay: (bytes[q] << 4) | (bytes[q + 1] >> 4), padding: ((bytes[q + 1] & 0x0f) << 8) | bytes[q + 2] };
}
