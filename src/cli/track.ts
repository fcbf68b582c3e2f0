import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { addSignals, type AudioSignal } from "../audio";
import { readAudioFile } from "../audio/node";

export const STEMS = ["vocals", "accompaniment"] as const;
export type StemName = (typeof STEMS)[number];
const MUSDB_ACCOMPANIMENT = ["drums", "bass", "other"];

export interface Track {
  dir: string;
  mixture?: AudioSignal;
  stems: Record<StemName, AudioSignal>;
}

function requireDir(dir: string, what: string): void {
  if (!existsSync(dir)) throw new Error(`${what} ${dir} does not exist`);
  if (!statSync(dir).isDirectory()) throw new Error(`${what} ${dir} is not a directory (expected a folder holding vocals.wav and accompaniment.wav)`);
}

/**
 * Reads a MUSDB18-HQ style track folder: `vocals.wav` and `accompaniment.wav`, or MUSDB's
 * `drums`/`bass`/`other` summed into the accompaniment; `mixture.wav` when `withMixture`.
 */
export async function readTrackDir(dir: string, withMixture: boolean, what = "track folder"): Promise<Track> {
  requireDir(dir, what);
  const path = (name: string) => join(dir, `${name}.wav`);
  const vocals = await readAudioFile(requirePath(path("vocals"), dir));
  let accompaniment: AudioSignal;
  if (existsSync(path("accompaniment"))) {
    accompaniment = await readAudioFile(path("accompaniment"));
  } else if (MUSDB_ACCOMPANIMENT.every((n) => existsSync(path(n)))) {
    accompaniment = addSignals(await Promise.all(MUSDB_ACCOMPANIMENT.map((n) => readAudioFile(path(n)))));
  } else {
    throw new Error(`${dir} has no accompaniment.wav (nor MUSDB's drums.wav, bass.wav and other.wav to sum into one)`);
  }
  const mixture = withMixture ? await readAudioFile(requirePath(path("mixture"), dir)) : undefined;
  return { dir, mixture, stems: { vocals, accompaniment } };
}

function requirePath(path: string, dir: string): string {
  if (!existsSync(path)) throw new Error(`${path} is missing: a track folder like ${dir} must hold mixture.wav, vocals.wav and accompaniment.wav`);
  return path;
}
