/**
 * What a cell declares at its top level and which outside names it uses. Two passes over the AST
 * (the approach of @observablehq/parser's references.js): first every declaration is recorded on
 * the node whose scope it belongs to, then every identifier in a reading or writing position is
 * looked up through its ancestors. Strict-mode (module) scoping: `let`, `const`, `class` and
 * function declarations belong to their block, `var` to its function.
 */
import type { AnyNode, Function, Identifier, Pattern, Program } from "acorn";
import { ancestor, type AncestorVisitors } from "acorn-walk";

export interface CellScope {
  /** Names declared in the cell's top scope, in source order. */
  declared: string[];
  /** Free names the cell reads, in order of first use; `globals` left out. */
  references: string[];
  /** Free names the cell assigns to: a cell may only assign what it declares. */
  assigned: Identifier[];
}

type Scoped = Map<AnyNode, Set<string>>;

function isFunction(node: AnyNode): boolean {
  return node.type === "FunctionDeclaration" || node.type === "FunctionExpression" || node.type === "ArrowFunctionExpression";
}

/** Where `var` lands. */
function isVarScope(node: AnyNode): boolean {
  return node.type === "Program" || node.type === "StaticBlock" || isFunction(node);
}

/** Where `let`, `const`, `class` and (in strict code) function declarations land. */
function isBlockScope(node: AnyNode): boolean {
  switch (node.type) {
    case "BlockStatement":
    case "ForStatement":
    case "ForInStatement":
    case "ForOfStatement":
    case "SwitchStatement":
    case "CatchClause":
      return true;
    default:
      return isVarScope(node);
  }
}

function patternNames(pattern: Pattern, out: string[] = []): string[] {
  switch (pattern.type) {
    case "Identifier":
      out.push(pattern.name);
      break;
    case "ObjectPattern":
      for (const p of pattern.properties) patternNames(p.type === "Property" ? p.value : p.argument, out);
      break;
    case "ArrayPattern":
      for (const e of pattern.elements) if (e) patternNames(e, out);
      break;
    case "RestElement":
      patternNames(pattern.argument, out);
      break;
    case "AssignmentPattern":
      patternNames(pattern.left, out);
      break;
    case "MemberExpression":
      break; // an assignment target, not a declaration
  }
  return out;
}

/** The nearest ancestor (the node itself excluded) that `accepts`; the program at worst. */
function enclosing(ancestors: AnyNode[], accepts: (node: AnyNode) => boolean): AnyNode {
  for (let i = ancestors.length - 2; i >= 0; i--) if (accepts(ancestors[i])) return ancestors[i];
  return ancestors[0];
}

function declare(scopes: Scoped, node: AnyNode, names: string[]): void {
  let set = scopes.get(node);
  if (!set) scopes.set(node, (set = new Set()));
  for (const name of names) set.add(name);
}

function collectDeclarations(program: Program): Scoped {
  const scopes: Scoped = new Map();
  const declareFunction = (fn: Function) => {
    const node = fn as AnyNode;
    declare(scopes, node, fn.params.flatMap((p) => patternNames(p)));
    // A function expression's own name is visible only inside it.
    if (fn.type === "FunctionExpression" && fn.id) declare(scopes, node, [fn.id.name]);
  };
  const visitors: AncestorVisitors<unknown> = {
    VariableDeclaration(node, _, ancestors) {
      const scope = enclosing(ancestors, node.kind === "var" ? isVarScope : isBlockScope);
      declare(scopes, scope, node.declarations.flatMap((d) => patternNames(d.id)));
    },
    FunctionDeclaration(node, _, ancestors) {
      if (node.id) declare(scopes, enclosing(ancestors, isBlockScope), [node.id.name]);
    },
    Function: declareFunction,
    ClassDeclaration(node, _, ancestors) {
      if (node.id) declare(scopes, enclosing(ancestors, isBlockScope), [node.id.name]);
    },
    ClassExpression(node) {
      if (node.id) declare(scopes, node, [node.id.name]);
    },
    CatchClause(node) {
      if (node.param) declare(scopes, node, patternNames(node.param));
    },
    ImportDeclaration(node) {
      declare(scopes, program, node.specifiers.map((s) => s.local.name));
    },
  };
  ancestor(program, visitors);
  return scopes;
}

export function analyzeScope(program: Program, globals: ReadonlySet<string>): CellScope {
  const scopes = collectDeclarations(program);
  const references = new Set<string>();
  const assigned: Identifier[] = [];

  const visit = (node: Identifier, _: unknown, ancestors: AnyNode[], writing: boolean) => {
    const name = node.name;
    for (let i = ancestors.length - 2; i >= 0; i--) {
      const scope = ancestors[i];
      if (scopes.get(scope)?.has(name)) return;
      if (name === "arguments" && isFunction(scope) && scope.type !== "ArrowFunctionExpression") return;
    }
    const parent = ancestors[ancestors.length - 2];
    const updated = parent?.type === "UpdateExpression" && parent.argument === node;
    const iterated = (parent?.type === "ForOfStatement" || parent?.type === "ForInStatement") && parent.left === node;
    if (writing || updated || iterated) assigned.push(node);
    else if (!globals.has(name)) references.add(name);
  };
  // acorn-walk visits an identifier in a binding or assignment position as "VariablePattern".
  const visitors = {
    Identifier: (node: Identifier, st: unknown, ancestors: AnyNode[]) => visit(node, st, ancestors, false),
    VariablePattern: (node: Identifier, st: unknown, ancestors: AnyNode[]) => visit(node, st, ancestors, true),
  } as AncestorVisitors<unknown>;
  ancestor(program, visitors);

  return { declared: [...(scopes.get(program) ?? [])], references: [...references], assigned };
}
