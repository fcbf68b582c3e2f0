/**
 * How stem files are named, for every reader of users' stems: the CLI's track folders (Node) and
 * the browser's file inputs, drops and folder pickers. Pure and browser-safe.
 */
import { containerFromName } from "../audio/sniff";

/** The stems a model learns and separates. */
export const STEMS = ["vocals", "accompaniment"] as const;
export type StemName = (typeof STEMS)[number];

/** MUSDB's instrument stems other than vocals; their sum is the accompaniment. */
export const MUSDB_PARTS = ["drums", "bass", "other"] as const;
export type MusdbPart = (typeof MUSDB_PARTS)[number];

/** Every role a file in a track folder can play, in display order. */
export const STEM_ROLES = ["mixture", "vocals", "accompaniment", ...MUSDB_PARTS] as const;
export type StemRole = (typeof STEM_ROLES)[number];

const ROLES: ReadonlySet<string> = new Set(STEM_ROLES);

/** The file a role is read from in a track folder on disk (the CLI's and MUSDB18-HQ's layout). */
export function stemFileName(role: StemRole): string {
  return `${role}.wav`;
}

/**
 * The role a file plays, from its name: the name without its extension is a role ("vocals.wav",
 * "Drums.FLAC") and the extension is one an audio decoder knows. Anything else, such as song.json,
 * keys.wav or a MUSDB18 "Track.stem.mp4", plays no role.
 */
export function stemRoleOf(fileName: string): StemRole | undefined {
  const dot = fileName.lastIndexOf(".");
  if (dot <= 0 || !containerFromName(fileName)) return undefined;
  const base = fileName.slice(0, dot).toLowerCase();
  return ROLES.has(base) ? (base as StemRole) : undefined;
}

/**
 * Names that are never stems and not worth mentioning: dotfiles such as .DS_Store, and the "._name"
 * companions macOS writes on non-Mac disks (which would otherwise look like corrupt stems).
 */
export function isHiddenName(name: string): boolean {
  return name.startsWith(".");
}
