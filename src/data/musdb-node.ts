/**
 * Node-only reading of a MUSDB18-HQ folder; kept out of ./index so the browser bundle never pulls
 * in node:fs.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { splitMusdbTrainNames } from "./musdb";

export interface MusdbSplit {
  /** Track folder paths, sorted by name. */
  train: string[];
  valid: string[];
  test: string[];
}

const LAYOUT =
  "a MUSDB18-HQ folder holds train/ and test/, each with one folder per track holding mixture.wav, " +
  "vocals.wav, drums.wav, bass.wav and other.wav (the .stem.mp4 MUSDB18 must be decoded to that layout first)";

/** The track folders of one of MUSDB's subset folders, each checked to hold stems. */
function trackFolders(root: string, subset: "train" | "test"): string[] {
  const dir = join(root, subset);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`${root} has no ${subset}/ folder: ${LAYOUT}`);
  const names = readdirSync(dir)
    .filter((n) => !n.startsWith(".") && statSync(join(dir, n)).isDirectory())
    .sort();
  if (names.length === 0) {
    const mp4 = readdirSync(dir).some((n) => n.endsWith(".stem.mp4"));
    throw new Error(`${dir} holds no track folders${mp4 ? " but .stem.mp4 files (MUSDB18, not -HQ)" : ""}: ${LAYOUT}`);
  }
  for (const n of names) {
    if (!existsSync(join(dir, n, "vocals.wav"))) throw new Error(`${join(dir, n)} has no vocals.wav: ${LAYOUT}`);
  }
  return names;
}

/**
 * The standard MUSDB18-HQ split: the 14 validation tracks found in root/train, the rest of
 * root/train for training, and root/test. A partial copy is accepted (e.g. a few tracks for a
 * trial), but a train/ folder holding none of the validation tracks is taken for a different dataset.
 */
export function musdbSplit(root: string): MusdbSplit {
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new Error(`MUSDB folder ${root} does not exist or is not a folder: ${LAYOUT}`);
  const trainNames = trackFolders(root, "train");
  const testNames = trackFolders(root, "test");
  const { train, valid } = splitMusdbTrainNames(trainNames);
  if (valid.length === 0) {
    throw new Error(
      `${join(root, "train")} holds none of MUSDB18's 14 validation tracks (e.g. "Actions - One Minute Smile"), ` +
        `so it is not MUSDB18-HQ's train/ folder; for other data use --data and --valid`,
    );
  }
  if (train.length === 0) throw new Error(`${join(root, "train")} holds only validation tracks, none to train on`);
  return {
    train: train.map((n) => join(root, "train", n)),
    valid: valid.map((n) => join(root, "train", n)),
    test: testNames.map((n) => join(root, "test", n)),
  };
}
