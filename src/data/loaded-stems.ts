/**
 * The tracks the user loaded in the workbench's "Your stems" panel, for notebook cells to train or
 * evaluate on (`startTraining({ data: { tracks: loadedStems() } })`). Empty in Node and until the user
 * loads some. Copies are handed out: training transfers its tracks' buffers to its worker.
 */
import type { AudioSignal } from "../audio";
import type { StemTrack } from "../train/spectra";

let loaded: StemTrack[] = [];

export function setLoadedStems(tracks: StemTrack[]): void {
  loaded = tracks;
}

const copy = (s: AudioSignal): AudioSignal => ({ sampleRate: s.sampleRate, channels: s.channels.map((c) => c.slice()) });

export function loadedStems(): StemTrack[] {
  return loaded.map((t) => ({ name: t.name, vocals: copy(t.vocals), accompaniment: copy(t.accompaniment), ...(t.mixture ? { mixture: copy(t.mixture) } : {}) }));
}
