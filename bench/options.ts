import { ITEMS, type BenchItem } from "./items";

/** `npm run bench -- [options]`, parsed. */
export interface BenchOptions {
  /** Fewer repetitions (noisier medians) and no slow items unless named in `only`. */
  quick: boolean;
  /** Item names to run; null = all. */
  only: string[] | null;
  /** false with --no-browser: Node items only. */
  browser: boolean;
  /** wasm threads in the bench page (see browser.ts); the issue benchmarks 2. */
  browserThreads: number;
  /** Skip bench/reference.py (ratios are null). */
  reference: boolean;
  /** Where the results entry is appended; null with --no-save. */
  save: boolean;
  help: boolean;
}

export const USAGE = `npm run bench -- [options]
  --quick               fewer repetitions; leaves out slow items (the 60-minute separation) unless --only names them
  --only a,b            run only these items (names as in the table)
  --no-browser          Node items only (no Chromium, no vite)
  --browser-threads N   wasm threads in the bench page (default 2, as issue 7 specifies)
  --no-reference        do not run bench/reference.py (ratios stay empty)
  --no-save             do not append to bench/results.json
items: ${ITEMS.map((i) => i.name).join(", ")}`;

export function parseOptions(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = { quick: false, only: null, browser: true, browserThreads: 2, reference: true, save: true, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith("--")) throw new Error(`${flag} needs a value\n\n${USAGE}`);
      return v;
    };
    switch (flag) {
      case "--quick":
        options.quick = true;
        break;
      case "--no-browser":
        options.browser = false;
        break;
      case "--no-reference":
        options.reference = false;
        break;
      case "--no-save":
        options.save = false;
        break;
      case "--help":
      case "-h":
        options.help = true;
        break;
      case "--only": {
        const names = value().split(",").map((s) => s.trim()).filter(Boolean);
        const unknown = names.filter((n) => !ITEMS.some((item) => item.name === n));
        if (unknown.length) throw new Error(`unknown bench item${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}; known: ${ITEMS.map((it) => it.name).join(", ")}`);
        if (!names.length) throw new Error("--only needs at least one item name");
        options.only = names;
        break;
      }
      case "--browser-threads": {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 1) throw new Error(`--browser-threads must be a whole number ≥ 1, got ${inline ?? argv[i]}`);
        options.browserThreads = n;
        break;
      }
      default:
        throw new Error(`unknown option ${arg}\n\n${USAGE}`);
    }
  }
  return options;
}

/** The items a run measures, in table order. */
export function selectItems(options: BenchOptions, items: readonly BenchItem[] = ITEMS): BenchItem[] {
  return items.filter((item) => {
    if (options.only) return options.only.includes(item.name) && (options.browser || item.place === "node");
    if (!options.browser && item.place !== "node") return false;
    return !(options.quick && item.slow);
  });
}
