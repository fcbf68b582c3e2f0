/**
 * One cell on the page: its title, status and duration, buttons, editor and outputs. It holds no
 * notebook logic: edits and commands go up through callbacks, and the notebook view pushes status
 * and outputs down. A markdown cell shows rendered text and edits on double-click.
 */
import type { EditorView } from "@codemirror/view";
import { markdownSource, markdownText, type Cell, type CellStatus } from "../../notebook";
import { createCellEditor, type CellEditor } from "./editor";
import { renderMarkdown } from "./markdown";
import { errorNode, render } from "./render";
import "./views";
import { keyLabel, shortcutFor, type CommandId } from "./shortcuts";

export interface CellCallbacks {
  edit(cell: Cell): void;
  command(command: CommandId, cell: Cell, view?: EditorView): boolean;
  focus(cell: Cell): void;
}

const STATUS_TEXT: Record<CellStatus, string> = {
  idle: "not run",
  queued: "queued",
  running: "running",
  done: "done",
  error: "error",
  stale: "stale: inputs changed",
};

export class CellView {
  readonly element: HTMLElement;
  private editor?: CellEditor;
  private readonly output: HTMLElement;
  private readonly statusText: HTMLElement;
  private readonly titleInput: HTMLInputElement;
  private readonly manualToggle: HTMLButtonElement;
  private readonly body: HTMLElement;
  private rendered?: HTMLElement;
  private clearOutputs: () => void = () => {};
  private timer?: ReturnType<typeof setInterval>;
  private firstLine: number;
  private stopRequested = false;

  constructor(
    public cell: Cell,
    firstLine: number,
    private readonly callbacks: CellCallbacks,
  ) {
    this.firstLine = firstLine;
    const e = document.createElement("section");
    e.className = `cell ${cell.kind}`;
    e.dataset.id = cell.id;
    e.dataset.status = "idle";
    e.dataset.title = cell.title;
    e.innerHTML = `
      <div class="cell-gutter">
        <button type="button" class="run" aria-label="Run cell"></button>
      </div>
      <div class="cell-main">
        <div class="cell-head">
          <input class="cell-title" spellcheck="false" aria-label="Cell title" />
          <button type="button" class="manual" title="Run only when asked (for training and other long jobs)">on demand</button>
          <span class="cell-status"></span>
          <span class="cell-actions">
            <button type="button" data-command="moveUp" aria-label="Move up">↑</button>
            <button type="button" data-command="moveDown" aria-label="Move down">↓</button>
            <button type="button" data-command="deleteCell" aria-label="Delete cell">✕</button>
          </span>
        </div>
        <div class="cell-body"></div>
        <div class="cell-output" aria-live="polite"></div>
      </div>`;
    this.element = e;
    this.output = e.querySelector(".cell-output")!;
    this.statusText = e.querySelector(".cell-status")!;
    this.body = e.querySelector(".cell-body")!;
    this.titleInput = e.querySelector(".cell-title")!;
    this.manualToggle = e.querySelector(".manual")!;
    this.titleInput.value = cell.title;
    this.titleInput.placeholder = cell.kind === "markdown" ? "" : "Untitled cell";
    // A text cell's heading is its title; the box shows only when it has one of its own.
    this.titleInput.hidden = cell.kind === "markdown" && !cell.title;
    this.titleInput.addEventListener("input", () => {
      this.element.dataset.title = this.titleInput.value;
      this.update({ title: this.titleInput.value });
    });
    this.manualToggle.hidden = cell.kind !== "code";
    this.manualToggle.setAttribute("aria-pressed", String(cell.manual));
    this.manualToggle.addEventListener("click", () => {
      this.update({ manual: !this.cell.manual });
      this.manualToggle.setAttribute("aria-pressed", String(this.cell.manual));
    });
    const run = e.querySelector<HTMLButtonElement>(".run")!;
    run.title = `Run (${keyLabel(shortcutFor("runInPlace").keys)}; ${keyLabel(shortcutFor("runAndAdvance").keys)} runs and moves on)`;
    run.addEventListener("click", () => {
      const command = this.element.dataset.status === "running" ? "stop" : "runInPlace";
      this.callbacks.command(command, this.cell);
    });
    for (const b of e.querySelectorAll<HTMLButtonElement>(".cell-actions button")) {
      const command = b.dataset.command as CommandId;
      b.title = `${shortcutFor(command).name} (${keyLabel(shortcutFor(command).keys)})`;
      b.addEventListener("click", () => this.callbacks.command(command, this.cell));
    }
    if (cell.kind === "code") this.openEditor();
    else this.showMarkdown();
    this.setStatus(cell.kind === "code" ? "idle" : "done");
  }

  private update(change: Partial<Cell>): void {
    this.cell = { ...this.cell, ...change };
    this.callbacks.edit(this.cell);
  }

  private openEditor(): void {
    this.rendered?.remove();
    this.rendered = undefined;
    const isMarkdown = this.cell.kind === "markdown";
    this.editor = createCellEditor(this.body, {
      doc: isMarkdown ? markdownText(this.cell) : this.cell.source,
      language: isMarkdown ? "markdown" : "typescript",
      firstLine: this.firstLine,
      onChange: (doc) => this.update({ source: isMarkdown ? markdownSource(doc) : doc }),
      onCommand: (command, view) => {
        // In a text cell, running means showing the rendered text.
        if (isMarkdown && (command === "runAndAdvance" || command === "runInPlace")) this.showMarkdown();
        return this.callbacks.command(command, this.cell, view);
      },
      onFocus: () => this.callbacks.focus(this.cell),
    });
  }

  private showMarkdown(): void {
    this.editor?.view.destroy();
    this.editor = undefined;
    const div = document.createElement("div");
    div.className = "markdown";
    const text = markdownText(this.cell).trim();
    div.innerHTML = text ? renderMarkdown(text) : `<p class="placeholder">Empty text cell: double-click to write.</p>`;
    div.title = "Double-click to edit";
    div.addEventListener("dblclick", () => {
      this.openEditor();
      this.editor!.view.focus();
    });
    this.body.replaceChildren(div);
    this.rendered = div;
  }

  /** The editor's view, when the cell is being edited. */
  get view(): EditorView | undefined {
    return this.editor?.view;
  }

  focus(at: "start" | "end" = "start"): void {
    if (!this.editor) {
      if (this.cell.kind === "markdown") this.openEditor();
      else return;
    }
    const view = this.editor!.view;
    view.focus();
    view.dispatch({ selection: { anchor: at === "start" ? 0 : view.state.doc.length } });
    this.element.scrollIntoView({ block: "nearest" });
  }

  setFirstLine(line: number): void {
    this.firstLine = line;
    this.editor?.setFirstLine(line);
  }

  setStatus(status: CellStatus, ms?: number): void {
    this.element.dataset.status = status;
    // How many times the cell has run on this page: tests (and curious users) can see what re-ran.
    if (status === "running") this.element.dataset.runs = String(Number(this.element.dataset.runs ?? 0) + 1);
    clearInterval(this.timer);
    const label = STATUS_TEXT[status];
    if (status === "running") {
      const started = performance.now();
      const tick = () => (this.statusText.textContent = `running · ${((performance.now() - started) / 1000).toFixed(1)} s`);
      tick();
      this.timer = setInterval(tick, 100);
    } else {
      // An on-demand cell that never ran is waiting for its user, and one the user stopped is
      // stopped: neither is out of date.
      const never = status === "stale" && !this.element.dataset.runs;
      const stopped = status === "stale" && this.stopRequested;
      this.stopRequested = false;
      this.statusText.textContent = never ? "runs when you ask" : stopped ? `stopped${ms !== undefined ? ` · ${formatMs(ms)}` : ""}` : ms !== undefined && (status === "done" || status === "error") ? `${label} · ${formatMs(ms)}` : this.cell.kind === "markdown" ? "" : label;
    }
    const run = this.element.querySelector<HTMLButtonElement>(".run")!;
    run.classList.toggle("stop", status === "running");
    run.setAttribute("aria-label", status === "running" ? "Stop cell" : "Run cell");
  }

  /** The user asked this running cell to stop: its next status says "stopped", not "stale". */
  stopping(): void {
    this.stopRequested = true;
  }

  clear(): void {
    this.clearOutputs();
    this.output.replaceChildren();
    this.element.classList.remove("has-error");
  }

  display(value: unknown): void {
    const cleared = new Promise<void>((resolve) => {
      const previous = this.clearOutputs;
      this.clearOutputs = () => {
        previous();
        resolve();
      };
    });
    const wrap = document.createElement("div");
    wrap.className = "output";
    wrap.append(render(value, { cleared }));
    this.output.append(wrap);
  }

  showError(error: { message: string; line?: number; column?: number }): void {
    this.element.classList.add("has-error");
    const where = error.line !== undefined ? `line ${error.line}${error.column !== undefined ? `:${error.column}` : ""}: ` : "";
    this.output.append(errorNode(where + error.message));
  }

  destroy(): void {
    clearInterval(this.timer);
    this.clear();
    this.editor?.view.destroy();
    this.element.remove();
  }
}

function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}
