/**
 * The notebook file: a TypeScript module in jupytext's "percent" format, so that `tsc` type-checks
 * it, Node runs it and diffs stay readable.
 *
 *   import { stft } from "../src";          ← preamble: text before the first marker (a code cell)
 *
 *   // %% [markdown] Introduction            ← markdown cell: its lines are `//` comments
 *   // Some *Markdown*.
 *   //
 *   // %% Train the model run=manual         ← code cell with a title and options
 *   const model = createUNet(UNET_PAPER);
 *
 * Parsing keeps everything needed to write the file back byte for byte (the marker line as written,
 * the line ending, the blank lines after the source), so opening and saving a notebook never
 * rewrites lines nobody edited. Pure functions; no DOM, no Node.
 */

export type CellKind = "code" | "markdown";

export interface Cell {
  /** Stable within one parse ("c1", "c2", … by position); `newCellId()` for cells added later. */
  id: string;
  kind: CellKind;
  title: string;
  /** The lines after the marker, without the blank lines that separate it from the next cell. */
  source: string;
  /** `run=manual`: the cell runs only on demand (training, long jobs). */
  manual: boolean;
  /**
   * The marker line as written (`// %% Title run=manual`); kept while it still says the cell's
   * kind, title and manual flag, rebuilt (keeping other options) when one of them changes. `null`
   * for the preamble, which has none; absent on new cells.
   */
  header?: string | null;
  /** The cell's line ending; absent: "\n". */
  eol?: "\n" | "\r\n";
  /** Line breaks after the source: 1 ends its last line, 2 leaves one blank line. Absent: 2. */
  breaks?: number;
}

export interface Notebook {
  cells: Cell[];
}

export interface CellHeader {
  kind: CellKind;
  title: string;
  manual: boolean;
  /** Every `key=value` word after the title, in order (`run=manual` included). */
  options: [string, string][];
}

/** `// %%` at the start of a line, then the end of the line or a space: jupytext's cell marker. */
const MARKER = /^\/\/ %%(?:[ \t\r][^]*)?$/;
const OPTION = /^[A-Za-z_][\w-]*=\S*$/;
const DEFAULT_BREAKS = 2;

let created = 0;

/** An id for a cell the editor adds; never collides with the "c<n>" ids a parse gives. */
export function newCellId(): string {
  return `n${++created}`;
}

export function isMarkerLine(line: string): boolean {
  return MARKER.test(line);
}

export function parseHeader(line: string): CellHeader {
  let rest = line.replace(/^\/\/ %%/, "").trim();
  let kind: CellKind = "code";
  const tag = /^\[(markdown|md)\]/.exec(rest);
  if (tag) {
    kind = "markdown";
    rest = rest.slice(tag[0].length).trim();
  }
  // Options are the trailing key=value words; anything before them is the title.
  const words = rest.split(/\s+/).filter(Boolean);
  let firstOption = words.length;
  while (firstOption > 0 && OPTION.test(words[firstOption - 1])) firstOption--;
  const options = words.slice(firstOption).map((w): [string, string] => {
    const eq = w.indexOf("=");
    return [w.slice(0, eq), w.slice(eq + 1)];
  });
  let title = rest;
  if (firstOption < words.length) {
    let at = rest.length;
    for (let k = words.length - 1; k >= firstOption; k--) at = rest.lastIndexOf(words[k], at - 1);
    title = rest.slice(0, at).trim();
  }
  const manual = kind === "code" && options.some(([k, v]) => k === "run" && v === "manual");
  return { kind, title, manual, options };
}

/** The marker line for a cell: its own if that still describes it, otherwise a new one. */
export function headerFor(cell: Cell): string {
  let options: [string, string][] = [];
  if (typeof cell.header === "string" && isMarkerLine(cell.header)) {
    const h = parseHeader(cell.header);
    if (h.kind === cell.kind && h.title === cell.title && h.manual === cell.manual) return cell.header;
    options = h.options.filter(([k]) => k !== "run");
  }
  if (cell.manual && cell.kind === "code") options.push(["run", "manual"]);
  const parts = ["// %%"];
  if (cell.kind === "markdown") parts.push("[markdown]");
  if (cell.title) parts.push(cell.title.replace(/\s+/g, " ").trim());
  for (const [k, v] of options) parts.push(`${k}=${v}`);
  return parts.join(" ");
}

export function parseNotebook(text: string): Notebook {
  // Cell boundaries: the start of every marker line.
  const starts: number[] = [];
  for (let at = 0; at <= text.length; ) {
    const end = text.indexOf("\n", at);
    const line = text.slice(at, end < 0 ? text.length : end);
    if (isMarkerLine(line)) starts.push(at);
    if (end < 0) break;
    at = end + 1;
  }
  const cells: Cell[] = [];
  const preamble = text.slice(0, starts.length ? starts[0] : text.length);
  if (preamble !== "") cells.push(parseBlock(preamble, false, "c1"));
  starts.forEach((start, k) => {
    const block = text.slice(start, k + 1 < starts.length ? starts[k + 1] : text.length);
    cells.push(parseBlock(block, true, `c${cells.length + 1}`));
  });
  return { cells };
}

function parseBlock(raw: string, marked: boolean, id: string): Cell {
  // A block is CRLF only if every line break in it is; otherwise stray "\r"s stay in the text.
  const crlf = raw.includes("\r\n") && raw.split("\n").slice(0, -1).every((l) => l.endsWith("\r"));
  const text = crlf ? raw.replaceAll("\r\n", "\n") : raw;
  let content = text.replace(/\n+$/, "");
  const breaks = text.length - content.length;
  let header: string | null = null;
  if (marked) {
    const nl = content.indexOf("\n");
    header = nl < 0 ? content : content.slice(0, nl);
    content = nl < 0 ? "" : content.slice(nl + 1);
  }
  const h = header === null ? { kind: "code" as const, title: "", manual: false } : parseHeader(header);
  return { id, kind: h.kind, title: h.title, source: content, manual: h.manual, header, eol: crlf ? "\r\n" : "\n", breaks };
}

/** Only the first cell can go without a marker: anywhere else it would merge into the cell above. */
function isBare(cell: Cell, index: number): boolean {
  return cell.header === null && index === 0 && cell.kind === "code" && cell.title === "" && !cell.manual;
}

/** The text of one cell as it stands in the file, line breaks after it included. */
function cellText(cell: Cell, index: number, last: boolean): string {
  const head = isBare(cell, index) ? null : headerFor(cell);
  const body = head === null ? cell.source : cell.source === "" ? head : `${head}\n${cell.source}`;
  let breaks = cell.breaks ?? (last ? 1 : DEFAULT_BREAKS);
  if (!last) breaks = Math.max(breaks, 1); // the next marker must start a line
  const text = body + "\n".repeat(breaks);
  return cell.eol === "\r\n" ? text.replaceAll("\n", "\r\n") : text;
}

export function serializeNotebook(notebook: Notebook): string {
  const { cells } = notebook;
  return cells.map((cell, k) => cellText(cell, k, k === cells.length - 1)).join("");
}

/**
 * The file line (1-based) of each cell's first source line, as `serializeNotebook` would write
 * the cells: what the editor's gutter shows and what error messages point at.
 */
export function cellFirstLines(cells: Cell[]): number[] {
  const lines: number[] = [];
  let line = 1;
  cells.forEach((cell, k) => {
    const text = cellText(cell, k, k === cells.length - 1);
    lines.push(line + (isBare(cell, k) ? 0 : 1));
    line += countLines(text);
  });
  return lines;
}

function countLines(text: string): number {
  let n = 0;
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) n++;
  return n;
}

/** A markdown cell's text without the comment prefixes (`//` alone is a blank line). */
export function markdownText(cell: Pick<Cell, "source">): string {
  return cell.source
    .split("\n")
    .map((line) => (line.startsWith("// ") ? line.slice(3) : line.startsWith("//") ? line.slice(2) : line))
    .join("\n");
}

/** Markdown text as a markdown cell's source: every line a `//` comment. Inverse of `markdownText`. */
export function markdownSource(text: string): string {
  return text
    .split("\n")
    .map((line) => (line === "" ? "//" : `// ${line}`))
    .join("\n");
}

export function markdownCell(text: string, title = ""): Cell {
  return { id: newCellId(), kind: "markdown", title, source: markdownSource(text), manual: false };
}

export function codeCell(source = "", title = "", manual = false): Cell {
  return { id: newCellId(), kind: "code", title, source, manual };
}
