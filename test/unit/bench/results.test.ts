import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { itemNamed } from "../../../bench/items";
import { commitId, machineBasics } from "../../../bench/machine";
import { appendEntry, entryProblems, makeEntry, type ResultsEntry } from "../../../bench/results";
import { makeRows, type ReferenceTimes } from "../../../bench/rows";

const reference: ReferenceTimes = {
  items: { train_b8: { ms: 654.3929, threads: 1, what: "PyTorch" }, stft_istft_3min: { ms: 35.6755, threads: 1, what: "scipy" } },
  versions: { torch: "1.13" },
  missing: [],
};
const rows = makeRows(
  ["train_b8_browser", "stft_istft_3min", "separate_3min_browser", "peak_memory_60min_browser", "forward_b8_browser"].map((n) => itemNamed(n)!),
  [
    { name: "train_b8_browser", value: 1963.217 },
    { name: "stft_istft_3min", value: 170.04 },
    { name: "separate_3min_browser", value: 4030 },
    { name: "peak_memory_60min_browser", value: 5160.4 },
  ],
  reference,
);
const machine = { cores: 2, cpu: "AMD EPYC", node: "v20.20.2", load: [1, 1, 1] };
const entry = makeEntry(rows, { date: new Date("2026-11-25T10:00:00Z"), commit: "862c517-dirty", machine, quick: false });

describe("makeEntry", () => {
  it("has the shape issue 7 asks for, numbers rounded, memory in ours_mb", () => {
    expect(entry).toMatchObject({ date: "2026-11-25T10:00:00.000Z", commit: "862c517-dirty", machine, quick: false });
    expect(entry.items).toEqual([
      { name: "train_b8_browser", ours_ms: 1963.22, reference_ms: 654.39, ratio: 3 },
      { name: "stft_istft_3min", ours_ms: 170.04, reference_ms: 35.68, ratio: 4.766 },
      { name: "separate_3min_browser", ours_ms: 4030, reference_ms: null, ratio: 44.665 },
      { name: "peak_memory_60min_browser", ours_ms: null, reference_ms: null, ratio: null, ours_mb: 5160 },
    ]);
    expect(entryProblems(entry)).toEqual([]);
  });
  it("leaves unmeasured items out instead of writing placeholders", () => {
    expect(entry.items.map((i) => i.name)).not.toContain("forward_b8_browser");
  });
});

describe("entryProblems", () => {
  it("names what is wrong with a malformed entry", () => {
    const bad = { date: "yesterday", commit: "HEAD", machine: null, items: [{ name: 3, ours_ms: "1", reference_ms: null }] };
    const problems = entryProblems(bad);
    expect(problems).toContain("date must be an ISO date string");
    expect(problems.some((p) => p.startsWith("commit must be a short hash"))).toBe(true);
    expect(problems).toContain("machine must be an object");
    expect(problems).toContain("items[0].name must be a string");
    expect(problems).toContain("items[0].ours_ms must be a number or null");
    expect(problems).toContain("items[0].ratio must be a number or null");
  });
});

describe("appendEntry", () => {
  const dir = mkdtempSync(join(tmpdir(), "demix-bench-results-"));
  const file = join(dir, "results.json");
  afterEach(() => rmSync(file, { force: true }));

  it("creates the history, then appends to it, keeping earlier runs", () => {
    expect(appendEntry(file, entry)).toBe(1);
    const second: ResultsEntry = { ...entry, commit: "abcdef1" };
    expect(appendEntry(file, second)).toBe(2);
    const history = JSON.parse(readFileSync(file, "utf8")) as ResultsEntry[];
    expect(history.map((e) => e.commit)).toEqual(["862c517-dirty", "abcdef1"]);
    expect(history[0]).toEqual(entry);
  });
  it("refuses to overwrite a file that is not a JSON array", () => {
    writeFileSync(file, "{ not json");
    expect(() => appendEntry(file, entry)).toThrow(/not valid JSON.*fix or move it/);
    expect(readFileSync(file, "utf8")).toBe("{ not json");
    writeFileSync(file, '{"runs": []}');
    expect(() => appendEntry(file, entry)).toThrow(/must hold a JSON array/);
  });
  it("refuses a malformed entry", () => {
    expect(() => appendEntry(file, { ...entry, commit: "not a hash" })).toThrow(/malformed: commit/);
  });
});

describe("machine", () => {
  it("records this checkout's commit, marked dirty when the tree differs", () => {
    expect(commitId()).toMatch(/^[0-9a-f]{4,40}(-dirty)?$/);
  });
  it("records cores, cpu, Node and load", () => {
    const m = machineBasics();
    expect(m.cores).toBeGreaterThan(0);
    expect(m.node).toBe(process.version);
    expect(m.load).toHaveLength(3);
  });
});
