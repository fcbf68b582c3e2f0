/**
 * Container/codec detection from the first bytes of a file. File names lie (a ".wav" that is really
 * an MP3 is common after a careless rename), so decoders look at magic bytes and use the extension
 * only as a tie-breaker when the bytes say nothing.
 */
export type AudioContainer = "wav" | "rf64" | "mp3" | "flac" | "ogg" | "mp4" | "webm" | "aiff" | "aac-adts";

/** Human names used in error messages ("this is an MP3 file, not WAV"). */
export const CONTAINER_NAMES: Record<AudioContainer, string> = {
  wav: "WAV",
  rf64: "RF64 WAV",
  mp3: "MP3",
  flac: "FLAC",
  ogg: "Ogg (Vorbis/Opus)",
  mp4: "MP4/M4A",
  webm: "WebM/Matroska",
  aiff: "AIFF",
  "aac-adts": "AAC (ADTS)",
};

/** "an MP3 file", "a FLAC file": the article follows how the abbreviation is spoken. */
export function describeContainer(kind: AudioContainer): string {
  const an = kind === "mp3" || kind === "mp4" || kind === "ogg" || kind === "aiff" || kind === "aac-adts" || kind === "rf64";
  return `${an ? "an" : "a"} ${CONTAINER_NAMES[kind]} file`;
}

/** Whether a file is WAV (or RF64) by its first bytes, whatever it is called. */
export async function isWavBlob(blob: Blob): Promise<boolean> {
  const container = sniffContainer(new Uint8Array(await blob.slice(0, 16).arrayBuffer()));
  return container === "wav" || container === "rf64";
}

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  let s = "";
  for (let i = offset; i < offset + length && i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

/** Returns the container the bytes look like, or undefined when they match nothing we know. */
export function sniffContainer(bytes: Uint8Array): AudioContainer | undefined {
  const head4 = ascii(bytes, 0, 4);
  if ((head4 === "RIFF" || head4 === "RIFX") && ascii(bytes, 8, 4) === "WAVE") return "wav";
  if ((head4 === "RF64" || head4 === "BW64") && ascii(bytes, 8, 4) === "WAVE") return "rf64";
  if (head4 === "fLaC") return "flac";
  if (head4 === "OggS") return "ogg";
  if (head4 === "FORM" && /^AIF[FC]$/.test(ascii(bytes, 8, 4))) return "aiff";
  if (ascii(bytes, 4, 4) === "ftyp") return "mp4";
  if (bytes.length >= 4 && bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) return "webm";
  if (ascii(bytes, 0, 3) === "ID3") return "mp3";
  if (bytes.length >= 2 && bytes[0] === 0xff) {
    // ADTS AAC and MPEG audio share the 12-bit sync; the layer field tells them apart (00 = AAC).
    if ((bytes[1] & 0xf6) === 0xf0) return "aac-adts";
    if ((bytes[1] & 0xe0) === 0xe0 && (bytes[1] & 0x06) !== 0) return "mp3";
  }
  return undefined;
}

/** Best guess from a file name's extension, for when the bytes are inconclusive. */
export function containerFromName(name: string | undefined): AudioContainer | undefined {
  const ext = name?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  switch (ext) {
    case "wav":
    case "wave":
      return "wav";
    case "mp3":
      return "mp3";
    case "flac":
      return "flac";
    case "ogg":
    case "oga":
    case "opus":
      return "ogg";
    case "m4a":
    case "mp4":
    case "aac":
      return "mp4";
    case "webm":
    case "mka":
      return "webm";
    case "aif":
    case "aiff":
      return "aiff";
    default:
      return undefined;
  }
}

/**
 * A short description of what non-audio bytes look like, so "not a WAV file" can say more than that.
 * Returns undefined when there is nothing useful to say.
 */
export function describeNonAudio(bytes: Uint8Array): string | undefined {
  const head = ascii(bytes, 0, 16).trimStart().toLowerCase();
  if (head.startsWith("<!doctype html") || head.startsWith("<html")) return "an HTML page (a failed download?)";
  if (head.startsWith("<?xml") || head.startsWith("<")) return "XML/HTML text";
  if (head.startsWith("{") || head.startsWith("[")) return "JSON text";
  if (ascii(bytes, 0, 4) === "PK\x03\x04") return "a ZIP archive";
  if (ascii(bytes, 0, 24) === "version https://git-lfs.") return "a Git LFS pointer (run `git lfs pull`)";
  return undefined;
}
