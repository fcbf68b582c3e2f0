/**
 * A notebook running on @observablehq/runtime: each code cell is one runtime variable (its value is
 * the object of the names it declares) plus one variable per declared name, so the runtime's own
 * dependency order, invalidation and duplicate detection drive the notebook. DOM-free: everything
 * shown goes to a SessionObserver, which the editor renders and the Node runner prints.
 *
 * Statuses: queued (waiting for its turn or its inputs) → running → done | error. A manual cell
 * (`run=manual`) is stale until run on demand, and stale again when an input changes; a cell
 * stopped midway is stale too, and so is everything that depends on a stale cell.
 */
import { Runtime, type Definition, type Module, type Observer, type Variable } from "@observablehq/runtime";
import { CELL_BUILTINS, compileCell, type CellError, type CompiledCell } from "./compile";
import { CellRun, isIterator, nextTask } from "./cell-run";
import { evaluateBody, locateError, type CellFunction, type CellResult, type Importer } from "./evaluate";
import { cellFirstLines, type Cell } from "./format";
import { valuesOf } from "./view";

export type CellStatus = "idle" | "queued" | "running" | "done" | "error" | "stale";

export interface DisplayInfo {
  /** display(x) call, the cell's last expression, or a value it yielded (which replaces the previous one). */
  kind: "display" | "value" | "yield";
}

export interface SessionObserver {
  status(id: string, status: CellStatus, info: { ms?: number }): void;
  /** Each display() call, autodisplayed value and yielded value; a yield is shown as clear + the list again. */
  display(id: string, value: unknown, info?: DisplayInfo): void;
  /** The cell's outputs are gone: before it re-runs, or when it fails because an input did. */
  clear(id: string): void;
  error(id: string, error: CellError): void;
}

export interface SessionOptions {
  resolveImport(specifier: string): Promise<unknown>;
  observer: SessionObserver;
  /** Extra names every cell can use (Plot, Inputs…). */
  builtins?: Record<string, unknown>;
  /** The notebook's file name, used in mapped stack traces; default "notebook". */
  file?: string;
}

/** A manual cell nobody asked to run. */
class HeldError extends Error {}
/** stopCell ended the run. */
class StoppedError extends Error {}
/** The runtime re-ran or disposed the cell while this run was still going. */
class SupersededError extends Error {}
/** The cell's own failure (compile error or a throw), already located in the file. */
class CellFailure extends Error {
  constructor(readonly info: CellError) {
    super(info.message);
  }
}

interface CellState {
  cell: Cell;
  index: number;
  firstLine: number;
  compiled?: CompiledCell;
  fn?: CellFunction;
  variable?: Variable;
  /** Flips to false when the variable is dropped, silencing its observer. */
  live?: { value: boolean };
  definition?: Definition;
  deps: string[];
  outputs: Map<string, Variable>;
  status: CellStatus;
  /** A manual cell asked to run: its next computation runs instead of holding. */
  armed: boolean;
  /** A name this cell declares that another cell declares too. */
  duplicate?: string;
  run?: CellRun;
}

const variableName = (id: string) => `cell:${id}`;

export class NotebookSession {
  private readonly runtime: Runtime;
  private readonly module: Module;
  private readonly observer: SessionObserver;
  private readonly importer: Importer;
  private readonly file: string;
  private readonly states = new Map<string, CellState>();
  private readonly imports = new Map<string, Promise<unknown>>();
  private order: Cell[] = [];
  private disposed = false;

  constructor(options: SessionOptions) {
    const builtins: Record<string, Definition> = {};
    for (const [name, value] of Object.entries(options.builtins ?? {})) builtins[name] = () => value;
    this.runtime = new Runtime(builtins);
    this.module = this.runtime.module();
    this.observer = options.observer;
    this.file = options.file ?? "notebook";
    this.importer = (specifier) => {
      let loading = this.imports.get(specifier);
      if (!loading) {
        loading = options.resolveImport(specifier);
        this.imports.set(specifier, loading);
        loading.catch(() => this.imports.delete(specifier)); // let a later run retry
      }
      return loading;
    };
  }

  /** The compiled form of a cell as the session runs it (undefined for markdown). */
  compiled(id: string): CompiledCell | undefined {
    return this.states.get(id)?.compiled;
  }

  status(id: string): CellStatus | undefined {
    return this.states.get(id)?.status;
  }

  /** Makes the session hold exactly these cells, in this order; unchanged cells keep their results. */
  setCells(cells: Cell[]): void {
    const ids = new Set(cells.map((c) => c.id));
    for (const state of [...this.states.values()]) if (!ids.has(state.cell.id)) this.drop(state);
    this.order = [...cells];
    const lines = cellFirstLines(this.order);
    cells.forEach((cell, index) => this.apply(cell, index, lines[index]));
    this.refreshDuplicates();
  }

  /** Recompiles one cell (added at the end if new); it and its dependents re-run, manual ones go stale. */
  updateCell(cell: Cell): void {
    const at = this.order.findIndex((c) => c.id === cell.id);
    if (at < 0) this.order.push(cell);
    else this.order[at] = cell;
    this.layout();
    const state = this.states.get(cell.id);
    this.apply(cell, at < 0 ? this.order.length - 1 : at, state?.firstLine ?? cellFirstLines(this.order).at(-1)!);
    this.refreshDuplicates();
  }

  removeCell(id: string): void {
    const state = this.states.get(id);
    if (!state) return;
    this.drop(state);
    this.order = this.order.filter((c) => c.id !== id);
    this.layout();
    this.refreshDuplicates();
  }

  /** Runs (or re-runs) one cell, a manual one included; resolves when it has settled. */
  async runCell(id: string): Promise<void> {
    const state = this.states.get(id);
    if (!state?.variable) return;
    if (state.cell.manual) state.armed = true;
    this.redefine(state);
    await this.settle(state);
  }

  /** Ends a cell's run now: its invalidation promise resolves, a generator is returned; it goes stale. */
  stopCell(id: string): void {
    const state = this.states.get(id);
    state?.run?.stop();
    if (state) state.armed = false;
  }

  /**
   * Re-runs every code cell and resolves when all have settled. With includeManual, the manual
   * cells then run one at a time in notebook order, as someone pressing their run buttons would:
   * they train, save and load, and two of them running at once could race on what they share.
   * With `rerun: false` the reactive cells are only waited for (a session just set up has started them).
   */
  async runAll(options: { includeManual?: boolean; rerun?: boolean } = {}): Promise<void> {
    const manual: string[] = [];
    for (const cell of this.order) {
      const state = this.states.get(cell.id);
      if (!state?.variable) continue;
      if (state.cell.manual) {
        if (options.includeManual) manual.push(cell.id);
      } else if (options.rerun !== false) {
        this.redefine(state);
      }
    }
    await this.settled();
    for (const id of manual) {
      if (this.disposed) return;
      await this.runCell(id);
      await this.settled();
    }
  }

  /** Resolves once no cell is queued or running. */
  async settled(): Promise<void> {
    for (;;) {
      const states = [...this.states.values()].filter((s) => s.variable);
      await Promise.all(states.map((s) => this.settle(s)));
      if (this.disposed || !states.some((s) => s.status === "queued" || s.status === "running")) return;
      await nextTask();
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const state of this.states.values()) state.run?.end();
    this.runtime.dispose();
  }

  /** Renumbers the cells after an edit above them moved their lines; compile errors get new lines. */
  private layout(): void {
    const lines = cellFirstLines(this.order);
    this.order.forEach((cell, index) => {
      const state = this.states.get(cell.id);
      if (!state) return;
      Object.assign(state, { index, firstLine: lines[index] });
      if (state.compiled?.error && state.compiled.firstLine !== lines[index]) this.apply(state.cell, index, lines[index]);
    });
  }

  private apply(cell: Cell, index: number, firstLine: number): void {
    let state = this.states.get(cell.id);
    if (!state) {
      state = { cell, index, firstLine, deps: [], outputs: new Map(), status: "idle", armed: false };
      this.states.set(cell.id, state);
    }
    const previous = state.cell;
    Object.assign(state, { cell, index, firstLine });
    if (cell.kind !== "code") {
      this.undefine(state);
      state.compiled = undefined;
      return;
    }
    let compiled = compileCell(cell.source, { id: cell.id, firstLine });
    const same = state.compiled && state.compiled.body === compiled.body && JSON.stringify(state.compiled.error) === JSON.stringify(compiled.error);
    // Unchanged code keeps its results; so does a cell only just marked manual.
    if (same && (previous.manual === cell.manual || cell.manual || state.status !== "stale")) return;
    let fn: CellFunction | undefined;
    try {
      if (!compiled.error) fn = evaluateBody(cell.id, compiled.body, this.importer);
    } catch (e) {
      // The compiler's output should always parse; if it does not, say so on the cell.
      compiled = { ...compiled, body: "", error: { message: `internal error compiling this cell: ${(e as Error).message}`, line: firstLine } };
    }
    state.compiled = compiled;
    state.fn = fn;
    state.deps = compiled.inputs.filter((name) => !(CELL_BUILTINS as readonly string[]).includes(name));
    state.definition = (invalidation: Promise<void>, ...values: unknown[]) => this.execute(state!, invalidation, values);
    if (!state.variable) {
      const live = { value: true };
      state.live = live;
      state.variable = this.module.variable(this.observe(state, live));
    }
    this.redefine(state);
    // A cell that no longer compiles keeps its names, so their users say which cell failed.
    this.defineOutputs(state, compiled.error ? [...state.outputs.keys()] : compiled.outputs);
  }

  private redefine(state: CellState): void {
    // The invalidation builtin always: the run needs it to know when it is superseded.
    state.variable?.define(variableName(state.cell.id), ["invalidation", ...state.deps], state.definition!);
  }

  private defineOutputs(state: CellState, names: string[]): void {
    for (const [name, variable] of state.outputs) {
      if (!names.includes(name)) {
        variable.delete();
        state.outputs.delete(name);
      }
    }
    for (const name of names) {
      if (!state.outputs.has(name)) {
        state.outputs.set(name, this.module.define(name, [variableName(state.cell.id)], (outputs: Record<string, unknown>) => outputs[name]));
      }
    }
  }

  private undefine(state: CellState): void {
    state.run?.end();
    if (state.live) state.live.value = false;
    state.variable?.delete();
    for (const variable of state.outputs.values()) variable.delete();
    Object.assign(state, { variable: undefined, live: undefined, outputs: new Map(), status: "idle", armed: false, duplicate: undefined });
  }

  private drop(state: CellState): void {
    this.undefine(state);
    this.states.delete(state.cell.id);
  }

  /** Cells declaring the same name all fail; when that changes, they re-run. */
  private refreshDuplicates(): void {
    const count = new Map<string, number>();
    for (const state of this.states.values()) for (const name of state.outputs.keys()) count.set(name, (count.get(name) ?? 0) + 1);
    for (const state of this.states.values()) {
      const duplicate = [...state.outputs.keys()].find((name) => count.get(name)! > 1);
      if (duplicate === state.duplicate) continue;
      state.duplicate = duplicate;
      this.redefine(state);
    }
  }

  private owners(name: string): CellState[] {
    return [...this.states.values()].filter((s) => s.outputs.has(name));
  }

  private label(state: CellState): string {
    return state.cell.title ? `cell '${state.cell.title}'` : `cell ${state.index + 1}`;
  }

  private async settle(state: CellState): Promise<void> {
    try {
      await this.module.value(variableName(state.cell.id));
    } catch {
      // failures are reported through the observer
    }
  }

  private setStatus(state: CellState, status: CellStatus, ms?: number): void {
    if (state.status === status && ms === undefined) return;
    state.status = status;
    this.observer.status(state.cell.id, status, ms === undefined ? {} : { ms });
  }

  private observe(state: CellState, live: { value: boolean }): Observer {
    const active = () => live.value && !this.disposed;
    return {
      pending: () => {
        if (!active()) return;
        const held = state.cell.manual && !state.armed && !state.compiled?.error && !state.duplicate;
        this.setStatus(state, held ? "stale" : "queued");
      },
      fulfilled: () => {
        if (active()) this.setStatus(state, "done", state.run?.ms);
      },
      rejected: (error) => {
        if (active()) this.rejected(state, error);
      },
    };
  }

  private rejected(state: CellState, error: unknown): void {
    if (error instanceof SupersededError) return;
    state.armed = false; // a run on demand that could not happen is not kept pending
    if (error instanceof HeldError) return this.setStatus(state, "stale");
    if (error instanceof StoppedError) return this.setStatus(state, "stale", state.run?.ms);
    if (error instanceof CellFailure) {
      this.observer.error(state.cell.id, error.info);
      return this.setStatus(state, "error", state.run?.ms);
    }
    // From the runtime: an input failed, is undefined or duplicated, or the cells form a cycle.
    const input = (error as { input?: string }).input;
    let message = error instanceof Error ? error.message : String(error);
    const owners = input === undefined ? [] : this.owners(input);
    if (owners.length === 1) {
      if (owners[0].status === "stale") return this.setStatus(state, "stale");
      message = `${input} is not defined because ${this.label(owners[0])} failed`;
    } else if (message === "circular definition") {
      message = this.circular(state);
    }
    this.observer.clear(state.cell.id);
    this.observer.error(state.cell.id, { message, line: state.firstLine });
    this.setStatus(state, "error");
  }

  private circular(state: CellState): string {
    const cycle = [state];
    const seen = new Set<CellState>();
    const walk = (s: CellState): boolean => {
      if (seen.has(s)) return false;
      seen.add(s);
      for (const name of s.deps) {
        for (const owner of this.owners(name)) {
          if (owner === state) return true;
          cycle.push(owner);
          if (walk(owner)) return true;
          cycle.pop();
        }
      }
      return false;
    };
    walk(state);
    return `circular definition: ${cycle.map((s) => this.label(s)).join(" → ")} → ${this.label(state)} use each other's names`;
  }

  private async execute(state: CellState, runtimeInvalidation: Promise<void>, values: unknown[]): Promise<Record<string, unknown>> {
    const compiled = state.compiled!;
    if (compiled.error) throw new CellFailure(compiled.error);
    if (state.duplicate) throw new CellFailure({ message: `${state.duplicate} is defined more than once`, line: state.firstLine });
    if (state.cell.manual && !state.armed) throw new HeldError(`${this.label(state)} runs only on demand`);
    state.armed = false;
    state.run?.end();
    const run = (state.run = new CellRun(state.cell.id, this.observer));
    this.setStatus(state, "running");
    this.observer.clear(state.cell.id);
    runtimeInvalidation.then(() => run.end());
    const byName = new Map(state.deps.map((name, k) => [name, values[k]]));
    const display = (value: unknown) => {
      run.show(value, "display");
      return value;
    };
    const invalidation = Promise.race([runtimeInvalidation, run.stopped]).then(() => undefined);
    // view(control): shown like display(), and the declared name gets the stream of its values.
    const view = (control: unknown) => {
      const values = valuesOf(control);
      run.show(control, "display");
      return values;
    };
    const builtins: Record<string, unknown> = { display, invalidation, view };
    const args = compiled.inputs.map((name) => (name in builtins ? builtins[name] : byName.get(name)));
    try {
      return await Promise.race([
        this.evaluate(state, run, args),
        run.stopped.then(() => Promise.reject(new StoppedError("stopped"))),
        runtimeInvalidation.then(() => Promise.reject(new SupersededError("superseded"))),
      ]);
    } catch (e) {
      if (e instanceof StoppedError || e instanceof SupersededError) throw e;
      throw new CellFailure(locateError(e, state.cell.id, (id) => this.states.get(id)?.firstLine, this.file));
    } finally {
      run.finish();
    }
  }

  private async evaluate(state: CellState, run: CellRun, args: unknown[]): Promise<Record<string, unknown>> {
    const compiled = state.compiled!;
    const called = state.fn!(...args);
    const result = compiled.generator ? await run.drain(called as AsyncGenerator<unknown, CellResult>) : await (called as Promise<CellResult>);
    // A promise is shown as what it resolves to, as in Observable.
    const value = compiled.autodisplay ? await result.value : undefined;
    if (value !== undefined) {
      // A cell ending in a generator (an async function* called, say) shows its values in turn,
      // like a yielding cell; that form type-checks as a module, top-level yield does not.
      if (isIterator(value)) await run.drain(value);
      else run.show(value, "value");
    }
    return result.outputs;
  }
}
