import type { View } from "./view";

/**
 * Sliders, choices and checkboxes as data, so a notebook that uses them still runs headless: in the
 * page the renderer draws them with Observable Inputs and reports each change through `set`; in
 * Node nothing draws them and they keep their initial value. `view(control)` in a cell turns one
 * into a value other cells depend on.
 */
export interface Control<T> extends View {
  view: "control";
  control: "range" | "select" | "checkbox";
  label: string;
  value: T;
  min?: number;
  max?: number;
  step?: number;
  options?: readonly T[];
  /** Called by whatever draws the control when the user changes it. */
  set(value: T): void;
  /** Calls `listener` on each change; returns the unsubscribe function. */
  subscribe(listener: (value: T) => void): () => void;
}

function control<T>(fields: Omit<Control<T>, "kind" | "view" | "set" | "subscribe" | "caption">, describe: (value: T) => string): Control<T> {
  const listeners = new Set<(value: T) => void>();
  const c: Control<T> = {
    kind: "view",
    view: "control",
    ...fields,
    get caption() {
      return `${fields.label}: ${describe(c.value)}`;
    },
    set(value: T) {
      c.value = value;
      for (const listener of [...listeners]) listener(value);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return c;
}

export function slider(label: string, options: { min: number; max: number; step?: number; value?: number }): Control<number> {
  const { min, max } = options;
  if (!(Number.isFinite(min) && Number.isFinite(max) && min < max)) throw new Error(`slider "${label}": min (${min}) must be a number below max (${max})`);
  const value = options.value ?? min;
  if (!(value >= min && value <= max)) throw new Error(`slider "${label}": value ${value} is outside ${min} … ${max}`);
  return control({ control: "range", label, value, min, max, ...(options.step !== undefined ? { step: options.step } : {}) }, (v) => `${v} (${min} … ${max})`);
}

export function choice<T extends string | number>(label: string, options: readonly T[], value: T = options[0]): Control<T> {
  if (options.length === 0) throw new Error(`choice "${label}": give at least one option`);
  if (!options.includes(value)) throw new Error(`choice "${label}": ${String(value)} is not one of ${options.join(", ")}`);
  return control({ control: "select", label, value, options }, (v) => `${String(v)} (of ${options.join(", ")})`);
}

export function checkbox(label: string, value = false): Control<boolean> {
  return control({ control: "checkbox", label, value }, (v) => (v ? "on" : "off"));
}

export function isControl(value: unknown): value is Control<unknown> {
  return typeof value === "object" && value !== null && (value as View).kind === "view" && (value as View).view === "control" && typeof (value as Control<unknown>).subscribe === "function";
}
