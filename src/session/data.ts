import { generateSong } from "../data";
import type { StemTrack } from "../train";
import { TRAINING_DEFAULTS, type DataSource } from "./options";

/**
 * The tracks of a data source. Generated songs are made here, on the thread that trains: forty
 * 30-second songs are tens of MB of audio, not worth posting across from the page.
 */
export function stemTracks(source: DataSource): StemTrack[] {
  if ("tracks" in source) return source.tracks;
  const { songs, seconds, seed, sampleRate = TRAINING_DEFAULTS.sampleRate } = source.generated;
  return Array.from({ length: songs }, (_, i) => {
    const song = generateSong({ seed: seed + i, seconds, sampleRate });
    return { name: song.name, vocals: song.vocals, accompaniment: song.accompaniment, mixture: song.mixture };
  });
}

/**
 * The sample buffers of data sources' tracks, to transfer rather than copy to a worker. Each buffer
 * once (a transfer list with a buffer twice is an error, and training and validation tracks may
 * share one), and never a SharedArrayBuffer, which is shared already and cannot be transferred.
 */
export function trackBuffers(...sources: (DataSource | undefined)[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const source of sources) {
    if (!source || !("tracks" in source) || !Array.isArray(source.tracks)) continue;
    for (const track of source.tracks) {
      for (const signal of [track?.vocals, track?.accompaniment, track?.mixture]) {
        for (const channel of signal?.channels ?? []) {
          if (channel?.buffer instanceof ArrayBuffer && channel.buffer.byteLength > 0) buffers.add(channel.buffer);
        }
      }
    }
  }
  return [...buffers];
}
