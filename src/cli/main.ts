#!/usr/bin/env node
import { UsageError, type Command } from "./command";
import { dataCommand } from "./commands/data";
import { evaluate } from "./commands/eval";
import { modelCommand } from "./commands/model";
import { notebookCommand } from "./commands/notebook";
import { oracle } from "./commands/oracle";
import { separateCommand } from "./commands/separate";
import { train } from "./commands/train";

const COMMANDS: Command[] = [separateCommand, train, oracle, evaluate, modelCommand, dataCommand, notebookCommand];

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    "demix — Demix Lab on the command line",
    "",
    "usage: npm run demix -- <command> [options]   (demix <command> --help for details)",
    "",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
  ].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(overview() + "\n");
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`demix: unknown command "${name}"\n\n${overview()}\n`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`demix ${name}: ${e.message}\n\nusage: ${command.usage}\n`);
      return 2;
    }
    process.stderr.write(`demix ${name}: ${(e as Error).message}\n`);
    if (process.env.DEMIX_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
