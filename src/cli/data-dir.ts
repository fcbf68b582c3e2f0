import { existsSync, readdirSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import type { StemTrack } from "../train";
import { readTrackDir, trackDirFiles } from "./track";

/** A track folder is one holding vocals (the rule the browser's grouping uses too). */
const isTrackDir = (dir: string) => trackDirFiles(dir)?.files.vocals !== undefined;

/**
 * Training data from a folder: either one track folder, or a folder of track folders
 * (each with vocals.wav and accompaniment.wav, or MUSDB's drums/bass/other; mixture.wav optional).
 */
export async function readStemTracks(dir: string): Promise<StemTrack[]> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`data folder ${dir} does not exist or is not a folder`);
  const dirs = isTrackDir(dir)
    ? [dir]
    : readdirSync(dir)
        .map((name) => join(dir, name))
        .filter((p) => statSync(p).isDirectory() && isTrackDir(p))
        .sort();
  if (dirs.length === 0) {
    throw new Error(`${dir} holds no track folders: each track needs a folder with vocals.wav and accompaniment.wav (mixture.wav optional)`);
  }
  return readStemTrackDirs(dirs);
}

/** Training tracks from a list of track folders (e.g. a MUSDB split). */
export async function readStemTrackDirs(dirs: readonly string[]): Promise<StemTrack[]> {
  const tracks: StemTrack[] = [];
  for (const d of dirs) {
    const t = await readTrackDir(d, trackDirFiles(d)?.files.mixture !== undefined);
    tracks.push({ name: basename(d), vocals: t.stems.vocals, accompaniment: t.stems.accompaniment, mixture: t.mixture });
  }
  return tracks;
}
