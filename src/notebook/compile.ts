/**
 * The cell compiler: a pure function from a cell's TypeScript to what the runtime needs — the names
 * it declares (outputs), the outside names it uses (inputs) and the JavaScript of a function from
 * inputs to outputs. Types are stripped by sucrase, which keeps every line where it was, so line
 * numbers in the body are the cell's (body line n + 1 is cell line n).
 *
 * The body: `async function (a, b) {…}` (or `async function*` when the cell has a top-level
 * `yield`), called with the values of `inputs` in order. It returns `{outputs: {x, y}}`, plus
 * `value` when the cell ends in an expression to display. Static imports become
 * `const {…} = await __import("<specifier>")` and `import(…)` becomes `__import(…)`: whoever
 * evaluates the body supplies `__import`.
 *
 * `display` and `invalidation` are the cell's own, passed in by the session like inputs. A notebook
 * file imports them from the library so that `tsc` type-checks it; such an import still binds the
 * cell's own. (Top-level `yield` does not type-check; a cell ending in an async generator's value,
 * `(async function* () {…})()`, is shown the same way and does.)
 *
 * Display rule (Observable Framework's, extended to statements): a cell whose last statement is an
 * expression statement NOT ended by `;` displays that expression's value (unless undefined). A `;`
 * silences it, as in Jupyter. Calls to `display(…)` and assignments are never displayed this way.
 */
import type { AnyNode, Expression, ImportDeclaration, Program } from "acorn";
import { ancestor } from "acorn-walk";
import { transform } from "sucrase";
import { GLOBALS } from "./globals";
import { parseCellScript } from "./parse";
import { analyzeScope } from "./scope";
import { isLibrarySpecifier } from "./specifiers";

export interface CompileOptions {
  id: string;
  /** The file line of the cell's first source line; default 1. */
  firstLine?: number;
}

/** Where a cell went wrong, in the notebook file's lines. */
export interface CellError {
  message: string;
  line?: number;
  /** 1-based. */
  column?: number;
  /** For errors thrown while running: the stack, cell frames written as file:line:column. */
  stack?: string;
}

export interface CompiledCell {
  id: string;
  /** Outside names the body takes, in order; `display` and `invalidation` when used. */
  inputs: string[];
  /** Names the cell declares at its top level (imports included). */
  outputs: string[];
  /** JavaScript source of an async function (or async generator) expression; "" on error. */
  body: string;
  /** The body returns a `value` to display (see the display rule above). */
  autodisplay: boolean;
  /** The cell has a top-level `yield`: the body is an async generator whose values are shown in turn. */
  generator: boolean;
  /** Static import specifiers, in order. */
  imports: string[];
  firstLine: number;
  error?: CellError;
}

/** Names every cell gets from the session; a cell may use them but not declare them. */
export const CELL_BUILTINS = ["display", "invalidation", "view"] as const;
type Builtin = (typeof CELL_BUILTINS)[number];

function isBuiltin(name: string): name is Builtin {
  return (CELL_BUILTINS as readonly string[]).includes(name);
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

class CompileError extends Error {
  constructor(message: string, readonly node?: AnyNode) {
    super(message);
  }
}

export function compileCell(source: string, options: CompileOptions): CompiledCell {
  const { id } = options;
  const firstLine = options.firstLine ?? 1;
  const fail = (message: string, line?: number, column?: number): CompiledCell => ({
    id,
    inputs: [],
    outputs: [],
    autodisplay: false,
    generator: false,
    imports: [],
    firstLine,
    body: "",
    error: line === undefined ? { message } : { message, line: firstLine + line - 1, column },
  });

  let code: string;
  try {
    code = transform(source, { transforms: ["typescript"], disableESTransforms: true, keepUnusedImports: true }).code;
  } catch (e) {
    const loc = (e as { loc?: { line: number; column: number } }).loc;
    return fail((e as Error).message.replace(/ \(\d+:\d+\)$/, ""), loc?.line, loc?.column);
  }
  const program = parseCellScript(code);
  if ("message" in program) return fail(program.message, program.line, program.column);
  try {
    const { inputs, outputs, autodisplay, generator, imports, body } = translate(program, code);
    return { id, inputs, outputs, autodisplay, generator, imports, firstLine, body };
  } catch (e) {
    if (!(e instanceof CompileError)) throw e;
    const loc = (e.node as { loc?: { start: { line: number; column: number } } } | undefined)?.loc?.start;
    return fail(e.message, loc?.line, loc === undefined ? undefined : loc.column + 1);
  }
}

function translate(program: Program, code: string): Omit<CompiledCell, "id" | "firstLine"> {
  const edits: Edit[] = [];
  const imports: string[] = [];
  // Locals bound to the library's display or invalidation under another name: `import { display as show }`.
  const aliases = new Map<string, Builtin>();

  for (const statement of program.body) {
    if (statement.type === "ImportDeclaration") {
      const specifier = String(statement.source.value);
      const text = rewriteImport(statement, specifier, aliases);
      if (text?.includes("__import(") && !imports.includes(specifier)) imports.push(specifier);
      // Same number of lines, so that everything below keeps its line number.
      const breaks = code.slice(statement.start, statement.end).split("\n").length - 1;
      edits.push({ start: statement.start, end: statement.end, text: (text ?? "") + "\n".repeat(breaks) });
    } else if (statement.type === "ExportNamedDeclaration" && statement.declaration) {
      edits.push({ start: statement.start, end: statement.declaration.start, text: "" });
    } else if (statement.type === "ExportNamedDeclaration" || statement.type === "ExportDefaultDeclaration" || statement.type === "ExportAllDeclaration") {
      throw new CompileError("a cell cannot export names; declare them (const x = …) and other cells can use them", statement);
    }
  }

  let generator = false;
  ancestor(program, {
    YieldExpression(node, _, ancestors) {
      if (!ancestors.some((a) => a.type === "FunctionDeclaration" || a.type === "FunctionExpression" || a.type === "ArrowFunctionExpression")) generator = true;
    },
    ImportExpression(node) {
      edits.push({ start: node.start, end: node.start + "import".length, text: "__import" });
    },
    MetaProperty(node) {
      if (node.meta.name === "import") throw new CompileError("import.meta is not available in a cell", node);
    },
  });

  const scope = analyzeScope(program, GLOBALS);
  if (scope.assigned.length > 0) {
    const node = scope.assigned[0];
    throw new CompileError(`cannot assign to ${node.name}: this cell does not declare it (a cell may only assign its own names)`, node);
  }
  const outputs = scope.declared;
  for (const name of CELL_BUILTINS) {
    if (outputs.includes(name)) throw new CompileError(`${name} is provided to every cell; declare another name`);
  }
  const inputs = scope.references.filter((name) => !aliases.has(name));
  for (const builtin of aliases.values()) if (!inputs.includes(builtin)) inputs.push(builtin);
  if (inputs.includes("arguments")) throw new CompileError("arguments is not available at a cell's top level");

  const returned = `{outputs: {${outputs.join(", ")}}`;
  const last = program.body[program.body.length - 1];
  const autodisplay =
    last?.type === "ExpressionStatement" && !("directive" in last && last.directive) && code[last.end - 1] !== ";" && displayable(last.expression);
  let tail = "";
  if (autodisplay) {
    // The statement's range, not the expression's: `({a: 1})` is an object inside parentheses.
    edits.push({ start: last.start, end: last.start, text: `return ${returned}, value: (` });
    edits.push({ start: last.end, end: last.end, text: ")};" });
  } else {
    tail = `return ${returned}};`;
  }

  const header = `async function${generator ? "*" : ""} (${inputs.join(", ")}) {"use strict";`;
  const body = `${header}\n${applyEdits(code, edits)}\n${tail}\n}`;
  return { inputs, outputs, body, autodisplay, generator, imports };
}

function displayable(expression: Expression): boolean {
  if (expression.type === "AssignmentExpression") return false;
  // display(x) has shown x already; view(x) shows x and returns a stream that must not be drained here.
  if (expression.type === "CallExpression" && expression.callee.type === "Identifier" && (expression.callee.name === "display" || expression.callee.name === "view")) return false;
  return true;
}

function key(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
}

/**
 * `import …` as `const … = await __import(…)`, or null when nothing is left to load (an import of
 * the library's `display` only). Type-only imports never get here: sucrase has removed them.
 */
function rewriteImport(statement: ImportDeclaration, specifier: string, aliases: Map<string, Builtin>): string | null {
  const load = `await __import(${JSON.stringify(specifier)})`;
  const named: string[] = [];
  const extra: string[] = [];
  let namespace: string | undefined;
  const sideEffectOnly = statement.specifiers.length === 0;
  const kept = statement.specifiers.filter((s) => {
    if (s.type !== "ImportSpecifier" || !isLibrarySpecifier(specifier)) return true;
    const imported = s.imported.type === "Identifier" ? s.imported.name : String(s.imported.value);
    if (!isBuiltin(imported)) return true;
    // The library's display (and invalidation) are, in a cell, the cell's own: drop the binding.
    if (s.local.name !== imported) {
      aliases.set(s.local.name, imported);
      extra.push(`const ${s.local.name} = ${imported};`);
    }
    return false;
  });
  // The scope analysis must see these names as the cell builtins, not as imports.
  statement.specifiers = kept;
  for (const s of kept) {
    if (s.type === "ImportNamespaceSpecifier") namespace = s.local.name;
    else if (s.type === "ImportDefaultSpecifier") named.push(`default: ${s.local.name}`);
    else {
      const imported = s.imported.type === "Identifier" ? s.imported.name : String(s.imported.value);
      named.push(imported === s.local.name ? imported : `${key(imported)}: ${s.local.name}`);
    }
  }
  const parts: string[] = [];
  if (namespace !== undefined) {
    parts.push(`const ${namespace} = ${load};`);
    if (named.length) parts.push(`const {${named.join(", ")}} = ${namespace};`);
  } else if (named.length) {
    parts.push(`const {${named.join(", ")}} = ${load};`);
  } else if (sideEffectOnly) {
    parts.push(`${load};`); // import "x": loaded for its effects
  }
  parts.push(...extra);
  return parts.length ? parts.join(" ") : null;
}

/** Applies non-overlapping edits; an insertion sorts before a replacement at the same place. */
function applyEdits(code: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - a.start - (b.end - b.start));
  let out = "";
  let at = 0;
  for (const edit of sorted) {
    out += code.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + code.slice(at);
}
