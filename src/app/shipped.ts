/**
 * The notebooks in notebooks/, bundled as text. A shipped notebook opens as the user's editable copy
 * (origin "shipped:<file>"); the original stays here and can be restored.
 */
const FILES = import.meta.glob<string>("../../notebooks/*.ts", { query: "?raw", import: "default", eager: true });

export interface ShippedNotebook {
  file: string;
  title: string;
  source: string;
  hash: string;
}

export const SHIPPED: ShippedNotebook[] = Object.entries(FILES)
  .map(([path, source]) => {
    const file = path.split("/").pop()!;
    return { file, title: titleOf(source, file), source, hash: hashText(source) };
  })
  .sort((a, b) => a.file.localeCompare(b.file));

/** The first Markdown heading of the notebook (`// # Title`), else the file name. */
export function titleOf(source: string, file: string): string {
  const heading = /^\/\/ #\s+(.+)$/m.exec(source);
  return heading ? heading[1].trim() : file.replace(/\.ts$/, "").replace(/[-_]+/g, " ");
}

/** FNV-1a, enough to tell whether a shipped file changed since the copy was made. */
export function hashText(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}
