import { afterEach, describe, expect, it } from "vitest";
import { NotebookSession, parseNotebook, type Cell, type CellError, type CellStatus } from "../../../src/notebook";

/** A session over a notebook text, recording what the observer hears, by cell title. */
function open(text: string, options: { builtins?: Record<string, unknown>; modules?: Record<string, unknown> } = {}) {
  const { cells } = parseNotebook(text);
  const titleOf = (id: string) => cells.find((c) => c.id === id)?.title || id;
  const events: string[] = [];
  const shown = new Map<string, unknown[]>();
  const errors = new Map<string, CellError>();
  const status = new Map<string, CellStatus>();
  const ms = new Map<string, number>();
  const imported: string[] = [];
  const session = new NotebookSession({
    file: "notebooks/test.ts",
    builtins: options.builtins,
    async resolveImport(specifier) {
      imported.push(specifier);
      const module = options.modules?.[specifier];
      if (!module) throw new Error(`no module "${specifier}"`);
      return module;
    },
    observer: {
      status(id, s, info) {
        events.push(`${titleOf(id)} ${s}`);
        status.set(id, s);
        if (info.ms !== undefined) ms.set(id, info.ms);
      },
      display(id, value) {
        events.push(`${titleOf(id)} shows ${JSON.stringify(value)}`);
        shown.set(id, [...(shown.get(id) ?? []), value]);
      },
      clear(id) {
        shown.set(id, []);
      },
      error(id, error) {
        errors.set(id, error);
      },
    },
  });
  sessions.push(session);
  const cell = (title: string): Cell => {
    const found = cells.find((c) => c.title === title);
    if (!found) throw new Error(`no cell "${title}"`);
    return found;
  };
  const by = <T>(map: Map<string, T>) => (title: string) => map.get(cell(title).id);
  session.setCells(cells);
  return {
    session,
    cells,
    cell,
    events,
    imported,
    shown: by(shown),
    error: by(errors),
    status: by(status),
    ms: by(ms),
    /** Events since the last call. */
    take(): string[] {
      return events.splice(0);
    },
  };
}

const sessions: NotebookSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.dispose();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("NotebookSession: running and reactivity", () => {
  const text = `// %% A
const a = 2;
// %% B
const b = a * 10;
b
// %% C
const c = "independent";
display(c);
display(c + "!");
`;

  it("runs every code cell: queued → running → done, with what each displayed", async () => {
    const nb = open(text);
    await nb.session.settled();
    for (const title of ["A", "B", "C"]) {
      const own = nb.events.filter((e) => e.startsWith(`${title} `) && !e.includes(" shows "));
      expect(own, title).toEqual([`${title} queued`, `${title} running`, `${title} done`]);
      expect(nb.ms(title)).toBeGreaterThanOrEqual(0);
    }
    // B waits for A.
    expect(nb.events.indexOf("B running")).toBeGreaterThan(nb.events.indexOf("A done"));
    expect(nb.shown("A")).toEqual([]);
    expect(nb.shown("B")).toEqual([20]);
    expect(nb.shown("C")).toEqual(["independent", "independent!"]);
  });

  it("re-runs an edited cell and the cells that use it, not the others", async () => {
    const nb = open(text);
    await nb.session.settled();
    nb.take();
    nb.session.updateCell({ ...nb.cell("A"), source: "const a = 5;" });
    await nb.session.settled();
    const events = nb.take();
    expect(events.filter((e) => !e.includes(" shows "))).toEqual(["A queued", "B queued", "A running", "A done", "B running", "B done"]);
    expect(events.some((e) => e.startsWith("C "))).toBe(false);
    expect(nb.shown("B")).toEqual([50]);
  });

  it("leaves an unchanged cell alone, and a title-only edit too", async () => {
    const nb = open(text);
    await nb.session.settled();
    nb.take();
    nb.session.updateCell({ ...nb.cell("A") });
    nb.session.updateCell({ ...nb.cell("C"), title: "C renamed" });
    await nb.session.settled();
    expect(nb.take()).toEqual([]);
  });

  it("keeps results when the cells are only reordered", async () => {
    const nb = open(text);
    await nb.session.settled();
    nb.take();
    nb.session.setCells([...nb.cells].reverse());
    await nb.session.settled();
    expect(nb.take()).toEqual([]);
  });

  it("measures how long a cell ran", async () => {
    const nb = open(`// %% Slow
await new Promise((r) => setTimeout(r, 80));
// %% Fast
const x = 1;`);
    await nb.session.settled();
    expect(nb.ms("Slow")).toBeGreaterThanOrEqual(75);
    expect(nb.ms("Slow")).toBeLessThan(1000);
    expect(nb.ms("Fast")).toBeLessThan(50);
  });

  it("runCell re-runs one cell (and its dependents) and resolves once it has settled", async () => {
    const nb = open(`// %% Count
const n = Math.random();
await new Promise((r) => setTimeout(r, 30));
// %% Use
n`);
    await nb.session.settled();
    const first = nb.shown("Use")![0];
    await nb.session.runCell(nb.cell("Count").id);
    expect(nb.status("Count")).toBe("done");
    await nb.session.settled();
    expect(nb.shown("Use")![0]).not.toBe(first);
  });

  it("shows a promise's value, and no value for undefined", async () => {
    const nb = open(`// %% P
Promise.resolve(41 + 1)
// %% U
undefined`);
    await nb.session.settled();
    expect(nb.shown("P")).toEqual([42]);
    expect(nb.shown("U")).toEqual([]);
  });

  it("gives cells the builtins it was made with, and the globals", async () => {
    const nb = open(`// %% Use\n[answer, typeof setTimeout, Math.PI > 3]`, { builtins: { answer: 42 } });
    await nb.session.settled();
    expect(nb.shown("Use")).toEqual([[42, "function", true]]);
  });

  it("adds, moves and removes cells; a removed name is no longer defined", async () => {
    const nb = open(text);
    await nb.session.settled();
    nb.session.updateCell({ id: "extra", kind: "code", title: "D", source: "b + 1", manual: false });
    await nb.session.settled();
    expect(nb.events).toContain("extra shows 21");
    nb.session.removeCell(nb.cell("B").id);
    await nb.session.settled();
    expect(nb.events.at(-1)).toBe("extra error");
  });
});

describe("NotebookSession: imports", () => {
  it("loads each specifier once, and takes the library's display as the cell's", async () => {
    const library = { scale: (x: number) => x * 3, display: () => "the plain-module display" };
    const nb = open(
      `import { display, scale } from "../src";
import * as lib from "demix";
// %% Use
display(scale(2));
lib.scale(1)
// %% Dynamic
const again = await import("../src");
again === lib`,
      { modules: { "../src": library, demix: library } },
    );
    await nb.session.settled();
    expect(nb.shown("Use")).toEqual([6, 3]);
    expect(nb.shown("Dynamic")).toEqual([true]); // the same module object, loaded once
    expect(nb.imported).toEqual(["../src", "demix"]);
  });

  it("reports a failed import on the cell's import line", async () => {
    const nb = open(`// %% Load\n\nimport { nothing } from "missing";`);
    await nb.session.settled();
    expect(nb.status("Load")).toBe("error");
    expect(nb.error("Load")).toMatchObject({ message: 'no module "missing"', line: 3 });
  });
});

describe("NotebookSession: manual cells", () => {
  const text = `// %% Data
const data = [1, 2, 3];
// %% Train run=manual
const model = data.reduce((a, b) => a + b, 0);
display(model);
// %% Evaluate
model * 2
`;

  it("holds a manual cell and its dependents as stale until asked", async () => {
    const nb = open(text);
    await nb.session.settled();
    expect(nb.status("Data")).toBe("done");
    expect(nb.status("Train")).toBe("stale");
    expect(nb.status("Evaluate")).toBe("stale");
    expect(nb.events.some((e) => e.startsWith("Train running"))).toBe(false);
    await nb.session.runAll();
    expect(nb.status("Train")).toBe("stale");

    await nb.session.runCell(nb.cell("Train").id);
    await nb.session.settled();
    expect(nb.status("Train")).toBe("done");
    expect(nb.shown("Train")).toEqual([6]);
    expect(nb.shown("Evaluate")).toEqual([12]);
  });

  it("goes stale again (without running) when an input changes", async () => {
    const nb = open(text);
    await nb.session.settled();
    await nb.session.runCell(nb.cell("Train").id);
    await nb.session.settled();
    nb.take();
    nb.session.updateCell({ ...nb.cell("Data"), source: "const data = [10];" });
    await nb.session.settled();
    const events = nb.take();
    expect(events).toContain("Train stale");
    expect(events).toContain("Evaluate stale");
    expect(events).not.toContain("Train running");
    expect(nb.shown("Train")).toEqual([6]); // the old result stays visible, marked stale
  });

  it("runs manual cells one at a time, in notebook order, with runAll({ includeManual: true })", async () => {
    const log: string[] = [];
    const nb = open(
      `// %% Save run=manual
note("save starts");
await new Promise((r) => setTimeout(r, 30));
note("save ends");
// %% Load run=manual
note("load starts");
// %% Plain
note("plain");`,
      { builtins: { note: (m: string) => log.push(m) } },
    );
    await nb.session.runAll({ includeManual: true });
    expect(log).toEqual(["plain", "save starts", "save ends", "load starts"]);
    expect(["Save", "Load", "Plain"].map((t) => nb.status(t))).toEqual(["done", "done", "done"]);
  });

  it("runs a manual cell's dependents after it with runAll({ includeManual: true })", async () => {
    const nb = open(text);
    await nb.session.runAll({ includeManual: true });
    expect(nb.status("Train")).toBe("done");
    expect(nb.shown("Evaluate")).toEqual([12]);
  });
});

describe("NotebookSession: generators, stop and invalidation", () => {
  it("shows each yielded value in place of the previous one", async () => {
    const nb = open(`// %% Train
display("start");
for (let step = 1; step <= 3; step++) {
  await new Promise((r) => setTimeout(r, 5));
  yield { step };
}
display("end");
const trained = true;
// %% After
trained`);
    await nb.session.settled();
    const shows = nb.events.filter((e) => e.startsWith("Train shows"));
    // Each yield re-shows the list: "start", then the latest step in its place.
    expect(shows).toEqual([
      'Train shows "start"',
      'Train shows {"step":1}',
      'Train shows "start"',
      'Train shows {"step":2}',
      'Train shows "start"',
      'Train shows {"step":3}',
      'Train shows "end"',
    ]);
    expect(nb.shown("Train")).toEqual(["start", { step: 3 }, "end"]);
    expect(nb.shown("After")).toEqual([true]);
    expect(nb.events.indexOf("After running")).toBeGreaterThan(nb.events.indexOf("Train done"));
  });

  it("shows the values of an async generator a cell ends with (a form that type-checks)", async () => {
    const nb = open(`// %% Loss
(async function* () {
  for (const loss of [0.5, 0.25]) yield loss;
})()`);
    await nb.session.settled();
    expect(nb.events.filter((e) => e.startsWith("Loss shows"))).toEqual(["Loss shows 0.5", "Loss shows 0.25"]);
    expect(nb.status("Loss")).toBe("done");
  });

  it("stopCell ends a running generator at once: invalidation resolves, finally runs, the cell goes stale", async () => {
    const log: string[] = [];
    const nb = open(
      `// %% Forever run=manual
invalidation.then(() => note("invalidated"));
let step = 0;
try {
  for (;;) {
    await new Promise((r) => setTimeout(r, 5));
    yield ++step;
  }
} finally {
  note("returned");
}
// %% Downstream
step`,
      { builtins: { note: (m: string) => log.push(m) } },
    );
    await nb.session.settled();
    const running = nb.session.runCell(nb.cell("Forever").id);
    while (((nb.shown("Forever")?.[0] as number | undefined) ?? 0) < 3) await sleep(5);
    nb.session.stopCell(nb.cell("Forever").id);
    await running;
    expect(nb.status("Forever")).toBe("stale");
    expect(nb.ms("Forever")).toBeGreaterThan(0);
    await sleep(30);
    expect(log).toEqual(["invalidated", "returned"]);
    const last = nb.shown("Forever")![0] as number;
    await sleep(30);
    expect(nb.shown("Forever")).toEqual([last]); // nothing shown after the stop
    expect(nb.status("Downstream")).toBe("stale");
  });

  it("resolves a cell's invalidation when it re-runs, before the new run starts", async () => {
    const log: string[] = [];
    const nb = open(`// %% Source\nconst k = 1;\n// %% Watch\nnote("run " + k);\ninvalidation.then(() => note("invalidated " + k));`, {
      builtins: { note: (m: string) => log.push(m) },
    });
    await nb.session.settled();
    nb.session.updateCell({ ...nb.cell("Source"), source: "const k = 2;" });
    await nb.session.settled();
    expect(log).toEqual(["run 1", "invalidated 1", "run 2"]);
  });

  it("resolves a removed cell's invalidation", async () => {
    const log: string[] = [];
    const nb = open(`// %% Watch\ninvalidation.then(() => note("invalidated"));`, { builtins: { note: (m: string) => log.push(m) } });
    await nb.session.settled();
    nb.take();
    nb.session.removeCell(nb.cell("Watch").id);
    await nb.session.settled();
    await sleep(10);
    expect(log).toEqual(["invalidated"]);
    expect(nb.take()).toEqual([]); // a removed cell reports nothing more
  });

  it("dispose returns running generators and goes quiet", async () => {
    const log: string[] = [];
    const nb = open(`// %% Loop\ntry { for (;;) { await new Promise((r) => setTimeout(r, 5)); yield 1; } } finally { note("returned"); }`, {
      builtins: { note: (m: string) => log.push(m) },
    });
    await sleep(30);
    nb.session.dispose();
    const count = nb.events.length;
    await sleep(30);
    expect(log).toEqual(["returned"]);
    expect(nb.events.length).toBe(count);
  });
});

describe("NotebookSession: errors", () => {
  it("reports a throw at its line in the file, with a mapped stack", async () => {
    const text = `import { helper } from "../src";

// %% Setup
interface Options {
  depth: number;
}
const options: Options = { depth: 3 };

// %% Fails
const depth = options.depth;
if (depth > 2) {
  throw new RangeError(\`depth \${depth} is too deep\`);
}
`;
    const nb = open(text, { modules: { "../src": { helper: () => 1 } } });
    await nb.session.settled();
    expect(nb.status("Fails")).toBe("error");
    const error = nb.error("Fails")!;
    expect(error.message).toBe("RangeError: depth 3 is too deep");
    expect(text.split("\n")[error.line! - 1]).toContain("throw new RangeError");
    expect(error.line).toBe(12);
    expect(error.column).toBe(9);
    expect(error.stack).toContain("notebooks/test.ts:12:9");
    expect(error.stack).not.toContain("@observablehq/runtime");
  });

  it("points at the failing cell's call when the throw is in another cell's function", async () => {
    const nb = open(`// %% Define
function check(x: number) {
  if (x < 0) throw new Error("negative");
  return x;
}
// %% Call
const ok = check(1);
const bad = check(-1);`);
    await nb.session.settled();
    expect(nb.error("Call")).toMatchObject({ message: "negative", line: 8 });
    expect(nb.error("Call")!.stack).toContain("notebooks/test.ts:3:");
  });

  it("says which cell failed when an input is missing because of it", async () => {
    const nb = open(`// %% A
const x = 1;
throw new Error("boom");
// %% B
const y = x + 1;
// %% C
y
// %% D
notDefinedAnywhere`);
    await nb.session.settled();
    expect(nb.error("A")).toMatchObject({ message: "boom", line: 3 });
    expect(nb.error("B")).toMatchObject({ message: "x is not defined because cell 'A' failed", line: 5 });
    expect(nb.error("C")).toMatchObject({ message: "y is not defined because cell 'B' failed" });
    expect(nb.error("D")).toMatchObject({ message: "notDefinedAnywhere is not defined" });
    expect(["A", "B", "C", "D"].map((t) => nb.status(t))).toEqual(["error", "error", "error", "error"]);
  });

  it("reports a syntax error in file lines, and its dependents say so", async () => {
    const nb = open(`// %% A
const a = 1;
// %% Use
a`);
    await nb.session.settled();
    expect(nb.shown("Use")).toEqual([1]);
    nb.session.updateCell({ ...nb.cell("A"), source: "const a = 1;\nconst b = (;" });
    await nb.session.settled();
    expect(nb.status("A")).toBe("error");
    expect(nb.error("A")).toMatchObject({ message: "Unexpected token", line: 3 });
    // The names it declared before it broke stay known, so their users can say why they failed.
    expect(nb.error("Use")?.message).toBe("a is not defined because cell 'A' failed");
    expect(nb.shown("Use")).toEqual([]);
  });

  it("renumbers a compile error when the cells above it grow", async () => {
    const nb = open(`// %% Top\nconst t = 1;\n// %% Broken\nconst = ;`);
    await nb.session.settled();
    expect(nb.error("Broken")?.line).toBe(4);
    nb.session.updateCell({ ...nb.cell("Top"), source: "const t = 1;\n\n\n" });
    await nb.session.settled();
    expect(nb.error("Broken")?.line).toBe(7);
  });

  it("marks both cells when two declare the same name, and recovers when one is renamed", async () => {
    const nb = open(`// %% One
const x = 1;
// %% Two
const x = 2;
// %% Use
x`);
    await nb.session.settled();
    expect(nb.error("One")?.message).toBe("x is defined more than once");
    expect(nb.error("Two")?.message).toBe("x is defined more than once");
    expect(nb.status("Use")).toBe("error");
    nb.session.updateCell({ ...nb.cell("Two"), source: "const z = 2;" });
    await nb.session.settled();
    expect(nb.status("One")).toBe("done");
    expect(nb.shown("Use")).toEqual([1]);
  });

  it("names the cells of a circular definition", async () => {
    const nb = open(`// %% A\nconst a = b + 1;\n// %% B\nconst b = a + 1;`);
    await nb.session.settled();
    expect(nb.error("A")?.message).toMatch(/^circular definition: cell 'A' → cell 'B' → cell 'A'/);
    expect(nb.status("B")).toBe("error");
  });

  it("reports a thrown non-error value", async () => {
    const nb = open(`// %% T\nthrow "plain string";`);
    await nb.session.settled();
    expect(nb.error("T")?.message).toBe('uncaught "plain string"');
  });
});

describe("NotebookSession: view(control) gives other cells a live value", () => {
  const text = `// %% Control
import { slider, view } from "../src";
const gain = view(slider("gain", { min: 0, max: 10, value: 2 }));
// %% Use
const doubled = gain * 2;
doubled
// %% Other
const other = 1;
other
`;

  it("shows the control once; its users re-run on each change with the new value; the declaring cell does not", async () => {
    const { slider } = await import("../../../src/viz/controls");
    const nb = open(text, { modules: { "../src": { slider } } });
    await nb.session.settled();
    await sleep(20);
    expect(nb.shown("Use")).toEqual([4]);
    const shown = nb.shown("Control")!;
    expect(shown).toHaveLength(1);
    const control = shown[0] as { set(v: number): void; caption: string };
    expect(control.caption).toBe("gain: 2 (0 … 10)");
    nb.take();
    control.set(5);
    await sleep(50);
    await nb.session.settled();
    expect(nb.shown("Use")).toEqual([10]);
    control.set(7);
    await sleep(50);
    await nb.session.settled();
    expect(nb.shown("Use")).toEqual([14]);
    const events = nb.take();
    expect(events.filter((e) => e.startsWith("Control "))).toEqual([]);
    expect(events.filter((e) => e.startsWith("Other "))).toEqual([]);
    expect(events.filter((e) => e === "Use running")).toHaveLength(2);
  });

  it("stops listening to the old control when its cell re-runs (no stale updates)", async () => {
    const { slider } = await import("../../../src/viz/controls");
    const nb = open(text, { modules: { "../src": { slider } } });
    await nb.session.settled();
    await sleep(20);
    const first = nb.shown("Control")![0] as { set(v: number): void };
    nb.session.updateCell({ ...nb.cell("Control"), source: `import { slider, view } from "../src";\nconst gain = view(slider("gain", { min: 0, max: 10, value: 3 }));` });
    await nb.session.settled();
    await sleep(20);
    expect(nb.shown("Use")).toEqual([6]);
    first.set(9);
    await sleep(50);
    await nb.session.settled();
    expect(nb.shown("Use")).toEqual([6]);
  });
});
