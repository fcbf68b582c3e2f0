import { existsSync } from "node:fs";
import { parseCommandArgs, UsageError, type Command } from "../command";
import { help } from "./oracle";

export const notebookCommand: Command = {
  name: "notebook",
  summary: "run a notebook headless: every cell, manual ones too, in dependency order",
  usage: `demix notebook run <file.ts> [--quick]

  <file.ts>   a notebook: a TypeScript file with cells marked // %% (jupytext percent format);
              its imports of "../src" (or "demix") load the library, other relative imports
              resolve against the notebook's folder
  --quick     sets DEMIX_QUICK=1, so quickMode() is true and notebooks shorten long work

Prints a line per code cell (✓ number, title, seconds) and a short description of what it
displayed. A failing cell prints ✗ cell "Title" (file:line): message, and the exit code is 1.`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, { quick: { type: "boolean" } });
    if (values.help) return help(this);
    if (positionals[0] !== "run") throw new UsageError(positionals.length ? `unknown subcommand "${positionals[0]}": the only one is "run"` : 'give a subcommand: "run"');
    if (positionals.length !== 2) throw new UsageError("give exactly one notebook file");
    const file = positionals[1];
    if (!existsSync(file)) throw new Error(`notebook ${file} not found`);
    if (values.quick) process.env.DEMIX_QUICK = "1";
    // The notebook engine (sucrase, acorn, the runtime) loads only for this command.
    const [{ runNotebookFile }, { describeValue }] = await Promise.all([import("../../notebook/node"), import("../../notebook/display")]);
    const started = performance.now();
    const reports = await runNotebookFile(file, {
      onCell(r) {
        const title = r.cell.title || firstLine(r.cell.source);
        if (r.status === "done") {
          const seconds = `${((r.ms ?? 0) / 1000).toFixed(2)} s`;
          process.stdout.write(`✓ ${r.number}  ${title}  ${seconds}\n`);
          for (const value of r.values) process.stdout.write(`    ${describeValue(value)}\n`);
        } else if (r.status === "error") {
          const label = r.cell.title ? `"${r.cell.title}"` : String(r.number);
          process.stdout.write(`✗ cell ${label} (${file}:${r.error?.line ?? r.line}): ${r.error?.message ?? "failed"}\n`);
          if (process.env.DEMIX_DEBUG && r.error?.stack) process.stderr.write(`${r.error.stack}\n`);
        } else {
          process.stdout.write(`– ${r.number}  ${title}  not run (${r.status})\n`);
        }
      },
    });
    const failed = reports.filter((r) => r.status !== "done").length;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stderr.write(failed ? `${failed} of ${reports.length} cells did not run (${seconds} s)\n` : `${reports.length} cells ran in ${seconds} s\n`);
    return failed ? 1 : 0;
  },
};

/** An untitled cell (the preamble, usually) is named by its first line of code. */
function firstLine(source: string): string {
  const line = source.split("\n").find((l) => l.trim() !== "" && !l.trim().startsWith("//"))?.trim() ?? "(empty)";
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}
