/**
 * Grouping a flat list of files (as a browser's file input, drop or folder picker gives them) into
 * tracks of stems, with what is wrong with each track said in plain words. Pure: no decoding, no
 * DOM; the browser side (./browser-stems) decodes what this finds.
 */
import { isHiddenName, MUSDB_PARTS, STEM_ROLES, stemRoleOf, type StemRole } from "./stem-names";

/** A file and where it sits: `path` is relative to what the user chose ("song A/vocals.wav"). */
export interface StemFileEntry {
  path: string;
  name: string;
}

/** What kind of problem, for code that acts on it; the message says it in words. */
export type StemProblemCode =
  | "duplicate-role"
  | "missing-vocals"
  | "missing-accompaniment"
  | "accompaniment-twice"
  // Found when decoding (./browser-stems):
  | "unreadable"
  | "empty"
  | "resampled"
  | "channels-converted"
  | "trimmed";

export interface StemProblem {
  /** "error": the track cannot be used; "warning": it can, but not quite as given. */
  level: "error" | "warning";
  code: StemProblemCode;
  message: string;
}

/** The files of one track folder, by role. */
export interface StemTrackFiles<F extends StemFileEntry = StemFileEntry> {
  /** The folder's path ("" for files chosen without a folder). */
  folder: string;
  /** The folder's name, or its whole path where two chosen folders share a name. */
  name: string;
  /** The file used for each role found (of duplicates, the first by path). */
  files: Partial<Record<StemRole, F>>;
  /** Where the accompaniment comes from: its own file, MUSDB's drums+bass+other, or nowhere. */
  accompaniment: "file" | "musdb" | "missing";
  /** Where the mixture comes from: its own file, or vocals + accompaniment. */
  mixture: "file" | "sum";
  /** Paths of the folder's files that play no role, left out. */
  ignored: string[];
  problems: StemProblem[];
  /** True when no problem is an error: the files are enough to make a training track. */
  usable: boolean;
}

export interface StemGrouping<F extends StemFileEntry = StemFileEntry> {
  /** Track folders, sorted by path. */
  tracks: StemTrackFiles<F>[];
  /** Paths of files outside any track folder (folders holding no stem file at all). */
  ignored: string[];
  /** Things about the selection as a whole (nothing found, MUSDB18 .stem.mp4 files). */
  notes: string[];
}

/** Name of the track made of files chosen without a folder (e.g. with "Choose files"). */
export const LOOSE_FILES_TRACK = "Chosen files";

const HOW_TO =
  "a track is a folder holding vocals and accompaniment files (or MUSDB's drums, bass and other instead of " +
  "accompaniment; mixture optional), named like vocals.wav";

/** Forward slashes, no leading "./" or "/", no empty segments. */
function normalisePath(entry: StemFileEntry): string {
  const parts = (entry.path || entry.name).replace(/\\/g, "/").split("/").filter((p) => p !== "" && p !== ".");
  return parts.length ? parts.join("/") : entry.name;
}

/**
 * Groups files into tracks: each folder that directly holds at least one stem file (mixture, vocals,
 * accompaniment, drums, bass, other, in any audio format) is a track. Per track it reports missing
 * vocals or accompaniment, an accompaniment given twice (its own file and MUSDB stems: the file
 * wins, as in the CLI), a role given by two files, and lists files that play no role. Hidden files
 * (.DS_Store, macOS "._" files) are skipped without mention.
 */
export function groupStemFiles<F extends StemFileEntry>(entries: readonly F[]): StemGrouping<F> {
  const folders = new Map<string, { path: string; entry: F }[]>();
  for (const entry of entries) {
    const path = normalisePath(entry);
    const segments = path.split("/");
    if (segments.some(isHiddenName)) continue;
    const folder = segments.slice(0, -1).join("/");
    let list = folders.get(folder);
    if (!list) folders.set(folder, (list = []));
    list.push({ path, entry });
  }

  const tracks: StemTrackFiles<F>[] = [];
  const ignored: string[] = [];
  for (const [folder, list] of [...folders].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    list.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    if (list.some(({ entry }) => stemRoleOf(entry.name))) tracks.push(trackOf(folder, list));
    else ignored.push(...list.map((f) => f.path));
  }
  nameTracks(tracks);

  const notes: string[] = [];
  if (tracks.length === 0) {
    notes.push(entries.length === 0 ? `No files were chosen: ${HOW_TO}.` : `None of the ${entries.length} files chosen is a stem: ${HOW_TO}.`);
  }
  if (ignored.some((p) => p.toLowerCase().endsWith(".stem.mp4"))) {
    notes.push("The .stem.mp4 files are MUSDB18 (not -HQ): decode them into folders of WAV stems first (e.g. with musdb's stem2wav or ffmpeg).");
  }
  return { tracks, ignored, notes };
}

function trackOf<F extends StemFileEntry>(folder: string, list: { path: string; entry: F }[]): StemTrackFiles<F> {
  const byRole = new Map<StemRole, { path: string; entry: F }[]>();
  const ignored: string[] = [];
  for (const f of list) {
    const role = stemRoleOf(f.entry.name);
    if (!role) ignored.push(f.path);
    else byRole.set(role, [...(byRole.get(role) ?? []), f]);
  }
  const problems: StemProblem[] = [];
  const files: Partial<Record<StemRole, F>> = {};
  for (const role of STEM_ROLES) {
    const found = byRole.get(role);
    if (!found) continue;
    files[role] = found[0].entry;
    if (found.length > 1) {
      problems.push({
        level: "error",
        code: "duplicate-role",
        message: `${found.length} files are ${role}: ${found.map((f) => baseName(f.path)).join(", ")}. Keep one of them in the folder.`,
      });
    }
  }

  if (!files.vocals) problems.push({ level: "error", code: "missing-vocals", message: "No vocals file: add vocals.wav (or .flac, .mp3, …); the vocals are what a model learns to separate." });
  const parts = MUSDB_PARTS.filter((p) => files[p]);
  let accompaniment: StemTrackFiles["accompaniment"] = "missing";
  if (files.accompaniment) {
    accompaniment = "file";
    if (parts.length) {
      problems.push({
        level: "warning",
        code: "accompaniment-twice",
        message: `Both an accompaniment file and MUSDB's ${inWords(parts)}: using ${baseName(pathOf(list, files.accompaniment))}, leaving out ${inWords(parts)}.`,
      });
      for (const p of parts) {
        ignored.push(pathOf(list, files[p]!));
        delete files[p];
      }
    }
  } else if (parts.length === MUSDB_PARTS.length) {
    accompaniment = "musdb";
  } else if (parts.length) {
    const missing = MUSDB_PARTS.filter((p) => !files[p]);
    problems.push({
      level: "error",
      code: "missing-accompaniment",
      message: `No accompaniment file, and MUSDB's ${inWords(missing)} ${missing.length > 1 ? "are" : "is"} missing, so ${inWords(parts)} cannot be summed into one: add accompaniment.wav, or ${inWords(missing)}.`,
    });
  } else {
    problems.push({ level: "error", code: "missing-accompaniment", message: "No accompaniment file: add accompaniment.wav, or MUSDB's drums, bass and other to be summed into one." });
  }
  ignored.sort();
  return {
    folder,
    name: folder === "" ? LOOSE_FILES_TRACK : baseName(folder),
    files,
    accompaniment,
    mixture: files.mixture ? "file" : "sum",
    ignored,
    problems,
    usable: problems.every((p) => p.level !== "error"),
  };
}

/** Two chosen folders with the same name (train/X and test/X) are told apart by their whole path. */
function nameTracks(tracks: StemTrackFiles<StemFileEntry>[]): void {
  const count = new Map<string, number>();
  for (const t of tracks) count.set(t.name, (count.get(t.name) ?? 0) + 1);
  for (const t of tracks) if (count.get(t.name)! > 1 && t.folder !== "") t.name = t.folder;
}

function pathOf<F extends StemFileEntry>(list: { path: string; entry: F }[], entry: F): string {
  return list.find((f) => f.entry === entry)!.path;
}

const baseName = (path: string) => path.slice(path.lastIndexOf("/") + 1);

/** "drums", "drums and bass", "drums, bass and other". */
function inWords(names: readonly string[]): string {
  return names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}
