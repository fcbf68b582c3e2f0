/**
 * Every keyboard shortcut of the notebook, as data: the editor's keymap, the toolbar's tooltips and
 * the help panel all read this one table, so they cannot disagree (marimo's pattern).
 * Keys use CodeMirror's notation; `Mod` is Cmd on macOS and Ctrl elsewhere.
 */
export type CommandId =
  | "runAndAdvance"
  | "runInPlace"
  | "runAndInsert"
  | "runAll"
  | "stop"
  | "addBelow"
  | "addMarkdownBelow"
  | "deleteCell"
  | "moveUp"
  | "moveDown"
  | "splitCell"
  | "focusPrevious"
  | "focusNext"
  | "save"
  | "help";

export interface Shortcut {
  command: CommandId;
  name: string;
  group: "Run" | "Cells" | "Move around" | "Notebook";
  keys: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { command: "runAndAdvance", name: "Run the cell and move to the next", group: "Run", keys: "Shift-Enter" },
  { command: "runInPlace", name: "Run the cell and stay", group: "Run", keys: "Mod-Enter" },
  { command: "runAndInsert", name: "Run the cell and add one below", group: "Run", keys: "Alt-Enter" },
  { command: "runAll", name: "Run all cells (on-demand ones too)", group: "Run", keys: "Mod-Shift-Enter" },
  { command: "stop", name: "Stop the running cell", group: "Run", keys: "Mod-Shift-." },
  { command: "addBelow", name: "Add a code cell below", group: "Cells", keys: "Mod-Shift-j" },
  { command: "addMarkdownBelow", name: "Add a text cell below", group: "Cells", keys: "Mod-Shift-m" },
  { command: "deleteCell", name: "Delete the cell", group: "Cells", keys: "Mod-Shift-Backspace" },
  { command: "splitCell", name: "Split the cell at the cursor", group: "Cells", keys: "Mod-Shift--" },
  { command: "moveUp", name: "Move the cell up", group: "Cells", keys: "Mod-Shift-ArrowUp" },
  { command: "moveDown", name: "Move the cell down", group: "Cells", keys: "Mod-Shift-ArrowDown" },
  { command: "focusPrevious", name: "Go to the previous cell", group: "Move around", keys: "Mod-ArrowUp" },
  { command: "focusNext", name: "Go to the next cell", group: "Move around", keys: "Mod-ArrowDown" },
  { command: "save", name: "Save now (the notebook also saves as you type)", group: "Notebook", keys: "Mod-s" },
  { command: "help", name: "Show these shortcuts", group: "Notebook", keys: "F1" },
];

const isMac = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);

/** "Mod-Shift-Enter" → "Ctrl+Shift+Enter" (or "⌘⇧Enter" on a Mac): how people read keys. */
export function keyLabel(keys: string): string {
  const names: Record<string, string> = isMac
    ? { Mod: "⌘", Shift: "⇧", Alt: "⌥", Ctrl: "⌃", ArrowUp: "↑", ArrowDown: "↓", Backspace: "⌫", Enter: "↩" }
    : { Mod: "Ctrl", ArrowUp: "↑", ArrowDown: "↓" };
  const parts = keys.split(/-(?!$)/).map((p) => names[p] ?? (p.length === 1 ? p.toUpperCase() : p));
  return parts.join(isMac ? "" : "+");
}

export function shortcutFor(command: CommandId): Shortcut {
  return SHORTCUTS.find((s) => s.command === command)!;
}

/** The help panel: the table grouped, as a <dialog>. */
export function shortcutsDialog(): HTMLDialogElement {
  const dialog = document.createElement("dialog");
  dialog.className = "help";
  const groups = [...new Set(SHORTCUTS.map((s) => s.group))];
  dialog.innerHTML = `<h2>Keyboard shortcuts</h2>`;
  for (const g of groups) {
    const table = document.createElement("table");
    table.innerHTML = `<caption>${g}</caption>`;
    for (const s of SHORTCUTS.filter((s) => s.group === g)) {
      const row = table.insertRow();
      row.insertCell().textContent = s.name;
      const kbd = document.createElement("kbd");
      kbd.textContent = keyLabel(s.keys);
      row.insertCell().append(kbd);
    }
    dialog.append(table);
  }
  const close = document.createElement("button");
  close.textContent = "Close";
  close.addEventListener("click", () => dialog.close());
  dialog.append(close);
  return dialog;
}
