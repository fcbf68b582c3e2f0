/**
 * Users' own stems in the browser: files from a file input, a drop (folders included) or the
 * directory picker, grouped into tracks (./stem-files) and decoded into the StemTracks training
 * takes. DOM APIs are only touched inside functions, so importing this module is safe anywhere.
 */
import { addSignals, decodeAudio, frameCount, resampleSignal, toChannelCount, trimOrPad, type AudioSignal } from "../audio";
import type { StemTrack } from "../train/spectra";
import { groupStemFiles, type StemFileEntry, type StemProblem, type StemTrackFiles } from "./stem-files";
import { MUSDB_PARTS, STEM_ROLES, type StemRole } from "./stem-names";

/** A chosen file and its path relative to what was chosen ("song A/vocals.wav"). */
export interface StemFile extends StemFileEntry {
  file: Blob;
}

/** One track as loaded: its training audio when it could be made, and what was found either way. */
export interface LoadedStemTrack {
  name: string;
  folder: string;
  /** Roles of the files used, in STEM_ROLES order. */
  roles: StemRole[];
  accompaniment: StemTrackFiles["accompaniment"];
  mixture: StemTrackFiles["mixture"];
  /** The stems at one rate, channel count and length; absent when a problem is an error. */
  track?: StemTrack;
  sampleRate?: number;
  channels?: number;
  /** Seconds. */
  duration?: number;
  problems: StemProblem[];
  ignored: string[];
}

export interface LoadedStems {
  tracks: LoadedStemTrack[];
  ignored: string[];
  notes: string[];
}

export interface LoadStemsOptions {
  /** Called before each track is decoded (tracks are decoded one at a time to bound memory). */
  onProgress?: (progress: { done: number; total: number; name: string }) => void;
}

/**
 * Groups and decodes chosen files. Never throws for a bad file: a corrupt, empty or unreadable file
 * becomes an error on its track (naming the file), and the other tracks load.
 */
export async function loadStemFiles(files: readonly StemFile[], options: LoadStemsOptions = {}): Promise<LoadedStems> {
  const grouping = groupStemFiles(files);
  const tracks: LoadedStemTrack[] = [];
  for (const [i, group] of grouping.tracks.entries()) {
    options.onProgress?.({ done: i, total: grouping.tracks.length, name: group.name });
    tracks.push(await decodeStemTrack(group));
  }
  return { tracks, ignored: grouping.ignored, notes: grouping.notes };
}

/**
 * Decodes one track's files at their own rate and makes its StemTrack: MUSDB's drums, bass and other
 * summed into the accompaniment, the mixture the sum of vocals and accompaniment when there is no
 * mixture file. Stems that differ are brought together, each change reported as a warning: other
 * rates are resampled to the vocals' rate, fewer channels are spread to the most any file has, and
 * lengths are trimmed to the shortest (as `demix eval` does; a few samples' difference is common
 * where a codec pads its frames).
 */
export async function decodeStemTrack(group: StemTrackFiles<StemFile>): Promise<LoadedStemTrack> {
  const roles = STEM_ROLES.filter((r) => group.files[r]);
  const loaded: LoadedStemTrack = {
    name: group.name,
    folder: group.folder,
    roles,
    accompaniment: group.accompaniment,
    mixture: group.mixture,
    problems: [...group.problems],
    ignored: group.ignored,
  };
  if (!group.usable) return loaded;

  const signals: Partial<Record<StemRole, AudioSignal>> = {};
  for (const role of roles) {
    const f = group.files[role]!;
    try {
      signals[role] = await decodeAudio(new Uint8Array(await f.file.arrayBuffer()), f.path);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      // decodeAudio's messages name the file already; a failed read (file moved away) does not.
      loaded.problems.push({ level: "error", code: "unreadable", message: why.includes(f.path) ? why : `Cannot read "${f.path}": ${why}` });
    }
  }
  if (loaded.problems.some((p) => p.level === "error")) return loaded;

  const aligned = align(group, signals, loaded.problems);
  if (!aligned) return loaded;
  const accompaniment = aligned.accompaniment ?? addSignals(MUSDB_PARTS.map((p) => aligned[p]!));
  const mixture = aligned.mixture ?? addSignals([aligned.vocals!, accompaniment]);
  loaded.track = { name: group.name, vocals: aligned.vocals!, accompaniment, mixture };
  loaded.sampleRate = mixture.sampleRate;
  loaded.channels = mixture.channels.length;
  loaded.duration = frameCount(mixture) / mixture.sampleRate;
  return loaded;
}

/** One rate, channel count and length for all of a track's signals; undefined (with an error) when one is empty. */
function align(
  group: StemTrackFiles<StemFile>,
  signals: Partial<Record<StemRole, AudioSignal>>,
  problems: StemProblem[],
): Partial<Record<StemRole, AudioSignal>> | undefined {
  const roles = Object.keys(signals) as StemRole[];
  const file = (role: StemRole) => group.files[role]!.name;
  const empty = roles.filter((r) => frameCount(signals[r]!) === 0);
  if (empty.length) {
    problems.push({ level: "error", code: "empty", message: `${empty.map(file).join(", ")} ${empty.length > 1 ? "hold" : "holds"} no samples: nothing to learn from.` });
    return undefined;
  }
  const out = { ...signals };
  const rate = out.vocals!.sampleRate;
  for (const r of roles) {
    if (out[r]!.sampleRate === rate) continue;
    problems.push({ level: "warning", code: "resampled", message: `${file(r)} is at ${out[r]!.sampleRate} Hz, ${file("vocals")} at ${rate} Hz: resampled it to ${rate} Hz.` });
    out[r] = resampleSignal(out[r]!, rate);
  }
  const channels = Math.max(...roles.map((r) => out[r]!.channels.length));
  for (const r of roles) {
    const n = out[r]!.channels.length;
    if (n === channels) continue;
    problems.push({ level: "warning", code: "channels-converted", message: `${file(r)} has ${n} channel${n > 1 ? "s" : ""}, others ${channels}: ${n === 1 ? "copied it to each" : `added ${channels - n} silent`}.` });
    out[r] = toChannelCount(out[r]!, channels);
  }
  const lengths = roles.map((r) => frameCount(out[r]!));
  const length = Math.min(...lengths);
  const longest = Math.max(...lengths);
  if (longest !== length) {
    const gap = (longest - length) / rate;
    const which = roles.filter((r) => frameCount(out[r]!) > length).map(file);
    problems.push({
      level: "warning",
      code: "trimmed",
      message:
        `The files differ in length by up to ${longest - length} samples (${gap < 0.1 ? `${(gap * 1000).toFixed(1)} ms` : `${gap.toFixed(2)} s`}): ` +
        `trimmed ${inWords(which)} to the shortest, ${length} samples (${(length / rate).toFixed(2)} s).`,
    });
    for (const r of roles) out[r] = trimOrPad(out[r]!, length);
  }
  return out;
}

/** "a", "a and b", "a, b and c". */
function inWords(names: readonly string[]): string {
  return names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** Files chosen with an `<input type="file">` (with `webkitdirectory`, each keeps its path in the folder). */
export function filesFromInput(files: FileList | Iterable<File> | null | undefined): StemFile[] {
  return Array.from(files ?? [], (file) => ({ path: file.webkitRelativePath || file.name, name: file.name, file }));
}

/**
 * Files dropped on the page, with the contents of dropped folders (recursively). Call it from the
 * drop event itself: a DataTransfer's items can only be read while the event is dispatched, so they
 * are all taken before anything is awaited.
 */
export async function filesFromDrop(dataTransfer: DataTransfer): Promise<StemFile[]> {
  const pending: Promise<StemFile[]>[] = [];
  for (const item of Array.from(dataTransfer.items ?? [])) {
    if (item.kind !== "file") continue;
    const entry = item.webkitGetAsEntry?.();
    if (entry) {
      pending.push(walkEntry(entry));
      continue;
    }
    const file = item.getAsFile();
    const loose = file ? filesFromInput([file]) : [];
    const getHandle = (item as DataTransferItemWithHandle).getAsFileSystemHandle;
    // A handle can be null (e.g. for a DataTransfer made by a script): then the plain file stands.
    if (getHandle) pending.push(getHandle.call(item).then((h) => (h ? walkHandle(h, "") : loose)));
    else pending.push(Promise.resolve(loose));
  }
  // Some browsers expose files but no items (or items of another kind only).
  if (pending.length === 0) return filesFromInput(dataTransfer.files);
  return (await Promise.all(pending)).flat();
}

/** True where the page can open a folder with `window.showDirectoryPicker` (Chromium-based browsers). */
export function directoryPickerSupported(): boolean {
  return typeof window !== "undefined" && typeof (window as WindowWithPicker).showDirectoryPicker === "function";
}

export const DIRECTORY_PICKER_UNSUPPORTED =
  'This browser cannot open a folder directly (it lacks showDirectoryPicker, which Chrome and Edge have and Firefox and Safari do not). Use "Choose folder" instead, or drop the folder here.';

/**
 * Asks the user for a folder and returns every file in it, with paths starting at the folder's
 * name (as a webkitdirectory input gives them). Resolves to undefined when the user cancels; throws
 * with DIRECTORY_PICKER_UNSUPPORTED where there is no picker.
 */
export async function filesFromDirectoryPicker(): Promise<StemFile[] | undefined> {
  if (!directoryPickerSupported()) throw new Error(DIRECTORY_PICKER_UNSUPPORTED);
  let dir: DirectoryHandle;
  try {
    dir = await (window as WindowWithPicker).showDirectoryPicker!({ mode: "read" });
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") return undefined;
    throw e;
  }
  return walkHandle(dir, "");
}

// The File System Access API is not in TypeScript's DOM library (or only in parts): the little used here.
interface FileHandle {
  kind: "file";
  name: string;
  getFile(): Promise<File>;
}
interface DirectoryHandle {
  kind: "directory";
  name: string;
  values(): AsyncIterable<FileHandle | DirectoryHandle>;
}
interface DataTransferItemWithHandle extends DataTransferItem {
  getAsFileSystemHandle?: () => Promise<FileHandle | DirectoryHandle | null>;
}
interface WindowWithPicker extends Window {
  showDirectoryPicker?: (options?: { mode?: "read" | "readwrite" }) => Promise<DirectoryHandle>;
}

async function walkHandle(handle: FileHandle | DirectoryHandle, parent: string): Promise<StemFile[]> {
  const path = parent ? `${parent}/${handle.name}` : handle.name;
  if (handle.kind === "file") return [{ path, name: handle.name, file: await handle.getFile() }];
  const files: StemFile[] = [];
  for await (const child of handle.values()) files.push(...(await walkHandle(child, path)));
  return files;
}

async function walkEntry(entry: FileSystemEntry): Promise<StemFile[]> {
  // fullPath is "/song A/vocals.wav": relative to the drop, like webkitRelativePath.
  const path = entry.fullPath.replace(/^\/+/, "") || entry.name;
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    return [{ path, name: entry.name, file }];
  }
  if (!entry.isDirectory) return [];
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const files: StemFile[] = [];
  // readEntries hands out a folder in batches (100 at a time in Chromium) until it returns none.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    for (const child of batch) files.push(...(await walkEntry(child)));
  }
  return files;
}
