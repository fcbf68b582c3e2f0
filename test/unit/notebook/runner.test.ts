import { afterEach, describe, expect, it } from "vitest";
import { generateSong, stft, STFT_PAPER, type AudioSignal, type Spectrogram } from "../../../src";
import { runNotebookFile } from "../../../src/notebook/node";
import { demix } from "../cli/run-cli";

const SONG = "test/unit/notebook/fixtures/song.ts";
const FAILS = "test/unit/notebook/fixtures/fails.ts";

afterEach(() => {
  delete process.env.DEMIX_QUICK;
});

describe("runNotebookFile", () => {
  it("runs a notebook through the real library, manual cells included, reporting in order", async () => {
    process.env.DEMIX_QUICK = "1";
    const order: number[] = [];
    const reports = await runNotebookFile(SONG, { onCell: (r) => order.push(r.number) });
    expect(order).toEqual([1, 2, 3, 4]);
    expect(reports.map((r) => [r.cell.title, r.status])).toEqual([
      ["", "done"],
      ["Song", "done"],
      ["Spectrogram of a song", "done"],
      ["Loudest bin", "done"],
    ]);
    // The values are the library's own results: the same song, the same STFT.
    const song = generateSong({ seed: 7, seconds: 1, sampleRate: 8192 });
    const [audio] = reports[1].values as AudioSignal[];
    expect(audio.channels[0]).toEqual(song.mixture.channels[0]);
    const [spec] = reports[2].values as Spectrogram[];
    const expected = stft(song.mixture.channels[0], STFT_PAPER);
    expect([spec.bins, spec.frames]).toEqual([513, expected.frames]);
    expect(spec.re).toEqual(expected.re);
    const [loudest] = reports[3].values as { bin: number; hz: number }[];
    expect(loudest.hz).toBeCloseTo((loudest.bin * 8192) / 1024);
    expect(reports.every((r) => typeof r.ms === "number")).toBe(true);
  });

  it("reports a failing cell at its line in the file, and what that failure stopped", async () => {
    const reports = await runNotebookFile(FAILS);
    expect(reports.map((r) => r.status)).toEqual(["done", "done", "done", "error", "error"]);
    expect(reports[3].error).toMatchObject({ message: "total 12 is too large", line: 14 });
    expect(reports[3].error?.stack).toContain(`${FAILS}:14:`);
    expect(reports[4].error).toMatchObject({ message: "total is not defined because cell 'Broken' failed", line: 18 });
  });
});

describe("demix notebook run", () => {
  it("prints a line per cell with what it displayed, and exits 0", () => {
    const r = demix("notebook", "run", SONG, "--quick");
    expect(r.stderr).toMatch(/4 cells ran in \d+\.\d s/);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^✓ 1 {2}import \{ display, generateSong.* {2}\d+\.\d\d s$/);
    expect(lines).toContain("    Audio 1 ch × 8192 samples at 8192 Hz (1.00 s)"); // --quick: a 1 s song
    expect(r.stdout).toMatch(/^✓ 3 {2}Spectrogram of a song {2}\d+\.\d\d s\n {4}Spectrogram 513 bins × 12 frames$/m);
    expect(r.stdout).toMatch(/^✓ 4 {2}Loudest bin {2}\d+\.\d\d s\n {4}\{bin: \d+, hz: \d+, frames: 12\}$/m);
  });

  it("without --quick, quickMode() is false", () => {
    const r = demix("notebook", "run", SONG);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("(2.00 s)");
  });

  it("exits 1 and names the failing cell and its line", () => {
    const r = demix("notebook", "run", FAILS);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`✗ cell "Broken" (${FAILS}:14): total 12 is too large\n`);
    expect(r.stdout).toContain(`✗ cell "Uses the broken one" (${FAILS}:18): total is not defined because cell 'Broken' failed\n`);
    expect(r.stdout).toMatch(/^✓ 2 {2}Fine {2}\d+\.\d\d s\n {4}2$/m);
    expect(r.stderr).toContain("2 of 5 cells did not run");
  });

  it("has --help and says what is wrong with a bad call", () => {
    const help = demix("notebook", "--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("demix notebook run <file.ts> [--quick]");
    expect(demix("--help").stdout).toMatch(/notebook +run a notebook headless/);
    const none = demix("notebook");
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('give a subcommand: "run"');
    const missing = demix("notebook", "run", "nowhere.ts");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("notebook nowhere.ts not found");
  });
});
