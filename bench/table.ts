import type { BenchItem, Target } from "./items";
import type { Row } from "./rows";

export function formatValue(value: number | null, unit: BenchItem["unit"]): string {
  if (value === null || !Number.isFinite(value)) return "—";
  if (unit === "MB") return `${Math.round(value)} MB`;
  if (value >= 10_000) return `${(value / 1000).toFixed(1)} s`;
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  return value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(1)} ms`;
}

export function formatRatio(row: Row): string {
  if (row.ratio === null) return "—";
  if (row.item.ratio === "real-time") return `${row.ratio.toFixed(row.ratio >= 10 ? 0 : 1)}× real time`;
  return `${row.ratio.toFixed(2)}×`;
}

export function formatTarget(target: Target | undefined, unit: BenchItem["unit"]): string {
  if (!target) return "";
  switch (target.kind) {
    case "ratio-at-most":
      return `≤ ${target.value.toFixed(1)}×`;
    case "real-time-at-least":
      return `≥ ${target.value}× real time`;
    case "at-most":
      return `≤ ${target.value} ${unit}`;
  }
}

const metText = (met: boolean | null, hasTarget: boolean) => (!hasTarget ? "" : met === null ? "?" : met ? "yes" : "NO");

/**
 * The run's table as Markdown (it reads in a terminal and pastes into NOTES.md and the issue):
 * item | ours | reference | ratio | target | met?, then one line per row with a note.
 */
export function formatTable(rows: readonly Row[]): string {
  const head = ["item", "ours", "reference", "ratio", "target", "met?"];
  const body = rows.map((r) => [
    r.item.name,
    r.display ?? formatValue(r.ours, r.item.unit),
    r.item.reference ? formatValue(r.reference, "ms") : "",
    formatRatio(r),
    formatTarget(r.item.target, r.item.unit),
    metText(r.met, r.item.target !== undefined),
  ]);
  // Column widths in code points, so "≤" and "×" do not skew the alignment.
  const width = (s: string) => [...s].length;
  const widths = head.map((h, c) => Math.max(width(h), ...body.map((r) => width(r[c]))));
  const line = (cells: string[]) => "| " + cells.map((s, c) => s + " ".repeat(widths[c] - width(s))).join(" | ") + " |";
  const out = [line(head), "|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|", ...body.map(line)];
  const notes = rows.filter((r) => r.note).map((r) => `- ${r.item.name}: ${r.note}`);
  return [...out, ...(notes.length ? ["", ...notes] : [])].join("\n");
}
