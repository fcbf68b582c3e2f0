import { describe, expect, it } from "vitest";
import { itemNamed } from "../../../bench/items";
import { makeRows, type ReferenceTimes } from "../../../bench/rows";
import { formatTable, formatValue } from "../../../bench/table";

const reference: ReferenceTimes = { items: { train_b8: { ms: 654.39, threads: 1, what: "PyTorch" } }, versions: {}, missing: [] };
const items = ["train_b8_browser", "separate_3min_browser", "tti_preview", "peak_memory_60min_browser", "forward_b1"].map((n) => itemNamed(n)!);

describe("formatValue", () => {
  it("writes ms below a second and seconds above, MB whole, and a dash for nothing", () => {
    expect(formatValue(12.345, "ms")).toBe("12.3 ms");
    expect(formatValue(654.39, "ms")).toBe("654 ms");
    expect(formatValue(1962, "ms")).toBe("1.96 s");
    expect(formatValue(92_400, "ms")).toBe("92.4 s");
    expect(formatValue(5160.4, "MB")).toBe("5160 MB");
    expect(formatValue(null, "ms")).toBe("—");
  });
});

describe("formatTable", () => {
  const rows = makeRows(
    items,
    [
      { name: "train_b8_browser", value: 1963.2 },
      { name: "separate_3min_browser", value: 4030 },
      { name: "tti_preview", value: 1100, note: "median of 5 cold loads" },
      { name: "peak_memory_60min_browser", value: 5160 },
    ],
    reference,
  );
  const text = formatTable(rows);
  const lines = text.split("\n");

  it("has the issue's columns and one aligned row per item", () => {
    expect(lines[0]).toMatch(/^\| item +\| ours +\| reference +\| ratio +\| target +\| met\? \|$/);
    const tableLines = lines.slice(0, 2 + items.length);
    const widths = new Set(tableLines.map((l) => [...l].length));
    expect(widths.size).toBe(1);
    expect(tableLines[1]).toMatch(/^\|-+\|-+\|-+\|-+\|-+\|-+\|$/);
  });
  it("says each row's numbers, ratio kind, target and verdict", () => {
    const row = (name: string) => lines.find((l) => l.startsWith(`| ${name} `))!.split("|").map((c) => c.trim()).slice(1, -1);
    expect(row("train_b8_browser")).toEqual(["train_b8_browser", "1.96 s", "654 ms", "3.00×", "≤ 1.0×", "NO"]);
    expect(row("separate_3min_browser")).toEqual(["separate_3min_browser", "4.03 s", "", "45× real time", "≥ 150× real time", "NO"]);
    expect(row("tti_preview")).toEqual(["tti_preview", "1.10 s", "", "—", "≤ 1500 ms", "yes"]);
    expect(row("peak_memory_60min_browser")).toEqual(["peak_memory_60min_browser", "5160 MB", "", "—", "≤ 1500 MB", "NO"]);
    // Measured nothing and has no target: blanks, not a verdict.
    expect(row("forward_b1")).toEqual(["forward_b1", "—", "—", "—", "", ""]);
  });
  it("shows a measurement's own wording where the number alone would mislead", () => {
    const [row] = makeRows([itemNamed("longest_task_training_browser")!], [{ name: "longest_task_training_browser", value: 0, display: "none ≥ 50 ms" }], null);
    expect(row.met).toBe(true);
    expect(formatTable([row]).split("\n")[2]).toMatch(/^\| longest_task_training_browser \| none ≥ 50 ms \| +\| — +\| ≤ 50 ms \| yes +\|$/);
  });
  it("lists the notes under the table", () => {
    expect(text).toContain("- tti_preview: median of 5 cold loads");
    expect(text).toContain("- forward_b1: not measured");
  });
});
