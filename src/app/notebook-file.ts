import { describeContainer, sniffContainer } from "../audio";

/** Larger than any notebook a person writes (the shipped ones are under 20 KB); a file this big is something else. */
export const NOTEBOOK_MAX_BYTES = 2 * 1024 * 1024;

/**
 * The text of a notebook file (a .ts file) chosen for import, or an error that says what the file is
 * instead and where it belongs: an audio file picked by mistake would otherwise become a notebook of
 * binary garbage (megabytes of it in the browser's store).
 */
export async function readNotebookFile(file: Blob & { name: string }): Promise<string> {
  const empty = () => new Error(`${file.name} is empty: a notebook is a .ts file with cells (Export .ts writes one)`);
  if (file.size === 0) throw empty();
  const head = new Uint8Array(await file.slice(0, 64).arrayBuffer());
  const container = sniffContainer(head);
  if (container) {
    throw new Error(`${file.name} is ${describeContainer(container)}, not a notebook: open it with "Separate a song" or "Inspect audio", or load it in a cell`);
  }
  if (file.size > NOTEBOOK_MAX_BYTES) {
    throw new Error(`${file.name} is ${(file.size / 1048576).toFixed(1)} MB, too big to be a notebook (they are .ts text files of a few KB): choose the notebook's .ts file`);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    throw new Error(`${file.name} is not text (it is not valid UTF-8): a notebook is a .ts file; choose the one Export .ts wrote`);
  }
  if (text.includes("\u0000")) throw new Error(`${file.name} is a binary file, not a notebook: choose a .ts notebook file`);
  if (!text.trim()) throw empty();
  return text;
}
