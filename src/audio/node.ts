/**
 * Node-only file I/O for audio (the CLI, batch jobs, tests). Not part of the browser surface in
 * ./index: importing node:fs there would break the app bundle.
 */
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { open, readFile, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { AudioFormatError } from "./errors";
import type { AudioSignal } from "./signal";
import { CONTAINER_NAMES, sniffContainer } from "./sniff";
import { type WavSampleFormat } from "./wav-format";
import { decodeWav, readWavLayout } from "./wav-read";
import { encodeWav } from "./wav-write";

export interface ReadAudioOptions {
  /** ffmpeg executable for non-WAV files; default $FFMPEG_PATH, else "ffmpeg" on PATH. */
  ffmpegPath?: string;
  /**
   * Refuse files whose decoded float32 samples would exceed this many bytes (default 2 GiB, about
   * 1.7 hours of 44.1 kHz stereo), with a message saying how to shrink them, instead of running the
   * process out of memory partway through.
   */
  maxDecodedBytes?: number;
}

export const DEFAULT_MAX_DECODED_BYTES = 2 * 1024 ** 3;

const GiB = (n: number) => `${(n / 1024 ** 3).toFixed(1)} GiB`;

/**
 * Reads an audio file into memory. WAV (PCM 8–32 bit, float 32/64, EXTENSIBLE, RF64) is decoded in
 * TypeScript; anything else (MP3, FLAC, Ogg, M4A, …) is decoded by ffmpeg, which must be installed.
 * Errors name the file and what is wrong: missing, a directory, empty, corrupt, too large, or ffmpeg
 * missing (with how to install it).
 */
export async function readAudioFile(path: string, options: ReadAudioOptions = {}): Promise<AudioSignal> {
  const limit = options.maxDecodedBytes ?? DEFAULT_MAX_DECODED_BYTES;
  const where = `Cannot read audio file "${path}"`;
  const size = await audioFileSize(path);
  const head = await readHead(path, Math.min(size, 65536));
  const container = sniffContainer(head);
  if (container === "wav" || container === "rf64") {
    guardWavSize(head, size, limit, where);
    try {
      const { sampleRate, channels } = decodeWav(await readFile(path));
      return { sampleRate, channels };
    } catch (e) {
      throw e instanceof AudioFormatError ? new AudioFormatError(`${where}: ${e.message}`) : e;
    }
  }
  const kind = container ? `${CONTAINER_NAMES[container]} audio` : "not a WAV file";
  return decodeWithFfmpeg(path, options.ffmpegPath ?? process.env.FFMPEG_PATH ?? "ffmpeg", limit, where, kind);
}

/**
 * The size of an audio file about to be read, or an error that names the file and says what is wrong
 * with it: missing, a directory, unreadable, or empty.
 */
export async function audioFileSize(path: string): Promise<number> {
  const where = `Cannot read audio file "${path}"`;
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new Error(`${where}: it is a directory, not a file.`);
    size = info.size;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new Error(`${where}: no such file.`);
    if (code === "EACCES") throw new Error(`${where}: permission denied.`);
    throw e;
  }
  if (size === 0) throw new AudioFormatError(`${where}: the file is empty (0 bytes).`);
  return size;
}

async function readHead(path: string, length: number): Promise<Uint8Array> {
  const handle = await open(path, "r");
  try {
    const head = new Uint8Array(length);
    const { bytesRead } = await handle.read(head, 0, length, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Estimates the decoded size from the header; a header too odd to read here is left to decodeWav. */
function guardWavSize(head: Uint8Array, fileSize: number, limit: number, where: string): void {
  let bytesPerSample: number;
  let dataOffset: number;
  try {
    const layout = readWavLayout(head);
    bytesPerSample = layout.format.bitsPerSample / 8;
    dataOffset = layout.dataOffset;
  } catch {
    return;
  }
  const decoded = ((fileSize - dataOffset) / bytesPerSample) * 4;
  if (decoded > limit) throw new Error(`${where}: ${tooLarge(decoded, limit)}`);
}

function tooLarge(decoded: number, limit: number): string {
  return (
    `decoding it needs about ${GiB(decoded)} of memory, over the ${GiB(limit)} limit (maxDecodedBytes). ` +
    `Split it or reduce it first, e.g. \`ffmpeg -i in -ac 1 -ar 22050 out.wav\`, or raise maxDecodedBytes.`
  );
}

/**
 * Runs ffmpeg with WAV float output on stdout and yields its bytes as they come; throws, naming the
 * file, when ffmpeg is missing or cannot decode it. WAV rather than raw f32le because its header
 * carries the decoded rate and channel count, so no separate ffprobe run is needed; ffmpeg leaves the
 * sizes unset (0xFFFFFFFF) on a pipe, which decodeWav accepts. Stopping early kills ffmpeg.
 */
export async function* ffmpegWavStream(path: string, ffmpeg: string, where: string, kind = "not a WAV file"): AsyncGenerator<Uint8Array> {
  const args = ["-v", "error", "-nostdin", "-i", path, "-vn", "-f", "wav", "-acodec", "pcm_f32le", "-"];
  const child = spawn(ffmpeg, args, { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  let spawnError: NodeJS.ErrnoException | undefined;
  child.stderr.on("data", (chunk: Buffer) => {
    if (stderr.length < 8192) stderr += chunk.toString();
  });
  const exit = new Promise<number | null>((resolve) => {
    child.on("close", resolve);
    child.on("error", (e: NodeJS.ErrnoException) => {
      spawnError = e;
      resolve(null);
    });
  });
  try {
    for await (const chunk of child.stdout) yield chunk as Buffer;
    const code = await exit;
    if (spawnError) {
      throw spawnError.code === "ENOENT"
        ? new Error(
            `${where}: it is ${kind}, and reading formats other than WAV needs ffmpeg, which was not found ` +
              `(looked for "${ffmpeg}"). WAV files are read without it. Install ffmpeg (Debian/Ubuntu: ` +
              "`apt-get install ffmpeg`; macOS: `brew install ffmpeg`), set FFMPEG_PATH, or convert the file to WAV.",
          )
        : new Error(`${where}: could not run ffmpeg ("${ffmpeg}"): ${spawnError.message}`);
    }
    if (code !== 0) {
      const detail = stderr.trim().split("\n").slice(-3).join(" | ") || `exit code ${code}`;
      throw new AudioFormatError(`${where}: ffmpeg could not decode it (corrupt, or not audio?): ${detail}`);
    }
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
}

async function decodeWithFfmpeg(path: string, ffmpeg: string, limit: number, where: string, kind: string): Promise<AudioSignal> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of ffmpegWavStream(path, ffmpeg, where, kind)) {
    total += chunk.length;
    // Leaving the loop (this throw) stops the generator, which kills ffmpeg.
    if (total > limit + 4096) throw new Error(`${where}: ${tooLarge(total, limit)}`);
    chunks.push(chunk);
  }
  try {
    const { sampleRate, channels } = decodeWav(Buffer.concat(chunks, total));
    if (channels[0].length === 0) throw new AudioFormatError("ffmpeg decoded no samples (no audio stream, or a zero-length one).");
    return { sampleRate, channels };
  } catch (e) {
    throw e instanceof AudioFormatError ? new AudioFormatError(`${where}: ${e.message}`) : e;
  }
}

/**
 * Writes a signal as a WAV file (see encodeWav for the formats and their rounding), creating missing
 * parent directories. Synchronous, so a loop of writes needs no await and a failure throws at the call.
 */
export function writeWavFile(path: string, signal: AudioSignal, format: WavSampleFormat = "pcm16"): void {
  const bytes = encodeWav(signal, format);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
}

export { encodeWav, decodeWav };
export type { WavSampleFormat };
