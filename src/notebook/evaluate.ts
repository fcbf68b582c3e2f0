/**
 * Turning a compiled body into a function, and a thrown error back into a line of the notebook
 * file. Each body is evaluated with a `//# sourceURL` naming its cell, so the cell's frames in a
 * stack trace can be found and their lines mapped: body line n + 1 is the cell's line n, and the
 * cell's line n is the file's line firstLine + n − 1.
 */
import type { CellError } from "./compile";

export interface CellResult {
  outputs: Record<string, unknown>;
  value?: unknown;
}

export type CellFunction = (...inputs: unknown[]) => Promise<CellResult> | AsyncGenerator<unknown, CellResult, unknown>;

export type Importer = (specifier: string) => Promise<unknown>;

const PREFIX = "demix-cell-";
const FRAME = /demix-cell-([\w%.~-]+?)\.js:(\d+):(\d+)/g;

function sourceUrl(id: string): string {
  return `${PREFIX}${encodeURIComponent(id)}.js`;
}

/**
 * The generated line that holds the first line of code given to `new Function`: engines wrap it
 * in a header of their own (V8: two lines), so it is measured rather than assumed.
 */
const FIRST_LINE = (() => {
  const stack = String(new Function(`return new Error().stack\n//# sourceURL=${sourceUrl("probe")}`)());
  const frame = new RegExp(FRAME.source).exec(stack);
  return frame ? Number(frame[2]) : 3;
})();

export function evaluateBody(id: string, body: string, importer: Importer): CellFunction {
  return new Function("__import", `return (${body})\n//# sourceURL=${sourceUrl(id)}`)(importer) as CellFunction;
}

/**
 * Where in the file an error was thrown: the innermost frame of `id`'s own code, else of any cell
 * (a function one cell defines and another calls). The stack comes back with cell frames written
 * as `file:line:column`.
 */
export function locateError(error: unknown, id: string, firstLineOf: (id: string) => number | undefined, file: string): CellError {
  const message = describeError(error);
  const stack = error instanceof Error && typeof error.stack === "string" ? error.stack : undefined;
  if (!stack) return { message };
  const frames: { id: string; line: number; column: number }[] = [];
  let outermost = -1;
  const lines = stack.split("\n").map((text, k) =>
    text.replace(FRAME, (whole, encoded: string, generated: string, column: string) => {
      const cell = decodeURIComponent(encoded);
      const first = firstLineOf(cell);
      if (first === undefined) return whole;
      const line = first + Number(generated) - FIRST_LINE - 1;
      frames.push({ id: cell, line, column: Number(column) });
      outermost = k;
      return `${file}:${line}:${column}`;
    }),
  );
  const frame = frames.find((f) => f.id === id) ?? frames[0];
  if (!frame) return { message, stack };
  // Below the outermost cell frame there is only the session and the runtime: of no use to the reader.
  return { message, line: frame.line, column: frame.column, stack: lines.slice(0, outermost + 1).join("\n") };
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.name && error.name !== "Error" ? `${error.name}: ${error.message}` : error.message;
  return `uncaught ${typeof error === "string" ? JSON.stringify(error) : String(error)}`;
}
