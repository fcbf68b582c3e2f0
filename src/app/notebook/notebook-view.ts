/**
 * A notebook on the page: the toolbar, the cells, and the reactive session that runs them. Source
 * state (the cells, saved as the .ts file) and execution state (statuses, outputs: in the session
 * and the cell views) are kept apart, as in marimo; every edit is saved (debounced) so a reload or a
 * crash loses nothing.
 */
import type { EditorView } from "@codemirror/view";
import { cellFirstLines, codeCell, markdownCell, NotebookSession, parseNotebook, serializeNotebook, type Cell, type CellStatus } from "../../notebook";
import { download } from "../download";
import { CellView } from "./cell-view";
import { setLibraryCompletions } from "./editor";
import { resolveImport } from "./imports";
import { keyLabel, shortcutFor, shortcutsDialog, type CommandId } from "./shortcuts";

export interface NotebookDocument {
  id: string;
  name: string;
  source: string;
  /** "imported" notebooks do not run until the user asks. */
  origin?: string;
}

export interface NotebookViewOptions {
  save(doc: NotebookDocument): Promise<void>;
  /** Shown next to the name: where the notebook came from, and a way back to the original. */
  restore?: () => void;
}

const SAVE_DELAY_MS = 300;

export class NotebookView {
  readonly element: HTMLElement;
  private cells: Cell[];
  private readonly views = new Map<string, CellView>();
  private session?: NotebookSession;
  private readonly statuses = new Map<string, CellStatus>();
  private readonly list: HTMLElement;
  private readonly saveState: HTMLElement;
  private saveTimer?: ReturnType<typeof setTimeout>;
  private saving = Promise.resolve();
  private focused?: string;
  /** Cells edited since they last ran: running them redefines them in the session. */
  private readonly edited = new Set<string>();

  constructor(
    parent: HTMLElement,
    private doc: NotebookDocument,
    private readonly options: NotebookViewOptions,
  ) {
    this.cells = parseNotebook(doc.source).cells;
    // The editors complete the library's exported names, read from the library itself.
    void import("../../index").then((lib) => setLibraryCompletions(lib));
    const e = document.createElement("article");
    e.className = "notebook";
    e.innerHTML = `
      <div class="nb-toolbar">
        <input class="nb-name" spellcheck="false" aria-label="Notebook name" />
        <span class="nb-save" role="status"></span>
        <span class="spacer"></span>
        <button type="button" data-command="runAll" class="primary">Run all</button>
        <button type="button" data-command="stop">Stop</button>
        <button type="button" data-command="addBelow">+ Code</button>
        <button type="button" data-command="addMarkdownBelow">+ Text</button>
        <button type="button" data-action="export">Export .ts</button>
        <button type="button" data-action="restore" hidden>Restore original</button>
        <button type="button" data-command="help" aria-label="Keyboard shortcuts">?</button>
      </div>
      <div class="nb-banner" hidden></div>
      <div class="nb-cells"></div>`;
    this.element = e;
    this.list = e.querySelector(".nb-cells")!;
    this.saveState = e.querySelector(".nb-save")!;
    const name = e.querySelector<HTMLInputElement>(".nb-name")!;
    name.value = doc.name;
    name.addEventListener("input", () => {
      this.doc = { ...this.doc, name: name.value.trim() || "Untitled" };
      this.scheduleSave();
    });
    for (const b of e.querySelectorAll<HTMLButtonElement>(".nb-toolbar [data-command]")) {
      const s = shortcutFor(b.dataset.command as CommandId);
      b.title = `${s.name} (${keyLabel(s.keys)})`;
      b.addEventListener("click", () => this.command(b.dataset.command as CommandId, this.current()));
    }
    e.querySelector('[data-action="export"]')!.addEventListener("click", () => this.exportFile());
    const restore = e.querySelector<HTMLButtonElement>('[data-action="restore"]')!;
    if (options.restore) {
      restore.hidden = false;
      restore.addEventListener("click", () => options.restore!());
    }
    // In the document before the editors are made: CodeMirror measures line heights on creation,
    // and a detached editor measured at zero width wraps every line into a tall column.
    parent.append(e);
    for (const cell of this.cells) this.addView(cell);
    this.renumber();
    if (doc.origin === "imported") {
      // Someone else's code: nothing runs until the user asks.
      this.banner(`Imported notebook: its cells have not run. Read them, then press Run all (${keyLabel(shortcutFor("runAll").keys)}).`);
    } else {
      this.start();
    }
  }

  /** The notebook as the .ts file text, as it is saved. */
  get source(): string {
    return serializeNotebook({ cells: this.cells });
  }

  get name(): string {
    return this.doc.name;
  }

  /** Waits for pending saves (tests, and before switching notebooks). */
  async flush(): Promise<void> {
    if (this.saveTimer !== undefined) {
      clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
      this.saveNow();
    }
    await this.saving;
  }

  dispose(): void {
    void this.flush();
    this.session?.dispose();
    for (const v of this.views.values()) v.destroy();
    this.element.remove();
  }

  private banner(text: string | null): void {
    const b = this.element.querySelector<HTMLElement>(".nb-banner")!;
    b.hidden = !text;
    b.textContent = text ?? "";
  }

  private start(): NotebookSession {
    if (this.session) return this.session;
    this.banner(null);
    this.session = new NotebookSession({
      resolveImport,
      observer: {
        status: (id, status, info) => {
          this.statuses.set(id, status);
          this.views.get(id)?.setStatus(status, info.ms);
        },
        display: (id, value) => this.views.get(id)?.display(value),
        clear: (id) => this.views.get(id)?.clear(),
        error: (id, error) => this.views.get(id)?.showError(error),
      },
    });
    this.session.setCells(this.cells);
    this.edited.clear();
    return this.session;
  }

  private addView(cell: Cell, before?: Element | null): CellView {
    const view = new CellView(cell, 1, {
      edit: (c) => this.edit(c),
      command: (command, c, editor) => this.command(command, c, editor),
      focus: (c) => (this.focused = c.id),
    });
    this.views.set(cell.id, view);
    this.list.insertBefore(view.element, before ?? null);
    return view;
  }

  private renumber(): void {
    const lines = cellFirstLines(this.cells);
    this.cells.forEach((c, k) => this.views.get(c.id)!.setFirstLine(lines[k]));
  }

  private edit(cell: Cell): void {
    const k = this.index(cell.id);
    const before = this.cells[k];
    this.cells[k] = cell;
    if (before.source !== cell.source || before.manual !== cell.manual) this.edited.add(cell.id);
    if (before.source.split("\n").length !== cell.source.split("\n").length) this.renumber();
    this.scheduleSave();
  }

  private index(id: string): number {
    return this.cells.findIndex((c) => c.id === id);
  }

  private current(): Cell | undefined {
    return this.cells.find((c) => c.id === this.focused) ?? this.cells[this.cells.length - 1];
  }

  private scheduleSave(): void {
    this.saveState.textContent = "editing…";
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      this.saveNow();
    }, SAVE_DELAY_MS);
  }

  private saveNow(): void {
    const doc = { ...this.doc, source: this.source };
    this.saving = this.saving
      .then(() => this.options.save(doc))
      .then(
        () => {
          this.saveState.textContent = "saved";
          this.saveState.classList.remove("bad");
        },
        (e) => {
          this.saveState.textContent = `not saved: ${(e as Error).message}`;
          this.saveState.classList.add("bad");
        },
      );
  }

  private exportFile(): void {
    const name = `${this.doc.name.replace(/[^\w.-]+/g, "-").replace(/^-+|-+$/g, "") || "notebook"}.ts`;
    download(new Blob([this.source], { type: "text/typescript" }), name);
  }

  /** Runs a cell with its latest source; its dependents re-run through the session. */
  private async run(cell: Cell): Promise<void> {
    const session = this.start();
    if (cell.kind !== "code") return;
    if (this.edited.delete(cell.id)) session.updateCell(cell);
    await session.runCell(cell.id);
  }

  private insert(cell: Cell, after: Cell | undefined): CellView {
    const k = after ? this.index(after.id) + 1 : this.cells.length;
    this.cells.splice(k, 0, cell);
    const next = this.cells[k + 1];
    const view = this.addView(cell, next ? this.views.get(next.id)!.element : null);
    this.renumber();
    this.scheduleSave();
    if (cell.kind === "code" && cell.source) this.session?.updateCell(cell);
    return view;
  }

  private remove(cell: Cell): void {
    const k = this.index(cell.id);
    if (k < 0) return;
    this.cells.splice(k, 1);
    this.views.get(cell.id)!.destroy();
    this.views.delete(cell.id);
    this.session?.removeCell(cell.id);
    this.renumber();
    this.scheduleSave();
    const neighbour = this.cells[Math.min(k, this.cells.length - 1)];
    if (neighbour) this.views.get(neighbour.id)!.focus();
  }

  private move(cell: Cell, by: -1 | 1): void {
    const k = this.index(cell.id);
    const j = k + by;
    if (j < 0 || j >= this.cells.length) return;
    [this.cells[k], this.cells[j]] = [this.cells[j], this.cells[k]];
    const a = this.views.get(this.cells[Math.min(k, j)].id)!.element;
    const b = this.views.get(this.cells[Math.max(k, j)].id)!.element;
    this.list.insertBefore(a, b);
    this.renumber();
    this.scheduleSave();
    this.views.get(cell.id)!.focus();
  }

  private split(cell: Cell, view?: EditorView): void {
    if (!view || cell.kind !== "code") return;
    const at = view.state.selection.main.head;
    const text = view.state.doc.toString();
    const head = text.slice(0, at).replace(/\n+$/, "");
    const tail = text.slice(at).replace(/^\n+/, "");
    view.dispatch({ changes: { from: 0, to: text.length, insert: head } });
    const added = this.insert(codeCell(tail), this.cells[this.index(cell.id)]);
    added.focus();
  }

  command(command: CommandId, cell: Cell | undefined, view?: EditorView): boolean {
    const next = () => (cell ? this.cells[this.index(cell.id) + 1] : undefined);
    switch (command) {
      case "runInPlace":
        if (cell) void this.run(cell);
        return true;
      case "runAndAdvance": {
        if (cell) void this.run(cell);
        const n = next();
        if (n) this.views.get(n.id)!.focus();
        else if (cell) this.insert(codeCell(), cell).focus();
        return true;
      }
      case "runAndInsert":
        if (cell) void this.run(cell);
        this.insert(codeCell(), cell).focus();
        return true;
      case "runAll":
        void this.runAll();
        return true;
      case "stop":
        // A running cell's own stop button stops that cell; the toolbar and the keys stop everything.
        const own = cell && this.statuses.get(cell.id) === "running" ? cell.id : undefined;
        for (const [id, s] of this.statuses) {
          if ((s !== "running" && s !== "queued") || (own && id !== own)) continue;
          this.views.get(id)?.stopping();
          this.session?.stopCell(id);
        }
        return true;
      case "addBelow":
        this.insert(codeCell(), cell).focus();
        return true;
      case "addMarkdownBelow":
        this.insert(markdownCell(""), cell).focus();
        return true;
      case "deleteCell":
        if (cell) this.remove(cell);
        return true;
      case "moveUp":
      case "moveDown":
        if (cell) this.move(cell, command === "moveUp" ? -1 : 1);
        return true;
      case "splitCell":
        if (cell) this.split(cell, view);
        return true;
      case "focusPrevious":
      case "focusNext": {
        if (!cell) return false;
        const other = this.cells[this.index(cell.id) + (command === "focusNext" ? 1 : -1)];
        if (other) this.views.get(other.id)!.focus(command === "focusNext" ? "start" : "end");
        return true;
      }
      case "save":
        void this.flush();
        return true;
      case "help": {
        const dialog = shortcutsDialog();
        document.body.append(dialog);
        dialog.addEventListener("close", () => dialog.remove());
        dialog.showModal();
        return true;
      }
    }
  }

  async runAll(): Promise<void> {
    const fresh = !this.session;
    const session = this.start();
    if (!fresh) for (const c of this.cells) if (this.edited.delete(c.id) && c.kind === "code") session.updateCell(c);
    // A fresh session has just started the reactive cells: wait for them rather than run them twice.
    await session.runAll({ includeManual: true, rerun: !fresh });
  }
}
