import { isWavBlob } from "../audio";
import { canStreamDecode, mediaBlobSource, wavBlobSource, type ClosableChunkSource } from "../separate";

/**
 * A chosen file as a source read a chunk at a time, so that an hour of audio never sits in the page
 * whole: WAV read directly, compressed files decoded in pieces by WebCodecs. Undefined where that
 * cannot be (no WebCodecs, or a file the streaming reader does not take): the caller then decodes it
 * whole with decodeAudio, whose error says what is wrong with a file that is not audio.
 */
export async function openSongSource(file: Blob & { name: string }): Promise<ClosableChunkSource | undefined> {
  if (await isWavBlob(file)) return wavBlobSource(file);
  if (!canStreamDecode()) return undefined;
  try {
    return await mediaBlobSource(file, file.name);
  } catch {
    return undefined;
  }
}
