/**
 * `npm run bench` (issue 7): our timings in Node and in headless Chromium against PyTorch and
 * scipy measured in the same run, printed as one table and appended to bench/results.json.
 * Method and history: bench/NOTES.md. Options: `npm run bench -- --help`.
 */
import { fileURLToPath } from "node:url";
import { measureBrowser } from "./browser-items";
import type { ReferenceName } from "./items";
import { commitId, machineBasics } from "./machine";
import { measureNode } from "./node-items";
import { parseOptions, selectItems, USAGE } from "./options";
import { runReference } from "./reference";
import { appendEntry, makeEntry, type Machine } from "./results";
import { makeRows, type Measured, type ReferenceTimes } from "./rows";
import { formatTable } from "./table";

const RESULTS = fileURLToPath(new URL("./results.json", import.meta.url));
const log = (s: string) => console.error(s);

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const items = selectItems(options);
  if (!items.length) throw new Error("no items to run: --only named browser items and --no-browser left them out");
  const started = new Date();
  const machine: Machine = machineBasics();
  const commit = commitId();
  const t0 = performance.now();
  log(`bench: ${items.length} item${items.length === 1 ? "" : "s"}${options.quick ? " (quick)" : ""}; commit ${commit}; load ${machine.load.join(" ")} on ${machine.cores} cores`);

  // One thing at a time: the machine has 2 cores, and the reference must not share them with us.
  let reference: ReferenceTimes | null = null;
  const wanted = [...new Set(items.flatMap((i) => (i.reference ? [i.reference] : [])))] as ReferenceName[];
  if (options.reference && wanted.length) {
    log(`reference: ${wanted.join(", ")}…`);
    reference = await runReference(wanted, options.quick);
    for (const why of reference.missing) log(`reference: ${why}`);
    machine.reference = reference.versions;
  }

  const measured: Measured[] = [];
  const failed = (names: string[], e: unknown) => {
    const why = `failed: ${(e as Error).message.split("\n")[0]}`;
    log(`${names.join(", ")} ${why}`);
    for (const name of names) if (!measured.some((m) => m.name === name)) measured.push({ name, value: null, note: why });
  };
  const nodeItems = items.filter((i) => i.place === "node");
  if (nodeItems.length) {
    try {
      const run = await measureNode(nodeItems, options.quick, log);
      measured.push(...run.measured);
      machine.wasmNode = run.backend;
    } catch (e) {
      failed(nodeItems.map((i) => i.name), e);
    }
  }
  const browserItems = items.filter((i) => i.place !== "node");
  if (browserItems.length) {
    try {
      const run = await measureBrowser(browserItems, options.quick, options.browserThreads, log);
      measured.push(...run.measured);
      machine.chromium = run.chromium;
      machine.wasm = run.wasm;
    } catch (e) {
      failed(browserItems.map((i) => i.name), e);
    }
  }

  const rows = makeRows(items, measured, reference);
  machine.loadAtEnd = machineBasics().load;
  console.log("\n" + formatTable(rows));
  if (reference) {
    const lines = Object.entries(reference.items).map(([name, r]) => {
      const others = r.by_threads ? ` (by threads: ${Object.entries(r.by_threads).map(([n, ms]) => `${n}: ${ms.toFixed(1)} ms`).join(", ")})` : "";
      return `- ${name}: ${r.what}, ${r.threads} thread${r.threads === 1 ? "" : "s"}${others}`;
    });
    console.log(`\nreference:\n${[...lines, ...reference.missing.map((m) => `- ${m}`)].join("\n")}`);
  } else if (!options.reference) {
    console.log("\nreference: not run (--no-reference); ratios are empty");
  }
  console.log(`\nmachine: ${machine.cores} × ${machine.cpu}, Node ${machine.node}${machine.chromium ? `, Chromium ${machine.chromium}` : ""}${machine.wasm ? `, wasm ${machine.wasm}` : ""}; load ${machine.load[0]} at the start, ${machine.loadAtEnd[0]} at the end; ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  if (options.save) {
    const n = appendEntry(RESULTS, makeEntry(rows, { date: started, commit, machine, quick: options.quick }));
    console.log(`results: entry ${n} appended to bench/results.json`);
  }
}

main().then(
  // The wasm backend and vite leave handles open; the bench is done when main is.
  () => process.exit(0),
  (e) => {
    console.error(`bench: ${(e as Error).message}`);
    process.exit(1);
  },
);
