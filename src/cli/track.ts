import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { addSignals, type AudioSignal } from "../audio";
import { readAudioFile } from "../audio/node";
import { groupStemFiles, type StemTrackFiles } from "../data/stem-files";
import { MUSDB_PARTS, stemFileName, type StemName, type StemRole } from "../data/stem-names";

export { STEMS, type StemName } from "../data/stem-names";

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
 * The stem files of a track folder by role, found by the same naming rules as in the browser
 * (src/data/stem-names: "vocals.wav", "Vocals.flac", …); undefined when it holds none.
 */
export function trackDirFiles(dir: string): StemTrackFiles | undefined {
  const names = readdirSync(dir).filter((n) => statSync(join(dir, n)).isFile());
  return groupStemFiles(names.map((n) => ({ path: n, name: n }))).tracks[0];
}

/**
 * Reads a MUSDB18-HQ style track folder: `vocals.wav` and `accompaniment.wav`, or MUSDB's
 * `drums`/`bass`/`other` summed into the accompaniment; with `withMixture`, `mixture.wav` or else
 * the sum of the stems. Other audio
 * formats with those names are read too (through ffmpeg).
 */
export async function readTrackDir(dir: string, withMixture: boolean, what = "track folder"): Promise<Track> {
  requireDir(dir, what);
  const found = trackDirFiles(dir);
  const read = (role: StemRole) => {
    const file = found?.files[role];
    if (!file) throw new Error(`${join(dir, stemFileName(role))} is missing: a track folder like ${dir} must hold mixture.wav, vocals.wav and accompaniment.wav`);
    return readAudioFile(join(dir, file.path));
  };
  // Two files for one role (vocals.wav and vocals.flac): which one was meant cannot be guessed.
  const twice = found?.problems.find((p) => p.code === "duplicate-role");
  if (twice) throw new Error(`${dir}: ${twice.message}`);
  const vocals = await read("vocals");
  let accompaniment: AudioSignal;
  if (found!.accompaniment === "file") {
    accompaniment = await read("accompaniment");
  } else if (found!.accompaniment === "musdb") {
    accompaniment = addSignals(await Promise.all(MUSDB_PARTS.map(read)));
  } else {
    throw new Error(`${dir} has no accompaniment.wav (nor MUSDB's drums.wav, bass.wav and other.wav to sum into one)`);
  }
  // No mixture file (a 16-bit dataset, user stems): the sum of the stems is the mixture, exactly.
  const mixture = !withMixture ? undefined : found!.files.mixture ? await read("mixture") : addSignals([vocals, accompaniment]);
  return { dir, mixture, stems: { vocals, accompaniment } };
}
