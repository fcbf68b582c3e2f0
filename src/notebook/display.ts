/**
 * `display(value)` for a notebook run as a plain module (`npx tsx notebooks/x.ts`): it prints a
 * one-line description. Inside a notebook session the compiler replaces it with the cell's own
 * display, which shows the value below the cell. Browser-safe.
 */
import { isView } from "../viz/view";
import { isAudioSignal, isSpectrogram, isTypedArray } from "./shapes";

const MAX_TEXT = 80;

/** Shows a value (in a plain module: prints its description) and returns it. */
export function display<T>(value: T): T {
  console.log(describeValue(value));
  return value;
}


function number(x: number): string {
  if (Number.isInteger(x)) return String(x);
  const a = Math.abs(x);
  return a !== 0 && (a < 1e-3 || a >= 1e6) ? x.toExponential(2) : String(Number(x.toPrecision(4)));
}

function range(values: ArrayLike<number>): string {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return values.length ? `, ${number(min)} … ${number(max)}` : "";
}

function clip(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

/** Duck-typed shapes of the library's and tfjs's values (./shapes): type imports only, so this stays light. */
function describeKnown(v: Record<string, unknown>): string | undefined {
  if (Array.isArray(v.shape) && typeof v.dtype === "string" && typeof v.rank === "number") {
    return `Tensor ${v.dtype} [${(v.shape as number[]).join(", ")}]`;
  }
  if (Array.isArray(v.layers) && typeof v.countParams === "function") {
    return `Model "${String(v.name)}": ${v.layers.length} layers, ${(v.countParams as () => number)().toLocaleString("en-US")} parameters`;
  }
  if (isAudioSignal(v)) {
    const n = v.channels[0]?.length ?? 0;
    return `Audio ${v.channels.length} ch × ${n} samples at ${v.sampleRate} Hz (${(n / v.sampleRate).toFixed(2)} s)`;
  }
  if (isSpectrogram(v)) return `Spectrogram ${v.bins} bins × ${v.frames} frames`;
  if (isView(v)) return v.caption;
  return undefined;
}

/** A compact one-line description of any value, for consoles and logs. */
export function describeValue(value: unknown, depth = 0): string {
  if (value === null || value === undefined) return String(value);
  switch (typeof value) {
    case "string":
      return depth === 0 && !value.includes("\n") ? clip(value) : clip(JSON.stringify(value));
    case "number":
      return number(value);
    case "bigint":
      return `${value}n`;
    case "boolean":
    case "symbol":
      return String(value);
    case "function":
      return `${/^class\b/.test(Function.prototype.toString.call(value)) ? "class" : "function"} ${value.name || "(anonymous)"}`;
  }
  if (isTypedArray(value)) return `${value.constructor.name}(${value.length}${range(value)})`;
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Map || value instanceof Set) return `${value.constructor.name}(${value.size})`;
  if (typeof (value as { then?: unknown }).then === "function") return "Promise";
  if (typeof (value as { nodeName?: unknown }).nodeName === "string" && typeof (value as { nodeType?: unknown }).nodeType === "number") {
    return `<${String((value as { nodeName: string }).nodeName).toLowerCase()}>`;
  }
  const known = describeKnown(value as Record<string, unknown>);
  if (known) return known;
  if (depth > 0) return Array.isArray(value) ? `Array(${value.length})` : value.constructor?.name && value.constructor !== Object ? value.constructor.name : "{…}";
  if (Array.isArray(value)) {
    const items = value.slice(0, 5).map((v) => describeValue(v, 1));
    return clip(`Array(${value.length}) [${items.join(", ")}${value.length > 5 ? ", …" : ""}]`);
  }
  const entries = Object.entries(value as object);
  const fields = entries.slice(0, 6).map(([k, v]) => `${k}: ${describeValue(v, 1)}`);
  const name = value.constructor && value.constructor !== Object ? `${value.constructor.name} ` : "";
  return clip(`${name}{${fields.join(", ")}${entries.length > 6 ? ", …" : ""}}`);
}
