import { describe, expect, it } from "vitest";
import { compileCell, isLibrarySpecifier } from "../../../src/notebook";

const compile = (source: string, firstLine = 1) => compileCell(source, { id: "c1", firstLine });
/** The parts of a compiled cell that describe it, without the body. */
const shape = (source: string) => {
  const { inputs, outputs, autodisplay, generator, imports, error } = compile(source);
  return { inputs, outputs, autodisplay, generator, imports, ...(error ? { error } : {}) };
};

describe("compileCell: declarations", () => {
  it("lists top-level const/let/var (destructuring too), functions, classes and imports as outputs", () => {
    expect(
      shape(`import { stft as transform } from "../src";
const a = 1, { b, c: [d, ...e], ...f } = obj;
let g;
var h = 2;
function i() { const notTopLevel = 1; return notTopLevel }
class J {}
if (a) { let inBlock = 1; var hoisted = inBlock }`),
    ).toMatchInlineSnapshot(`
      {
        "autodisplay": false,
        "generator": false,
        "imports": [
          "../src",
        ],
        "inputs": [
          "obj",
        ],
        "outputs": [
          "transform",
          "a",
          "b",
          "d",
          "e",
          "f",
          "g",
          "h",
          "i",
          "J",
          "hoisted",
        ],
      }
    `);
  });
});

describe("compileCell: references", () => {
  it("finds free names, not locals, params, catch params, labels, property keys or globals", () => {
    expect(
      shape(`function scale(x, { factor = defaultFactor } = {}) { return x * factor * gain }
const f = (a) => a + offset;
try { risky() } catch (err) { console.log(err.message) }
outer: for (const v of values) { for (const w of v) { if (w) continue outer; } }
const o = { key: 1, [computed]: 2, shorthand, method() { return this.key } };
const m = model.layers.length + model2?.layers + table["x"];
const fn = function named() { return named.length + arguments.length };
class K extends Base { static s = staticValue; #p = 1; m() { return K.s + this.#p } }
switch (mode) { case 1: { let inCase = 2; break } }
Math.max(1, 2); new Float32Array(3); undefined;`),
    ).toMatchInlineSnapshot(`
      {
        "autodisplay": false,
        "generator": false,
        "imports": [],
        "inputs": [
          "defaultFactor",
          "gain",
          "offset",
          "risky",
          "values",
          "computed",
          "shorthand",
          "model",
          "model2",
          "table",
          "Base",
          "staticValue",
          "mode",
        ],
        "outputs": [
          "scale",
          "f",
          "o",
          "m",
          "fn",
          "K",
        ],
      }
    `);
  });

  it("keeps the order of first use and counts each name once", () => {
    expect(compile("b + a + b + c(a)").inputs).toEqual(["b", "a", "c"]);
  });

  it("does not take a name the cell declares later in its own scope as an input", () => {
    expect(compile("function f() { return later }\nconst later = 1;").inputs).toEqual([]);
  });
});

describe("compileCell: imports", () => {
  it("turns static imports into awaited __import calls, keeping lines", () => {
    const cell = compile(`import { stft, type Spectrogram, magnitude as mag } from "../src";
import type { StftConfig } from "../src";
import * as tf from "@tensorflow/tfjs";
import Plot, { dot } from "@observablehq/plot";
import {
  generateSong,
} from "demix";
import "./side-effect";
const spec: Spectrogram = stft(x);`);
    expect(cell.outputs).toEqual(["stft", "mag", "tf", "Plot", "dot", "generateSong", "spec"]);
    expect(cell.imports).toEqual(["../src", "@tensorflow/tfjs", "@observablehq/plot", "demix", "./side-effect"]);
    expect(cell.body).toMatchInlineSnapshot(`
      "async function (x) {"use strict";
      const {stft, magnitude: mag} = await __import("../src");

      const tf = await __import("@tensorflow/tfjs");
      const {default: Plot, dot} = await __import("@observablehq/plot");
      const {generateSong} = await __import("demix");


      await __import("./side-effect");
      const spec = stft(x);
      return {outputs: {stft, mag, tf, Plot, dot, generateSong, spec}};
      }"
    `);
  });

  it("treats the library's display as the cell's own", () => {
    const plain = compile(`import { display, stft } from "../../src";\ndisplay(stft);`);
    expect(plain.outputs).toEqual(["stft"]);
    expect(plain.inputs).toEqual(["display"]);
    const aliased = compile(`import { display as show } from "demix";\nshow(1)`);
    expect(aliased.outputs).toEqual([]);
    expect(aliased.inputs).toEqual(["display"]);
    expect(aliased.imports).toEqual([]); // nothing else to load
    expect(aliased.body).toMatchInlineSnapshot(`
      "async function (display) {"use strict";
      const show = display;
      return {outputs: {}, value: (show(1))};

      }"
    `);
    // Another module's display would shadow the cell's: refused like any declaration of it.
    expect(compile(`import { display } from "@observablehq/inputs";\ndisplay(1);`).error?.message).toMatch(/display is provided to every cell/);
  });

  it("routes dynamic import() through __import", () => {
    expect(compile(`const m = await import("@observablehq/plot");`).body).toContain(`const m = await __import("@observablehq/plot");`);
  });

  it("knows the library's specifiers", () => {
    for (const s of ["demix", "demix/dsp", "../src", "../src/index", "../../../../src", "./src/dsp"]) expect(isLibrarySpecifier(s), s).toBe(true);
    for (const s of ["@tensorflow/tfjs", "../lib", "./srcs", "src"]) expect(isLibrarySpecifier(s), s).toBe(false);
  });
});

describe("compileCell: display of the last expression", () => {
  const auto = (source: string) => compile(source).autodisplay;

  it("treats the library's view as the cell's own: the declared name is fed by the runtime", () => {
    const c = compile(`import { slider, view } from "../src";\nconst gain = view(slider("gain", { min: 0, max: 1 }));`);
    expect(c.outputs).toEqual(["slider", "gain"]);
    expect(c.inputs).toEqual(["view"]);
  });

  it("displays a last expression statement without a semicolon", () => {
    expect(auto("const x = 1;\nx * 2")).toBe(true);
    expect(auto("const x = 1;\nx * 2;")).toBe(false);
    expect(auto("x // a comment after")).toBe(true);
    expect(auto("x; // silenced")).toBe(false);
    expect(auto("display(x)")).toBe(false);
    expect(auto("view(slider(\"x\", { min: 0, max: 1 }))")).toBe(false); // a stream of values, not one to drain
    expect(auto("let y;\ny = 3")).toBe(false);
    expect(auto("const x = 1")).toBe(false);
    expect(auto("if (x) { y }")).toBe(false);
    expect(auto("")).toBe(false);
  });

  it("returns the value beside the outputs", () => {
    expect(compile("const a = 1;\n({ a, b: [a,\n  a] })").body).toMatchInlineSnapshot(`
      "async function () {"use strict";
      const a = 1;
      return {outputs: {a}, value: (({ a, b: [a,
        a] }))};

      }"
    `);
  });
});

describe("compileCell: generators", () => {
  it("makes a cell with top-level yield an async generator", () => {
    const cell = compile(`const losses = [];
for (let step = 0; step < steps; step++) {
  losses.push(await trainStep(step));
  yield losses.slice();
}`);
    expect(cell.generator).toBe(true);
    expect(cell.body).toMatchInlineSnapshot(`
      "async function* (steps, trainStep) {"use strict";
      const losses = [];
      for (let step = 0; step < steps; step++) {
        losses.push(await trainStep(step));
        yield losses.slice();
      }
      return {outputs: {losses}};
      }"
    `);
  });

  it("does not count yields inside a generator function the cell declares", () => {
    const cell = compile("function* count() { yield 1 }\nasync function* tick() { yield await 2 }\ncount()");
    expect(cell.generator).toBe(false);
    expect(cell.outputs).toEqual(["count", "tick"]);
  });
});

describe("compileCell: TypeScript", () => {
  it("strips types: interfaces, type aliases, generics, as, satisfies, non-null, declare, abstract", () => {
    const cell = compile(`interface Point {
  x: number;
  y: number;
}
type Pair<T> = [T, T];
declare const injected: number;
abstract class Shape { abstract area(): number }
function first<T extends object>(items: T[]): T { return items[0]! }
const p = first<Point>(points) as Point;
const q = { x: 1, y: 2 } satisfies Point;
const el = document.getElementById("x")!;
p.x + q.y`);
    expect({ inputs: cell.inputs, outputs: cell.outputs, autodisplay: cell.autodisplay }).toMatchInlineSnapshot(`
      {
        "autodisplay": true,
        "inputs": [
          "points",
        ],
        "outputs": [
          "Shape",
          "first",
          "p",
          "q",
          "el",
        ],
      }
    `);
    expect(cell.body).toMatchInlineSnapshot(`
      "async function (points) {"use strict";






       class Shape {  }
      function first(items) { return items[0] }
      const p = first(points) ;
      const q = { x: 1, y: 2 } ;
      const el = document.getElementById("x");
      return {outputs: {Shape, first, p, q, el}, value: (p.x + q.y)};

      }"
    `);
  });

  it("compiles enums to objects the cell declares", async () => {
    const cell = compile("enum Stem { Vocals, Accompaniment }\nconst s = Stem.Vocals;");
    expect(cell.outputs).toEqual(["Stem", "s"]);
    await expect(new Function("__import", `return (${cell.body})`)(null)().then((r: { outputs: { s: number } }) => r.outputs.s)).resolves.toBe(0);
  });

  it("keeps every line where it was (body line n + 1 is cell line n)", () => {
    // Each /*@n*/ marks code that survives type stripping on line n.
    const source = `import { stft } from "../src"; /*@1*/
interface Config {
  size: number;
  hop: number;
}
enum Mode { A, /*@6*/
  B } /*@7*/
class Model { /*@8*/
  constructor(private readonly size: number, public hop = 2) { /*@9*/
    console.log(size); /*@10*/
  } /*@11*/
  declare extra: string;
} /*@13*/
const f = <T,>(x: T): T => x; /*@14*/
type Alias =
  | number
  | string;
const g = (x as unknown as number[])!; /*@18*/
g /*@19*/`;
    const body = compile(source).body.split("\n");
    expect(body.length).toBe(source.split("\n").length + 3); // header, return, closing brace
    for (const [, n] of source.matchAll(/\/\*@(\d+)\*\//g)) expect(body[Number(n)], `line ${n}`).toContain(`/*@${n}*/`);
  });
});

describe("compileCell: errors", () => {
  it("reports syntax errors in the file's lines, 1-based columns", () => {
    expect(compile("const a = 1;\nconst b = (;\n", 40).error).toEqual({ message: "Unexpected token", line: 41, column: 12 });
    // An error only acorn sees (sucrase is lenient about it).
    expect(compile("let x = 1;\nlet x = 2;", 10).error).toMatchObject({ message: "Identifier 'x' has already been declared", line: 11, column: 5 });
    expect(compile("const t = a +;", 7).error?.line).toBe(7);
  });

  it("rejects what a cell cannot do", () => {
    expect(compile("x = 1", 3).error).toMatchObject({ message: expect.stringMatching(/^cannot assign to x/), line: 3, column: 1 });
    expect(compile("x++").error?.message).toMatch(/cannot assign to x/);
    expect(compile("for (x of xs) {}").error?.message).toMatch(/cannot assign to x/);
    expect(compile("let x = 1; x++; x = 2;").error).toBeUndefined();
    expect(compile("export default 1").error?.message).toMatch(/cannot export/);
    expect(compile("import.meta.url").error?.message).toMatch(/import\.meta/);
    expect(compile("const display = 1;").error?.message).toMatch(/display is provided/);
    expect(compile("arguments[0]").error?.message).toMatch(/arguments/);
  });

  it("strips export from declarations", () => {
    expect(shape("export const a = 1;\nexport function f() {}")).toMatchObject({ outputs: ["a", "f"] });
  });

  it("yields a body that is always valid JavaScript", () => {
    for (const source of ["", "// only a comment", "x", "await x", "yield 1", "({})", "a\n// trailing comment", "`template ${x}`"]) {
      const { body, error } = compile(source);
      expect(error).toBeUndefined();
      expect(() => new Function("__import", `return (${body})`)).not.toThrow();
    }
  });
});

describe("compileCell: the library's invalidation", () => {
  it("binds an imported invalidation to the cell's own, aliases too", () => {
    const cell = compile(`import { invalidation, stft } from "../src";\ninvalidation.then(() => stft);`);
    expect(cell.inputs).toEqual(["invalidation"]);
    expect(cell.outputs).toEqual(["stft"]);
    const aliased = compile(`import { invalidation as stopped } from "demix";\nstopped.then(() => 1);`);
    expect(aliased.inputs).toEqual(["invalidation"]);
    expect(aliased.body).toContain("const stopped = invalidation;");
  });
});
