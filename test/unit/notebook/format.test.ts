import { describe, expect, it } from "vitest";
import {
  cellFirstLines,
  codeCell,
  markdownCell,
  markdownSource,
  markdownText,
  parseHeader,
  parseNotebook,
  serializeNotebook,
  type Cell,
} from "../../../src/notebook";
import { mulberry32 } from "../../../src/train/random";

const roundTrip = (text: string) => serializeNotebook(parseNotebook(text));

const NOTEBOOK = `import { stft } from "../src";

// %% [markdown] Introduction
// Some *Markdown*.
//
// - a list
// %% Spectrogram of a song
const spec = stft(x);
spec

// %% Train run=manual
for (const step of steps) train(step);
`;

describe("parseNotebook", () => {
  it("reads the preamble, markdown and code cells, titles and options", () => {
    const { cells } = parseNotebook(NOTEBOOK);
    expect(cells.map((c) => [c.id, c.kind, c.title, c.manual])).toEqual([
      ["c1", "code", "", false],
      ["c2", "markdown", "Introduction", false],
      ["c3", "code", "Spectrogram of a song", false],
      ["c4", "code", "Train", true],
    ]);
    expect(cells[0].source).toBe('import { stft } from "../src";');
    expect(cells[0].header).toBeNull();
    expect(cells[2].source).toBe("const spec = stft(x);\nspec");
    expect(cells[2].breaks).toBe(2); // one blank line before the next marker
    expect(cells[3].source).toBe("for (const step of steps) train(step);");
    expect(cells[3].breaks).toBe(1);
    expect(markdownText(cells[1])).toBe("Some *Markdown*.\n\n- a list");
  });

  it("only takes `// %%` followed by a space or the line's end as a marker", () => {
    const { cells } = parseNotebook("// %%\na\n//%% no\n// %%no\n  // %% indented\n// %%\tTabbed x=1\nb");
    expect(cells.map((c) => c.title)).toEqual(["", "Tabbed"]);
    expect(cells[0].source).toBe("a\n//%% no\n// %%no\n  // %% indented");
    expect(parseHeader("// %%\tTabbed x=1").options).toEqual([["x", "1"]]);
  });

  it("gives ids by position, the same on every parse", () => {
    const a = parseNotebook(NOTEBOOK).cells.map((c) => c.id);
    expect(parseNotebook(NOTEBOOK).cells.map((c) => c.id)).toEqual(a);
    expect(parseNotebook("// %% A\n// %% B").cells.map((c) => c.id)).toEqual(["c1", "c2"]);
    expect(codeCell().id).not.toBe(codeCell().id);
    expect(codeCell().id).not.toMatch(/^c\d+$/);
  });
});

describe("parseHeader", () => {
  it("separates the title from trailing key=value options", () => {
    expect(parseHeader("// %% Train the model run=manual")).toEqual({ kind: "code", title: "Train the model", manual: true, options: [["run", "manual"]] });
    expect(parseHeader("// %% [markdown] Notes on a=b  here")).toMatchObject({ kind: "markdown", title: "Notes on a=b  here", manual: false });
    expect(parseHeader("// %% x=1 tags=slow")).toMatchObject({ title: "", options: [["x", "1"], ["tags", "slow"]] });
    expect(parseHeader("// %%")).toMatchObject({ kind: "code", title: "", manual: false });
    expect(parseHeader("// %% Title run=auto")).toMatchObject({ manual: false });
  });
});

describe("serializeNotebook", () => {
  const cases: Record<string, string> = {
    "a notebook": NOTEBOOK,
    empty: "",
    "only a preamble": "const x = 1;\n",
    "preamble without a final newline": "const x = 1;",
    "blank lines only": "\n\n\n",
    "no final newline": "// %% A\nconst a = 1;",
    "marker only, no newline": "// %% A",
    "empty cells": "// %%\n// %%\n\n// %% [markdown]\n",
    "many blank lines between cells": "// %% A\na\n\n\n\n// %% B\nb\n\n",
    "blank lines at the start of a cell": "// %% A\n\n\na\n",
    "CRLF": "import x from 'y';\r\n\r\n// %% A\r\nconst a = 1;\r\n\r\n// %% [markdown] Notes\r\n// text\r\n//\r\n",
    "mixed line endings": "// %% A\r\na\nb\r\n// %% B\nc\r\n\n",
    "stray carriage returns": "// %% A\r\r\na\rb\r\n\r\r\n",
    "trailing spaces in a marker": "// %% A   run=manual   \nx\n// %%   \ny",
    "whitespace-only lines": "// %% A\nx\n   \n\t\n// %% B\n",
    "unicode and a BOM": "\uFEFF// %% Ünïcode ♫\nconst 名 = '…';\u2028\n",
    "a marker-like line inside a string": "// %% A\nconst s = `\n// %%no\n`;\n",
  };
  for (const [name, text] of Object.entries(cases)) {
    it(`round-trips ${name} byte for byte`, () => {
      expect(roundTrip(text)).toBe(text);
      // And the cells read back the same.
      expect(parseNotebook(roundTrip(text))).toEqual(parseNotebook(text));
    });
  }

  it("round-trips random text made of marker, comment and line-ending pieces", () => {
    const pieces = ["// %%", " ", "[markdown]", " Title", " run=manual", " k=v", "\n", "\r\n", "\r", "//", "// text", "x = 1;", "", "\t", "%%", "/"];
    const random = mulberry32(20240501);
    for (let trial = 0; trial < 2000; trial++) {
      const n = Math.floor(random() * 40);
      let text = "";
      for (let k = 0; k < n; k++) text += pieces[Math.floor(random() * pieces.length)];
      const parsed = parseNotebook(text);
      expect(serializeNotebook(parsed), JSON.stringify(text)).toBe(text);
      // Every cell but the preamble starts with a marker line.
      parsed.cells.forEach((c, k) => {
        if (k > 0 || c.header !== null) expect(c.header).toMatch(/^\/\/ %%/);
      });
    }
  });

  it("rewrites a marker only when the title, kind or manual flag changed, keeping other options", () => {
    const nb = parseNotebook("// %%   Train   run=manual tags=slow\nx\n// %% Plot\ny\n");
    const [train, plot] = nb.cells;
    expect(serializeNotebook({ cells: [{ ...train, source: "x + 1" }, plot] })).toBe("// %%   Train   run=manual tags=slow\nx + 1\n// %% Plot\ny\n");
    expect(serializeNotebook({ cells: [{ ...train, manual: false }, plot] })).toBe("// %% Train tags=slow\nx\n// %% Plot\ny\n");
    expect(serializeNotebook({ cells: [train, { ...plot, manual: true, title: "A plot" }] })).toBe("// %%   Train   run=manual tags=slow\nx\n// %% A plot run=manual\ny\n");
    expect(serializeNotebook({ cells: [train, { ...plot, kind: "markdown", source: markdownSource("text") }] })).toBe(
      "// %%   Train   run=manual tags=slow\nx\n// %% [markdown] Plot\n// text\n",
    );
  });

  it("writes cells the editor adds, and keeps the preamble marker-less only at the top", () => {
    const nb = parseNotebook("import x from 'y';\n\n// %% A\na\n");
    const added = [codeCell("b", "B", true), markdownCell("# Notes\n\nmore")];
    expect(serializeNotebook({ cells: [...nb.cells, ...added] })).toBe(
      "import x from 'y';\n\n// %% A\na\n// %% B run=manual\nb\n\n// %% [markdown]\n// # Notes\n//\n// more\n",
    );
    // Moved below another cell, the preamble needs a marker or it would merge into that cell.
    const moved = serializeNotebook({ cells: [nb.cells[1], nb.cells[0]] });
    expect(moved).toBe("// %% A\na\n// %%\nimport x from 'y';\n\n");
    expect(parseNotebook(moved).cells.map((c) => c.source)).toEqual(["a", "import x from 'y';"]);
    // A previous last cell without a final newline still ends its line when a cell follows it.
    const last = parseNotebook("// %% A\na").cells;
    expect(serializeNotebook({ cells: [...last, codeCell("b")] })).toBe("// %% A\na\n// %%\nb\n");
  });
});

describe("markdown cells", () => {
  it("markdownText strips the comment prefixes and markdownCell puts them back", () => {
    const text = "# Title\n\nA paragraph with `code`.\n  indented\n";
    const cell = markdownCell(text, "Intro");
    expect(cell.source).toBe("// # Title\n//\n// A paragraph with `code`.\n//   indented\n//");
    expect(markdownText(cell)).toBe(text);
    expect(serializeNotebook({ cells: [cell] })).toBe(`// %% [markdown] Intro\n${cell.source}\n`);
    // Lenient with hand-written comments: `//text` and non-comment lines.
    expect(markdownText({ source: "//tight\n// loose\nplain" })).toBe("tight\nloose\nplain");
  });

  it("markdownText ∘ markdownSource is the identity", () => {
    for (const text of ["", "\n", "a", "a\n\nb", "//", "// already", " lead", "x\n"]) expect(markdownText({ source: markdownSource(text) })).toBe(text);
  });
});

describe("cellFirstLines", () => {
  it("gives the file line of each cell's first source line", () => {
    const cells = parseNotebook(NOTEBOOK).cells;
    const lines = cellFirstLines(cells);
    const fileLines = NOTEBOOK.split("\n");
    expect(lines).toEqual([1, 4, 8, 12]);
    cells.forEach((c, k) => {
      if (c.source) expect(fileLines[lines[k] - 1]).toBe(c.source.split("\n")[0]);
    });
  });

  it("counts CRLF files and cells without a preamble", () => {
    const cells: Cell[] = parseNotebook("// %% A\r\na\r\n\r\n// %% B\r\nb\r\n").cells;
    expect(cellFirstLines(cells)).toEqual([2, 5]);
  });
});
