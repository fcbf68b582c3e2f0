/**
 * Node-only output of generated songs (the CLI, batch jobs); kept out of ./index so the browser
 * bundle never pulls in node:fs.
 */
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { encodeWav } from "../audio";
import type { GeneratedSong } from "./song";

export interface WriteSongOptions {
  /** Also write each instrument stem (drums.wav, bass.wav, keys.wav, plucked.wav, bowed.wav). */
  stems?: boolean;
  /**
   * "float32" (default) or "pcm16": half the bytes, for data that is committed or shipped. 16-bit
   * rounds each file on its own, so a pcm16 folder has no mixture.wav: readers take the mixture as
   * the sum of the stems, which is then exact by construction.
   */
  format?: "float32" | "pcm16";
}

/** What was written: file name → SHA-256 (hex) of its bytes. */
export type WrittenFiles = Record<string, string>;

/**
 * Writes a MUSDB18-style track folder: mixture.wav, vocals.wav and accompaniment.wav as 32-bit float
 * WAV (16-bit would round each file separately, and then the stems would no longer add up to the
 * mixture exactly), and song.json with everything the song was made from and of.
 */
export function writeSongFolder(song: GeneratedSong, dir: string, options: WriteSongOptions = {}): WrittenFiles {
  mkdirSync(dir, { recursive: true });
  const files: WrittenFiles = {};
  const format = options.format ?? "float32";
  const signals: Record<string, GeneratedSong["mixture"]> = { mixture: song.mixture, vocals: song.vocals, accompaniment: song.accompaniment };
  if (format === "pcm16") delete signals.mixture;
  if (options.stems) for (const [name, s] of Object.entries(song.stems)) if (name !== "vocals") signals[name] = s;
  for (const [name, signal] of Object.entries(signals)) {
    const bytes = encodeWav(signal, format);
    writeFileSync(join(dir, `${name}.wav`), bytes);
    files[`${name}.wav`] = createHash("sha256").update(bytes).digest("hex");
  }
  writeFileSync(join(dir, "song.json"), JSON.stringify(songInfo(song, files, format), null, 2) + "\n");
  return files;
}

/** The song's parameters without its audio, as song.json holds them. */
export function songInfo(song: GeneratedSong, files?: WrittenFiles, sampleFormat: "float32" | "pcm16" = "float32") {
  return {
    name: song.name,
    generator: "demix-lab synthetic song v1",
    seed: song.seed,
    seconds: song.seconds,
    sampleRate: song.sampleRate,
    channels: song.mixture.channels.length,
    sampleFormat,
    key: song.key,
    tempo: song.tempo,
    progression: song.progression,
    sections: song.sections,
    singer: song.singer,
    vocalLevelDb: song.vocalLevelDb,
    gain: song.gain,
    melody: song.melody,
    ...(files ? { files } : {}),
  };
}
