/**
 * Running a notebook file headless in Node (`demix notebook run`): cell imports load the real
 * modules — "demix" and relative paths to the library's src folder through the TypeScript sources
 * (the CLI runs under tsx), other relative paths against the notebook's folder, packages from
 * node_modules. Node only.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { CellError } from "./compile";
import { cellFirstLines, parseNotebook, type Cell } from "./format";
import { NotebookSession, type CellStatus } from "./session";
import { LIBRARY_NAME } from "./specifiers";

const SRC = dirname(dirname(fileURLToPath(import.meta.url)));

function findModule(path: string, specifier: string): string {
  for (const candidate of [path, `${path}.ts`, join(path, "index.ts"), `${path}.js`, join(path, "index.js")]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  throw new Error(`cannot import "${specifier}": no module at ${path} (nor .ts, /index.ts, .js)`);
}

/** `import` for cells of the notebook at `notebookFile`. */
export function nodeImportResolver(notebookFile: string): (specifier: string) => Promise<unknown> {
  const folder = dirname(resolve(notebookFile));
  return async (specifier) => {
    let path: string | undefined;
    if (specifier === LIBRARY_NAME || specifier.startsWith(`${LIBRARY_NAME}/`)) path = join(SRC, specifier.slice(LIBRARY_NAME.length));
    else if (/^\.{1,2}\//.test(specifier) || specifier.startsWith("/")) path = resolve(folder, specifier);
    if (path === undefined) return import(specifier);
    return import(pathToFileURL(findModule(path, specifier)).href);
  };
}

export interface CellReport {
  cell: Cell;
  /** 1-based among the notebook's code cells. */
  number: number;
  /** The file line of the cell's first source line. */
  line: number;
  status: CellStatus;
  ms?: number;
  /** What the cell displayed, in order (a yielding cell: its last value). */
  values: unknown[];
  error?: CellError;
}

export interface RunNotebookOptions {
  /** Each code cell's report, in notebook order, as soon as it and every cell above it have settled. */
  onCell?(report: CellReport): void;
  /** Run manual cells too (after the others, one at a time, in notebook order); default true. */
  includeManual?: boolean;
}

/** Final while the run goes on; a manual cell is stale only until its turn comes. */
const SETTLED: CellStatus[] = ["done", "error"];

/** Runs every cell of a notebook file; `file` is also how errors name it (notebooks/x.ts:37). */
export async function runNotebookFile(file: string, options: RunNotebookOptions = {}): Promise<CellReport[]> {
  const { cells } = parseNotebook(readFileSync(file, "utf8"));
  const lines = cellFirstLines(cells);
  const reports: CellReport[] = [];
  cells.forEach((cell, k) => {
    if (cell.kind === "code") reports.push({ cell, number: reports.length + 1, line: lines[k], status: "idle", values: [] });
  });
  const byId = new Map(reports.map((r) => [r.cell.id, r]));
  let reported = 0;
  const flush = (all: boolean) => {
    while (reported < reports.length && (all || SETTLED.includes(reports[reported].status))) {
      const report = reports[reported++];
      options.onCell?.(report);
    }
  };
  const session = new NotebookSession({
    resolveImport: nodeImportResolver(file),
    file,
    observer: {
      status(id, status, info) {
        const report = byId.get(id)!;
        report.status = status;
        if (info.ms !== undefined) report.ms = info.ms;
        flush(false);
      },
      display(id, value) {
        byId.get(id)!.values.push(value);
      },
      clear(id) {
        byId.get(id)!.values = [];
      },
      error(id, error) {
        byId.get(id)!.error = error;
      },
    },
  });
  try {
    session.setCells(cells);
    await session.runAll({ includeManual: options.includeManual ?? true });
  } finally {
    session.dispose();
  }
  flush(true);
  return reports;
}
