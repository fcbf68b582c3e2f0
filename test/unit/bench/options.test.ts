import { describe, expect, it } from "vitest";
import { ITEMS } from "../../../bench/items";
import { parseOptions, selectItems } from "../../../bench/options";

describe("parseOptions", () => {
  it("defaults to everything, in the browser with 2 threads, saved", () => {
    expect(parseOptions([])).toEqual({ quick: false, only: null, browser: true, browserThreads: 2, reference: true, save: true, help: false });
  });
  it("reads every option, with = or a separate value", () => {
    const o = parseOptions(["--quick", "--only", "stft_istft_3min,train_b8", "--no-browser", "--browser-threads=1", "--no-reference", "--no-save"]);
    expect(o).toEqual({ quick: true, only: ["stft_istft_3min", "train_b8"], browser: false, browserThreads: 1, reference: false, save: false, help: false });
  });
  it("names unknown items and options, and lists what is known", () => {
    expect(() => parseOptions(["--only", "stft,train_b8"])).toThrow(/unknown bench item stft; known: forward_b1,/);
    expect(() => parseOptions(["--fast"])).toThrow(/unknown option --fast/);
    expect(() => parseOptions(["--only"])).toThrow(/--only needs a value/);
    expect(() => parseOptions(["--browser-threads", "0"])).toThrow(/whole number ≥ 1, got 0/);
  });
});

describe("selectItems", () => {
  const names = (argv: string[]) => selectItems(parseOptions(argv)).map((i) => i.name);
  it("runs everything by default, and --quick leaves the slow items (the 60-minute separations) out", () => {
    expect(names([])).toEqual(ITEMS.map((i) => i.name));
    expect(names(["--quick"])).not.toContain("peak_memory_60min_browser");
    expect(names(["--quick"])).not.toContain("peak_memory_60min_mp3_browser");
    expect(names(["--quick"])).toHaveLength(ITEMS.length - 2);
  });
  it("--quick still runs a slow item that --only names", () => {
    expect(names(["--quick", "--only", "peak_memory_60min_browser"])).toEqual(["peak_memory_60min_browser"]);
  });
  it("--no-browser keeps only Node items, even from --only", () => {
    expect(selectItems(parseOptions(["--no-browser"])).every((i) => i.place === "node")).toBe(true);
    expect(names(["--no-browser", "--only", "train_b8,train_b8_browser"])).toEqual(["train_b8"]);
  });
  it("keeps catalogue order whatever the order of --only", () => {
    expect(names(["--only", "tti_preview,forward_b1"])).toEqual(["forward_b1", "tti_preview"]);
  });
});
