/**
 * Stems written to WAV files on disk as they come, for separateToWav in Node (`demix separate`):
 * `finish` closes the file and gives it back as a disk-backed Blob.
 */
import { closeSync, mkdirSync, openAsBlob, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { StemStorage } from "./long";

export function fileStemStorage(dir: string): StemStorage {
  return async (stem) => {
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `${stem}.wav`);
    const fd = openSync(path, "w");
    return {
      write: (bytes) => void writeSync(fd, bytes),
      async finish() {
        closeSync(fd);
        return openAsBlob(path, { type: "audio/wav" });
      },
    };
  };
}
