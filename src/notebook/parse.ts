/**
 * Parsing a cell's JavaScript (after its types are stripped) with acorn, as a module with top-level
 * `await` and top-level `yield`: the cell's body becomes an async function, or an async generator
 * when it yields.
 */
import { Parser, type Program } from "acorn";

const baseInGenerator = Object.getOwnPropertyDescriptor(Parser.prototype, "inGenerator")?.get;
if (!baseInGenerator) throw new Error("acorn's Parser has no inGenerator getter: the cell parser needs acorn 8");

interface ParserInternals {
  scopeStack: unknown[];
  currentVarScope(): unknown;
}

class CellParser extends Parser {
  /** Inside the top scope (not inside any function), `yield` is allowed: the cell is a generator. */
  get inGenerator(): boolean {
    const self = this as unknown as ParserInternals;
    return self.currentVarScope() === self.scopeStack[0] || baseInGenerator!.call(this);
  }
}

export interface CellSyntaxError {
  message: string;
  /** 1-based, in the parsed text. */
  line: number;
  /** 1-based. */
  column: number;
}

export function parseCellScript(code: string): Program | CellSyntaxError {
  try {
    return CellParser.parse(code, { ecmaVersion: "latest", sourceType: "module", allowAwaitOutsideFunction: true, locations: true });
  } catch (e) {
    const error = e as SyntaxError & { loc?: { line: number; column: number } };
    if (!error.loc) throw e;
    return { message: error.message.replace(/ \(\d+:\d+\)$/, ""), line: error.loc.line, column: error.loc.column + 1 };
  }
}
