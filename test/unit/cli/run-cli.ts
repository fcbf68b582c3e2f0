import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { encodeWav, type AudioSignal, type WavSampleFormat } from "../../../src/audio";

const TSX = resolve("node_modules/.bin/tsx");
const MAIN = resolve("src/cli/main.ts");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `demix …` as a user would (`npm run demix --` is `tsx src/cli/main.ts`). */
export function demix(...args: string[]): CliResult {
  return demixWith({}, ...args);
}

/** `demix …` with extra environment variables (DEMIX_HOME, DEMIX_QUICK…). */
export function demixWith(env: Record<string, string>, ...args: string[]): CliResult {
  const r = spawnSync(TSX, [MAIN, ...args], { encoding: "utf8", env: { ...process.env, NODE_NO_WARNINGS: "1", ...env } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(prefix = "demix-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function writeWav(path: string, signal: AudioSignal, format: WavSampleFormat = "float32"): void {
  mkdirSync(resolve(path, ".."), { recursive: true });
  writeFileSync(path, encodeWav(signal, format));
}
