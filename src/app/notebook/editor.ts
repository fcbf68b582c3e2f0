/**
 * One CodeMirror 6 editor per cell: TypeScript highlighting, bracket matching and closing, search,
 * undo history, and completion of the library's exported names (read from the bundle itself, so the
 * list never goes stale). The notebook's commands come in as a keymap built from SHORTCUTS.
 */
import { autocompletion, closeBrackets, closeBracketsKeymap, completeFromList, completionKeymap, type Completion } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { javascript, javascriptLanguage } from "@codemirror/lang-javascript";
import { markdown } from "@codemirror/lang-markdown";
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { Compartment, EditorState, type Extension } from "@codemirror/state";
import { drawSelection, EditorView, highlightActiveLine, keymap, lineNumbers, placeholder, type KeyBinding } from "@codemirror/view";
import { SHORTCUTS, type CommandId } from "./shortcuts";

export interface CellEditorOptions {
  doc: string;
  language: "typescript" | "markdown";
  /** First line number shown in the gutter: the cell's line in the notebook file, so errors match. */
  firstLine?: number;
  onChange(doc: string): void;
  onCommand(command: CommandId, view: EditorView): boolean;
  onFocus?(): void;
}

let libraryNames: Completion[] = [];
/** Called once the library has loaded, with its exports, to complete them in every editor. */
export function setLibraryCompletions(exports: Record<string, unknown>): void {
  libraryNames = Object.entries(exports).map(([label, v]) => ({
    label,
    type: typeof v === "function" ? (/^[A-Z]/.test(label) ? "class" : "function") : /^[A-Z0-9_]+$/.test(label) ? "constant" : "variable",
    detail: "demix",
  }));
}

const CELL_GLOBALS: Completion[] = [
  { label: "display", type: "function", detail: "show a value below the cell" },
  { label: "invalidation", type: "variable", detail: "promise: resolves when the cell re-runs or stops" },
  { label: "view", type: "function", detail: "view(slider(…)): show a control; other cells get its value" },
];

function completions(context: Parameters<ReturnType<typeof completeFromList>>[0]) {
  return completeFromList([...libraryNames, ...CELL_GLOBALS])(context);
}

function notebookKeymap(onCommand: CellEditorOptions["onCommand"]): KeyBinding[] {
  return SHORTCUTS.map((s) => ({ key: s.keys, run: (view: EditorView) => onCommand(s.command, view), preventDefault: true }));
}

export interface CellEditor {
  view: EditorView;
  /** Renumbers the gutter when cells above grow or shrink. */
  setFirstLine(line: number): void;
}

const numbering = (first: number) => lineNumbers({ formatNumber: (n) => String(n + first - 1) });

export function createCellEditor(parent: HTMLElement, o: CellEditorOptions): CellEditor {
  const gutter = new Compartment();
  let first = o.firstLine ?? 1;
  const extensions: Extension[] = [
    // The notebook's keys first: Shift-Enter must run the cell, not insert a line.
    keymap.of(notebookKeymap(o.onCommand)),
    history(),
    drawSelection(),
    indentOnInput(),
    bracketMatching(),
    closeBrackets(),
    highlightSelectionMatches(),
    highlightActiveLine(),
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, ...completionKeymap, indentWithTab]),
    EditorView.updateListener.of((u) => {
      if (u.docChanged) o.onChange(u.state.doc.toString());
      if (u.focusChanged && u.view.hasFocus) o.onFocus?.();
    }),
    EditorView.lineWrapping,
  ];
  if (o.language === "typescript") {
    extensions.push(
      javascript({ typescript: true }),
      javascriptLanguage.data.of({ autocomplete: completions }),
      autocompletion(),
      gutter.of(numbering(first)),
      placeholder("// TypeScript: declare names, await, display(x); the last expression is shown"),
    );
  } else {
    extensions.push(markdown(), placeholder("Text in Markdown"));
  }
  const view = new EditorView({ parent, state: EditorState.create({ doc: o.doc, extensions }) });
  return {
    view,
    setFirstLine(line) {
      if (line === first || o.language !== "typescript") return;
      first = line;
      view.dispatch({ effects: gutter.reconfigure(numbering(line)) });
    },
  };
}
