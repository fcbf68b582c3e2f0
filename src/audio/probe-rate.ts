import type { AudioContainer } from "./sniff";

/**
 * Reads a compressed file's native sample rate from its header, without decoding. Web Audio's
 * decodeAudioData resamples everything to its context's rate, so decoding at the probed rate is the
 * only way to get the samples as they were encoded. Each probe looks at the first few KB only.
 */
export function probeSampleRate(bytes: Uint8Array, container: AudioContainer): number | undefined {
  switch (container) {
    case "flac":
      return flacStreamInfoRate(bytes, 4);
    case "ogg":
      return oggRate(bytes);
    case "mp3":
      return mp3Rate(bytes);
    case "aac-adts":
      return aacOutputRate(ADTS_RATES[(bytes[2] >> 2) & 0xf]);
    case "mp4":
      return aacOutputRate(mp4AudioRate(bytes));
    case "webm":
      return webmRate(bytes);
    default:
      return undefined;
  }
}

const ADTS_RATES = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];

/**
 * AAC headers give the core coder's rate. HE-AAC (SBR) plays at twice that and usually does not say
 * so in the header, so a core rate ≤ 24 kHz is taken as doubled: for plain AAC at such a rate that
 * costs only an exact upsampling, whereas decoding HE-AAC at its core rate would cut its top octave.
 */
function aacOutputRate(core: number | undefined): number | undefined {
  if (!core) return undefined;
  return core <= 24000 ? core * 2 : core;
}

/** STREAMINFO starts at `at` (the metadata block header); its rate is 20 bits at data byte 10. */
function flacStreamInfoRate(bytes: Uint8Array, at: number): number | undefined {
  if ((bytes[at] & 0x7f) !== 0 || bytes.length < at + 4 + 13) return undefined;
  const d = at + 4;
  const rate = (bytes[d + 10] << 12) | (bytes[d + 11] << 4) | (bytes[d + 12] >> 4);
  return rate || undefined;
}

function matches(bytes: Uint8Array, at: number, text: string): boolean {
  for (let i = 0; i < text.length; i++) if (bytes[at + i] !== text.charCodeAt(i)) return false;
  return true;
}

/** The first Ogg page carries the codec's identification header as its first packet. */
function oggRate(bytes: Uint8Array): number | undefined {
  if (bytes.length < 28) return undefined;
  const packet = 27 + bytes[26];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Opus always decodes at 48 kHz; its header's "input sample rate" is informational only.
  if (matches(bytes, packet, "OpusHead")) return 48000;
  if (bytes[packet] === 1 && matches(bytes, packet + 1, "vorbis") && packet + 16 <= bytes.length) {
    return view.getUint32(packet + 12, true) || undefined;
  }
  if (bytes[packet] === 0x7f && matches(bytes, packet + 1, "FLAC") && matches(bytes, packet + 9, "fLaC")) {
    return flacStreamInfoRate(bytes, packet + 13);
  }
  return undefined;
}

const MPEG_RATES = [44100, 48000, 32000];

/** Skips ID3v2 tags, then takes the first MPEG audio frame header whose successor also checks out. */
function mp3Rate(bytes: Uint8Array): number | undefined {
  let p = 0;
  while (matches(bytes, p, "ID3") && p + 10 <= bytes.length) {
    const size = ((bytes[p + 6] & 0x7f) << 21) | ((bytes[p + 7] & 0x7f) << 14) | ((bytes[p + 8] & 0x7f) << 7) | (bytes[p + 9] & 0x7f);
    p += 10 + size + (bytes[p + 5] & 0x10 ? 10 : 0);
  }
  const limit = Math.min(bytes.length - 4, p + 65536);
  for (; p < limit; p++) {
    const h = mpegHeader(bytes, p);
    if (!h) continue;
    const next = h.frameBytes ? mpegHeader(bytes, p + h.frameBytes) : undefined;
    if (next || !h.frameBytes || p + h.frameBytes + 4 > bytes.length) return h.rate;
  }
  return undefined;
}

const LAYER3_KBPS = {
  v1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  v2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};

function mpegHeader(bytes: Uint8Array, p: number): { rate: number; frameBytes: number } | undefined {
  if (p + 4 > bytes.length || bytes[p] !== 0xff || (bytes[p + 1] & 0xe0) !== 0xe0) return undefined;
  const version = (bytes[p + 1] >> 3) & 3; // 0: MPEG 2.5, 2: MPEG 2, 3: MPEG 1
  const layer = (bytes[p + 1] >> 1) & 3; // 1: Layer III
  const bitrateIndex = bytes[p + 2] >> 4;
  const rateIndex = (bytes[p + 2] >> 2) & 3;
  if (version === 1 || layer === 0 || bitrateIndex === 15 || rateIndex === 3) return undefined;
  const rate = MPEG_RATES[rateIndex] / (version === 3 ? 1 : version === 2 ? 2 : 4);
  let frameBytes = 0;
  if (layer === 1 && bitrateIndex !== 0) {
    const kbps = (version === 3 ? LAYER3_KBPS.v1 : LAYER3_KBPS.v2)[bitrateIndex];
    frameBytes = Math.floor(((version === 3 ? 144 : 72) * kbps * 1000) / rate) + ((bytes[p + 2] >> 1) & 1);
  }
  return { rate, frameBytes };
}

/** moov/trak/mdia/minf/stbl/stsd → the first sample entry's 16.16 sample rate (first audio track). */
function mp4AudioRate(bytes: Uint8Array): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const path = ["moov", "trak", "mdia", "minf", "stbl", "stsd"];
  const search = (start: number, end: number, depth: number): number | undefined => {
    for (let p = start; p + 8 <= end; ) {
      let size = view.getUint32(p);
      const type = String.fromCharCode(bytes[p + 4], bytes[p + 5], bytes[p + 6], bytes[p + 7]);
      if (size === 0) size = end - p;
      if (size < 8) return undefined;
      if (type === path[depth]) {
        if (depth === path.length - 1) {
          const entry = p + 16;
          const kind = String.fromCharCode(bytes[entry + 4], bytes[entry + 5], bytes[entry + 6], bytes[entry + 7]);
          return kind === "mp4a" && entry + 34 <= bytes.length ? view.getUint16(entry + 32) : undefined;
        }
        const found = search(p + 8, Math.min(end, p + size), depth + 1);
        if (found) return found;
      }
      p += size;
    }
    return undefined;
  };
  return search(0, bytes.length, 0);
}

/** Matroska: Opus is 48 kHz; otherwise the SamplingFrequency element (0xB5) of the first audio track. */
function webmRate(bytes: Uint8Array): number | undefined {
  const end = Math.min(bytes.length, 16384);
  for (let p = 0; p + 6 < end; p++) if (matches(bytes, p, "A_OPUS")) return 48000;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let p = 0; p + 10 < end; p++) {
    if (bytes[p] !== 0xb5) continue;
    const rate = bytes[p + 1] === 0x88 ? view.getFloat64(p + 2) : bytes[p + 1] === 0x84 ? view.getFloat32(p + 2) : NaN;
    if (Number.isInteger(rate) && rate >= 1000 && rate <= 768000) return rate;
  }
  return undefined;
}
