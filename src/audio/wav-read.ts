import type { AudioSignal } from "./signal";
import { AudioFormatError } from "./errors";
import { describeContainer, describeNonAudio, sniffContainer } from "./sniff";
import {
  FORMAT_EXTENSIBLE,
  FORMAT_IEEE_FLOAT,
  FORMAT_PCM,
  SUBFORMAT_GUID_TAIL,
  formatCodeName,
  type WavFormat,
} from "./wav-format";

/** Where the samples of a WAV file are and how they are stored; see `readWavLayout`. */
export interface WavLayout {
  sampleRate: number;
  channelCount: number;
  format: WavFormat;
  /** Byte offset of the first sample. */
  dataOffset: number;
  /** Number of whole frames present in the bytes (never more than the file holds). */
  frames: number;
  /** Bytes per frame (all channels of one sample instant). */
  blockAlign: number;
}

/** Ambisonic B-format sub-formats use the same codes with this GUID tail (…-0721-11d3-8644-c8c1ca000000). */
const AMBISONIC_GUID_TAIL = [0x21, 0x07, 0xd3, 0x11, 0x86, 0x44, 0xc8, 0xc1, 0xca, 0x00, 0x00, 0x00, 0x00, 0x00];
const UNSET_SIZE = 0xffffffff;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Reverses the byte order of each `size`-byte word in place (for big-endian hosts). */
function swapBytes(bytes: Uint8Array, size: number): void {
  for (let p = 0; p + size <= bytes.length; p += size) bytes.subarray(p, p + size).reverse();
}

function fail(message: string): never {
  throw new AudioFormatError(`Cannot decode WAV: ${message}`);
}

function fourcc(bytes: Uint8Array, offset: number): string {
  return String.fromCharCode(bytes[offset], bytes[offset + 1], bytes[offset + 2], bytes[offset + 3]);
}

/** True when 4 bytes at offset could be a chunk id (printable ASCII); used to resync after bad padding. */
function isChunkId(bytes: Uint8Array, offset: number): boolean {
  if (offset + 8 > bytes.length) return false;
  for (let i = 0; i < 4; i++) if (bytes[offset + i] < 0x20 || bytes[offset + i] > 0x7e) return false;
  return true;
}

function matchesTail(bytes: Uint8Array, offset: number, tail: number[]): boolean {
  return tail.every((b, i) => bytes[offset + i] === b);
}

function checkRiffHeader(bytes: Uint8Array): "RIFF" | "RF64" {
  if (bytes.length === 0) fail("the file is empty (0 bytes).");
  const kind = sniffContainer(bytes);
  if (kind === "wav" && fourcc(bytes, 0) === "RIFX") {
    fail("this is a big-endian RIFX file; only little-endian RIFF WAV is supported. Convert it, e.g. `ffmpeg -i in.wav out.wav`.");
  }
  if (kind === "wav") return "RIFF";
  if (kind === "rf64") return "RF64";
  if (kind) fail(`this is ${describeContainer(kind)}, not WAV. Decode it with decodeAudio() (browser) or readAudioFile() (Node, via ffmpeg).`);
  if (bytes.length < 12 && "RIFF".startsWith(String.fromCharCode(...bytes.subarray(0, 4)))) {
    fail(`the file is truncated: ${bytes.length} bytes is shorter than the 12-byte RIFF/WAVE header.`);
  }
  if (fourcc(bytes, 0) === "RIFF") fail(`this is a RIFF file of type "${fourcc(bytes, 8)}", not WAVE.`);
  const looks = describeNonAudio(bytes);
  fail(`not a RIFF/WAVE file (it starts with ${JSON.stringify(String.fromCharCode(...bytes.subarray(0, 4)))}${looks ? `; it looks like ${looks}` : ""}).`);
}

interface FmtChunk {
  formatTag: number;
  code: number;
  channels: number;
  sampleRate: number;
  blockAlign: number;
  bits: number;
  validBits?: number;
  channelMask?: number;
}

function parseFmt(bytes: Uint8Array, view: DataView, body: number, size: number): FmtChunk {
  if (size < 16 || body + 16 > bytes.length) {
    fail(`the fmt chunk is truncated (${Math.min(size, bytes.length - body)} bytes, need at least 16).`);
  }
  const fmt: FmtChunk = {
    formatTag: view.getUint16(body, true),
    code: view.getUint16(body, true),
    channels: view.getUint16(body + 2, true),
    sampleRate: view.getUint32(body + 4, true),
    blockAlign: view.getUint16(body + 12, true),
    bits: view.getUint16(body + 14, true),
  };
  if (fmt.formatTag === FORMAT_EXTENSIBLE) {
    if (size < 40 || body + 40 > bytes.length) fail(`the WAVE_FORMAT_EXTENSIBLE fmt chunk is ${size} bytes; it needs 40.`);
    fmt.validBits = view.getUint16(body + 18, true) || undefined;
    fmt.channelMask = view.getUint32(body + 20, true);
    fmt.code = view.getUint16(body + 24, true);
    if (!matchesTail(bytes, body + 26, SUBFORMAT_GUID_TAIL) && !matchesTail(bytes, body + 26, AMBISONIC_GUID_TAIL)) {
      fail("the WAVE_FORMAT_EXTENSIBLE sub-format GUID is not a known PCM or IEEE float GUID.");
    }
  }
  return fmt;
}

/**
 * Walks the chunks of a RIFF/RF64 WAVE file and returns where the samples are, tolerating what real
 * files do: chunks in any order, odd-sized chunks with or without their pad byte, a RIFF size that is
 * wrong, and a data size that is unset (0xFFFFFFFF or 0, as streaming writers leave it) or larger than
 * the file (a truncated download). In those cases the samples actually present are used and a warning
 * is recorded in `format.warnings`. Throws `AudioFormatError` with a specific message otherwise.
 */
export function readWavLayout(bytes: Uint8Array): WavLayout {
  const container = checkRiffHeader(bytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const warnings: string[] = [];
  let fmt: FmtChunk | undefined;
  let data: { offset: number; size: number } | undefined;
  let ds64DataSize: number | undefined;

  let pos = 12;
  while (pos + 8 <= bytes.length) {
    const id = fourcc(bytes, pos);
    let size = view.getUint32(pos + 4, true);
    const body = pos + 8;
    const available = bytes.length - body;
    if (id === "ds64" && container === "RF64" && available >= 16) {
      ds64DataSize = view.getUint32(body + 8, true) + view.getUint32(body + 12, true) * 2 ** 32;
    } else if (id === "fmt " && !fmt) {
      fmt = parseFmt(bytes, view, body, size);
    } else if (id === "data" && !data) {
      if (container === "RF64" && size === UNSET_SIZE && ds64DataSize !== undefined) size = ds64DataSize;
      const unset = size === UNSET_SIZE || (size === 0 && available > 0 && !isChunkId(bytes, body));
      if (unset) {
        warnings.push(`data chunk size is unset (${size === 0 ? "0" : "0xFFFFFFFF"}, as streaming writers leave it); read the ${available} bytes present.`);
        size = available;
      } else if (size > available) {
        warnings.push(`data chunk declares ${size} bytes but only ${available} are present (truncated file?); read what is there.`);
        size = available;
      }
      data = { offset: body, size };
    }
    let next = body + size + (size & 1);
    // Some writers omit the pad byte after an odd-sized chunk; resync if the next id only fits without it.
    if (size & 1 && !isChunkId(bytes, next) && isChunkId(bytes, next - 1)) next -= 1;
    pos = next;
  }

  if (!fmt) {
    if (bytes.length < 20) fail(`the file is truncated: ${bytes.length} bytes, and the header ends before the fmt chunk.`);
    fail("no fmt chunk: the file does not say how its samples are stored.");
  }
  if (fmt.channels === 0) fail("the fmt chunk says the file has 0 channels.");
  if (fmt.sampleRate === 0) fail("the fmt chunk says the sample rate is 0 Hz.");
  if (!data) fail("no data chunk: the file has a header but no samples (truncated or not fully written?).");

  let encoding: "pcm" | "float";
  if (fmt.code === FORMAT_PCM) encoding = "pcm";
  else if (fmt.code === FORMAT_IEEE_FLOAT) encoding = "float";
  else {
    fail(`unsupported encoding ${formatCodeName(fmt.code)}; only PCM integer and IEEE float WAV are read. Convert it, e.g. \`ffmpeg -i in.wav -c:a pcm_s16le out.wav\`.`);
  }
  // The container size comes from blockAlign when it is consistent: 20-bit audio in 24-bit slots and
  // 12-bit audio in 16-bit slots say so only there.
  const declared = fmt.blockAlign / fmt.channels;
  const minBytes = Math.ceil(fmt.bits / 8);
  const containerBytes = Number.isInteger(declared) && declared >= minBytes && declared > 0 ? declared : minBytes;
  const containerBits = containerBytes * 8;
  const supported = encoding === "pcm" ? [8, 16, 24, 32] : [32, 64];
  if (fmt.bits === 0 || !supported.includes(containerBits)) {
    fail(`${encoding === "pcm" ? "PCM" : "IEEE float"} with ${fmt.bits} bits per sample is not supported (supported: ${supported.join(", ")}).`);
  }
  const blockAlign = containerBytes * fmt.channels;
  if (fmt.blockAlign !== blockAlign) warnings.push(`fmt chunk block align is ${fmt.blockAlign}, expected ${blockAlign}; used ${blockAlign}.`);
  const frames = Math.floor(data.size / blockAlign);
  if (data.size % blockAlign !== 0) warnings.push(`data ends with ${data.size % blockAlign} bytes of an incomplete frame; ignored.`);

  return {
    sampleRate: fmt.sampleRate,
    channelCount: fmt.channels,
    dataOffset: data.offset,
    frames,
    blockAlign,
    format: {
      encoding,
      bitsPerSample: containerBits,
      validBitsPerSample: Math.min(fmt.validBits ?? fmt.bits, containerBits),
      formatTag: fmt.formatTag,
      ...(fmt.formatTag === FORMAT_EXTENSIBLE ? { channelMask: fmt.channelMask } : {}),
      container,
      warnings,
    },
  };
}

/**
 * Converts interleaved stored samples to planar float. Integers map to [-1, 1) by dividing by
 * 2^(bits-1) (8-bit is unsigned with 128 as zero), the convention of ffmpeg and libsndfile, so
 * 16- and 24-bit values survive a decode/encode round trip exactly.
 */
export function readWavSamples(bytes: Uint8Array, layout: WavLayout, firstFrame = 0, frameCount = layout.frames - firstFrame): Float32Array[] {
  const nch = layout.channelCount;
  const count = Math.max(0, Math.min(frameCount, layout.frames - firstFrame));
  const channels = Array.from({ length: nch }, () => new Float32Array(count));
  const start = layout.dataOffset + firstFrame * layout.blockAlign;
  const kind = `${layout.format.encoding}${layout.format.bitsPerSample}`;
  const stride = nch;
  // 16/32-bit ints and floats are read through a typed-array view of the data (a copy only when the
  // data is misaligned), several times faster than DataView calls per sample.
  const typed = <T>(Ctor: { new (b: ArrayBuffer, o: number, n: number): T; BYTES_PER_ELEMENT: number }): T => {
    const length = count * nch;
    const at = bytes.byteOffset + start;
    if (LITTLE_ENDIAN && at % Ctor.BYTES_PER_ELEMENT === 0) return new Ctor(bytes.buffer as ArrayBuffer, at, length);
    // A fresh array, not bytes.slice(): on a Node Buffer slice() is a view into the shared pool.
    const copy = new Uint8Array(length * Ctor.BYTES_PER_ELEMENT);
    copy.set(bytes.subarray(start, start + copy.length));
    if (!LITTLE_ENDIAN) swapBytes(copy, Ctor.BYTES_PER_ELEMENT);
    return new Ctor(copy.buffer, 0, length);
  };
  const deinterleave = (raw: ArrayLike<number>, scale: number) => {
    for (let c = 0; c < nch; c++) {
      const out = channels[c];
      for (let i = 0, p = c; i < count; i++, p += stride) out[i] = raw[p] * scale;
    }
  };
  switch (kind) {
    case "pcm8":
      for (let c = 0; c < nch; c++) {
        const out = channels[c];
        for (let i = 0, p = start + c; i < count; i++, p += stride) out[i] = (bytes[p] - 128) / 128;
      }
      break;
    case "pcm16":
      deinterleave(typed(Int16Array), 1 / 32768);
      break;
    case "pcm24":
      for (let c = 0; c < nch; c++) {
        const out = channels[c];
        for (let i = 0, p = start + 3 * c; i < count; i++, p += 3 * stride) {
          out[i] = (((bytes[p] | (bytes[p + 1] << 8) | (bytes[p + 2] << 16)) << 8) >> 8) / 8388608;
        }
      }
      break;
    case "pcm32":
      deinterleave(typed(Int32Array), 1 / 2147483648);
      break;
    case "float32":
      deinterleave(typed(Float32Array), 1);
      break;
    case "float64":
      deinterleave(typed(Float64Array), 1);
      break;
    default:
      throw new Error(`internal: no sample reader for ${kind}`);
  }
  return channels;
}

/**
 * Decodes a WAV file held in memory: PCM 8/16/24/32-bit, IEEE float 32/64, WAVE_FORMAT_EXTENSIBLE,
 * RF64/BW64, any number of channels. `format` says how the samples were stored and lists any damage
 * that was worked around. Throws `AudioFormatError` naming what is wrong when the bytes cannot be read.
 */
export function decodeWav(bytes: Uint8Array): AudioSignal & { format: WavFormat } {
  const layout = readWavLayout(bytes);
  return { sampleRate: layout.sampleRate, channels: readWavSamples(bytes, layout), format: layout.format };
}
