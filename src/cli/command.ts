import { parseArgs, type ParseArgsConfig } from "node:util";

/** A CLI command: its usage text is the single source for `--help` and for usage errors. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(argv: string[]): Promise<number>;
}

/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {}

export function parseCommandArgs<T extends NonNullable<ParseArgsConfig["options"]>>(argv: string[], options: T, positionals = true) {
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: "boolean", short: "h" } }, allowPositionals: positionals, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** Prints to stderr: notes and progress, so stdout stays clean for --json. */
export function note(message: string): void {
  process.stderr.write(message + "\n");
}
