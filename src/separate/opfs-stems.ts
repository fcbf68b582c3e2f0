/**
 * Stems written to files in the origin private file system (OPFS), for separateToWav: a File from it
 * lives on disk, playable and downloadable at any size, where Blobs built piece by piece stop at the
 * browser's blob-storage quota (the two stems of an hour, 2 × 635 MB, came back unreadable in
 * Chromium; the same bytes in OPFS files read fine). Each run overwrites the folder's files.
 */
import { blobStemStorage, type StemStorage } from "./long";

/** Whether this browser can write OPFS files from the page (Chromium, Firefox; not every Safari). */
export async function canWriteOpfs(): Promise<boolean> {
  if (typeof navigator === "undefined" || !navigator.storage?.getDirectory || typeof FileSystemFileHandle === "undefined") return false;
  if (!("createWritable" in FileSystemFileHandle.prototype)) return false;
  try {
    await navigator.storage.getDirectory(); // refused in some private modes
    return true;
  } catch {
    return false;
  }
}

/** Where a page's separateToWav should put its stems: OPFS files in `folder` where it can, else Blobs. */
export async function browserStemStorage(folder: string): Promise<StemStorage> {
  return (await canWriteOpfs()) ? opfsStemStorage(folder) : blobStemStorage;
}

export function opfsStemStorage(folder: string): StemStorage {
  return async (stem) => {
    const root = await navigator.storage.getDirectory();
    const dir = await root.getDirectoryHandle(folder, { create: true });
    const handle = await dir.getFileHandle(`${stem}.wav`, { create: true });
    const writable = await handle.createWritable();
    let written = 0;
    return {
      async write(bytes) {
        try {
          await writable.write(bytes);
          written += bytes.length;
        } catch (e) {
          await writable.abort().catch(() => {});
          const { usage, quota } = await navigator.storage.estimate();
          throw new Error(
            `could not store the ${stem} stem after ${(written / 1e6).toFixed(0)} MB (${(e as Error).message}); ` +
              `this site uses ${((usage ?? 0) / 1e6).toFixed(0)} of ${((quota ?? 0) / 1e6).toFixed(0)} MB of storage. Free disk space, or separate a shorter file.`,
          );
        }
      },
      async finish() {
        await writable.close();
        return handle.getFile();
      },
    };
  };
}
