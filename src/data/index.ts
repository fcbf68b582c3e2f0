/**
 * Dataset sources. Browser-safe; Node file output (writeSongFolder) lives in "./node".
 */
export { generateSong, INSTRUMENTS, type GeneratedSong, type InstrumentName, type SongOptions, type SongSection } from "./song";
export type { SungNote, Syllable } from "./melody";
export type { VoiceType } from "./singer";
export { MUSDB_COUNTS, MUSDB_VALIDATION_TRACKS, splitMusdbTrainNames } from "./musdb";
