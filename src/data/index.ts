/**
 * Dataset sources. Browser-safe; Node file output (writeSongFolder) lives in "./node".
 */
export { generateSong, INSTRUMENTS, type GeneratedSong, type InstrumentName, type SongOptions, type SongSection } from "./song";
export type { SungNote, Syllable } from "./melody";
export type { VoiceType, Delivery, SingerRange } from "./singer";
export { MUSDB_COUNTS, MUSDB_VALIDATION_TRACKS, splitMusdbTrainNames } from "./musdb";
export {
  isHiddenName,
  MUSDB_PARTS,
  STEM_ROLES,
  STEMS,
  stemFileName,
  stemRoleOf,
  type MusdbPart,
  type StemName,
  type StemRole,
} from "./stem-names";
export {
  groupStemFiles,
  LOOSE_FILES_TRACK,
  type StemFileEntry,
  type StemGrouping,
  type StemProblem,
  type StemProblemCode,
  type StemTrackFiles,
} from "./stem-files";
// DOM APIs are used only inside its functions, so importing it is safe in Node too.
export {
  decodeStemTrack,
  DIRECTORY_PICKER_UNSUPPORTED,
  directoryPickerSupported,
  filesFromDirectoryPicker,
  filesFromDrop,
  filesFromInput,
  loadStemFiles,
  type LoadedStemTrack,
  type LoadedStems,
  type LoadStemsOptions,
  type StemFile,
} from "./browser-stems";
export { loadedStems, setLoadedStems } from "./loaded-stems";
