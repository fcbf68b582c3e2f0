import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { Row } from "./rows";

/** One item of a results entry, as issue 7 specifies it (`ours_mb` only for memory items). */
export interface ResultItem {
  name: string;
  ours_ms: number | null;
  reference_ms: number | null;
  /** ours ÷ reference, or × real time for separations (the item's table row says which). */
  ratio: number | null;
  ours_mb?: number | null;
}

export interface Machine {
  cores: number;
  cpu: string;
  node: string;
  chromium?: string;
  /** The bench page's wasm backend, e.g. "SIMD, 2 threads, cross-origin isolated". */
  wasm?: string;
  /** The Node items' backend, as initBackend explains it (wasm is single-threaded in Node). */
  wasmNode?: string;
  reference?: Record<string, string>;
  /** `uptime`'s load averages when the run started: the machine may be shared. */
  load: number[];
  /** …and when it ended (a reference measured on a busier machine than ours flatters the ratios). */
  loadAtEnd?: number[];
}

export interface ResultsEntry {
  date: string;
  commit: string;
  machine: Machine;
  quick: boolean;
  items: ResultItem[];
}

const round = (v: number | null, digits = 2) => (v === null ? null : Number(v.toFixed(digits)));

export function makeEntry(rows: readonly Row[], meta: { date: Date; commit: string; machine: Machine; quick: boolean }): ResultsEntry {
  return {
    date: meta.date.toISOString(),
    commit: meta.commit,
    machine: meta.machine,
    quick: meta.quick,
    // Unmeasured rows stay out: history should show what was measured, not placeholders.
    items: rows
      .filter((r) => r.ours !== null)
      .map((r): ResultItem =>
        r.item.unit === "MB"
          ? { name: r.item.name, ours_ms: null, reference_ms: null, ratio: null, ours_mb: round(r.ours, 0) }
          : { name: r.item.name, ours_ms: round(r.ours), reference_ms: round(r.reference), ratio: round(r.ratio, 3) },
      ),
  };
}

/** Problems with an entry read back from results.json (empty when it has the shape). */
export function entryProblems(entry: unknown): string[] {
  const e = entry as Partial<ResultsEntry>;
  const problems: string[] = [];
  if (typeof e?.date !== "string" || Number.isNaN(Date.parse(e.date))) problems.push("date must be an ISO date string");
  if (typeof e?.commit !== "string" || !/^[0-9a-f]{4,40}(-dirty)?$/.test(e.commit)) problems.push('commit must be a short hash, with "-dirty" when the tree had changes');
  if (typeof e?.machine !== "object" || e.machine === null) problems.push("machine must be an object");
  if (!Array.isArray(e?.items)) return [...problems, "items must be an array"];
  const num = (v: unknown) => v === null || (typeof v === "number" && Number.isFinite(v));
  e.items.forEach((item, i) => {
    if (typeof item?.name !== "string") problems.push(`items[${i}].name must be a string`);
    for (const key of ["ours_ms", "reference_ms", "ratio"] as const) {
      if (!(key in (item ?? {})) || !num(item[key])) problems.push(`items[${i}].${key} must be a number or null`);
    }
  });
  return problems;
}

/** Appends `entry` to the JSON array in `path` (creating it), refusing to overwrite a file that is not one. */
export function appendEntry(path: string, entry: ResultsEntry): number {
  let history: unknown[] = [];
  if (existsSync(path)) {
    const text = readFileSync(path, "utf8");
    try {
      history = JSON.parse(text);
    } catch (e) {
      throw new Error(`${path} is not valid JSON (${(e as Error).message}); fix or move it, the bench appends to it`);
    }
    if (!Array.isArray(history)) throw new Error(`${path} must hold a JSON array of runs; fix or move it`);
  }
  const problems = entryProblems(entry);
  if (problems.length) throw new Error(`results entry is malformed: ${problems.join("; ")}`);
  history.push(entry);
  writeFileSync(path, JSON.stringify(history, null, 1) + "\n");
  return history.length;
}
