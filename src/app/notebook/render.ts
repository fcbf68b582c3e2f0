/**
 * How `display(x)` shows a value in the page. Renderers are registered by type and tried newest
 * first, so the visualisation work can add richer ones without touching this file. Types are
 * recognised by shape (an AudioSignal is a plain object), not by class, so values made in a worker
 * or by another copy of the library still render.
 */
import { encodeWav, type AudioSignal } from "../../audio";
import type { Spectrogram } from "../../dsp";
import { formatPeak, isRaster, raster, signalPeak, spectrogramView, type Raster } from "../../viz";
import { drawLossCurve, drawSpectrogram } from "../../viz/dom";
import { isAudioSignal, isSpectrogram } from "../../notebook/shapes";
import type { StepRecord } from "../../train";
import { el } from "../../viz/dom/element";

export interface Renderer {
  name: string;
  test(value: unknown): boolean;
  render(value: unknown, context: RenderContext): Node;
}

export interface RenderContext {
  /** Resolves when the output is cleared (the cell re-ran): renderers that keep updating stop then. */
  cleared: Promise<void>;
}

const renderers: Renderer[] = [];

export function registerRenderer(r: Renderer): void {
  renderers.unshift(r);
}

export function render(value: unknown, context: RenderContext): Node {
  for (const r of renderers) {
    try {
      if (r.test(value)) return r.render(value, context);
    } catch (e) {
      return errorNode(`the ${r.name} view failed: ${(e as Error).message}`);
    }
  }
  return inspect(value);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;


interface TensorLike {
  shape: number[];
  dtype: string;
  size: number;
  dataSync(): Float32Array | Int32Array | Uint8Array;
  isDisposed: boolean;
}
const isTensor = (v: unknown): v is TensorLike => isObject(v) && Array.isArray(v.shape) && typeof v.dtype === "string" && typeof v.dataSync === "function";

interface RunLike {
  records: StepRecord[];
  done: Promise<{ stoppedBy: string; message?: string; step: number }>;
  stop(): Promise<void>;
}
const isTrainingRun = (v: unknown): v is RunLike => isObject(v) && Array.isArray(v.records) && v.done instanceof Promise && typeof v.stop === "function";


export function errorNode(message: string): HTMLElement {
  return el("pre", "output-error", message);
}

const seconds = (s: number) => (s < 60 ? `${s.toFixed(2)} s` : `${Math.floor(s / 60)} min ${(s % 60).toFixed(1)} s`);

// The defaults, least specific first (registerRenderer puts later ones in front).
registerRenderer({
  name: "training run",
  test: isTrainingRun,
  render(value, context) {
    return lossView(value as RunLike, context);
  },
});

registerRenderer({
  name: "tensor",
  test: isTensor,
  render(value) {
    const t = value as TensorLike;
    const box = el("div", "output-tensor");
    if (t.isDisposed) {
      box.append(el("span", "meta", `Tensor (disposed) ${t.dtype} [${t.shape.join(", ")}]`));
      return box;
    }
    const data = t.dataSync();
    let min = Infinity, max = -Infinity, sum = 0;
    for (const x of data) {
      if (x < min) min = x;
      if (x > max) max = x;
      sum += x;
    }
    box.append(el("span", "meta", `Tensor ${t.dtype} [${t.shape.join(", ")}] · min ${min.toPrecision(4)} · max ${max.toPrecision(4)} · mean ${(sum / data.length).toPrecision(4)}`));
    // A 2-D picture when all but two axes are 1: masks and patches are [1, bins, frames, 1].
    const big = t.shape.filter((d) => d > 1);
    if (big.length === 2 && t.dtype === "float32") {
      const [rows, cols] = big;
      // Patches are bin-major ([bin][frame]); the raster wants frame-major.
      const frameMajor = new Float32Array(rows * cols);
      for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) frameMajor[c * rows + r] = data[r * cols + c];
      box.append(drawSpectrogram(spectrogramView(raster(frameMajor, cols, rows, { scale: min >= 0 && max <= 1 ? "linear" : "db" })), { caption: false }));
    }
    return box;
  },
});

registerRenderer({
  name: "raster",
  test: isRaster,
  // Axes in frames and bins (a raster has no rate), hover values, colour and range controls.
  render: (value) => drawSpectrogram(spectrogramView(value as Raster, { title: (value as Raster).title })),
});

registerRenderer({
  name: "spectrogram",
  test: (v) => isSpectrogram(v) && v.re instanceof Float32Array,
  render: (value) => drawSpectrogram(spectrogramView(value as Spectrogram)),
});

registerRenderer({
  name: "audio",
  test: (v) => isAudioSignal(v) && v.channels.length > 0 && v.channels.every((c) => c instanceof Float32Array),
  render(value, context) {
    const s = value as AudioSignal;
    const box = el("div", "output-audio");
    const audio = el("audio");
    audio.controls = true;
    // Float WAV: the true level, never normalised or clipped (two stems keep their loudness ratio).
    const url = URL.createObjectURL(new Blob([encodeWav(s, "float32") as BlobPart], { type: "audio/wav" }));
    audio.src = url;
    // A cell re-run by a slider makes a new WAV each time; the old one goes with its output.
    void context.cleared.then(() => {
      audio.pause();
      URL.revokeObjectURL(url);
    });
    const peak = formatPeak(signalPeak(s.channels));
    box.append(audio, el("span", "meta", `${s.channels.length} ch · ${s.sampleRate} Hz · ${seconds(s.channels[0].length / s.sampleRate)} · peak ${peak}`));
    return box;
  },
});

registerRenderer({
  name: "error",
  test: (v) => v instanceof Error,
  render: (v) => errorNode(String((v as Error).message)),
});

registerRenderer({
  name: "node",
  test: (v) => typeof Node !== "undefined" && v instanceof Node,
  render: (v) => v as Node,
});

/** Anything else: primitives inline, arrays of records as a table, the rest as an expandable tree. */
export function inspect(value: unknown): Node {
  if (value === undefined) return el("span", "inspect undefined", "undefined");
  if (value === null || typeof value !== "object") {
    const text = typeof value === "string" ? JSON.stringify(value) : typeof value === "function" ? `ƒ ${value.name || "(anonymous)"}()` : String(value);
    return el("span", `inspect ${typeof value}`, text);
  }
  if (Array.isArray(value) && value.length > 0 && value.length <= 500 && value.every((r) => isObject(r) && !Array.isArray(r))) return table(value as Record<string, unknown>[]);
  // A short list of numbers or strings reads best as itself.
  if (Array.isArray(value) && value.length <= 50 && value.every((x) => x === null || typeof x !== "object")) {
    const text = `[${value.map((x) => (typeof x === "string" ? JSON.stringify(x) : String(x))).join(", ")}]`;
    if (text.length <= 2000) return el("span", "inspect array", text);
  }
  const details = el("details", "inspect");
  const summary = el("summary");
  summary.textContent = describe(value);
  details.append(summary);
  details.addEventListener("toggle", () => {
    if (details.open && details.children.length === 1) details.append(el("pre", undefined, safeJson(value)));
  }, { once: false });
  return details;
}

function describe(value: object): string {
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${(value as unknown as ArrayLike<number>).length})`;
  if (Array.isArray(value)) return `Array(${value.length})`;
  const keys = Object.keys(value);
  const name = value.constructor && value.constructor !== Object ? value.constructor.name + " " : "";
  return `${name}{${keys.slice(0, 6).join(", ")}${keys.length > 6 ? ", …" : ""}}`;
}

function safeJson(value: unknown): string {
  const seen = new WeakSet();
  return JSON.stringify(
    value,
    (_k, v) => {
      if (ArrayBuffer.isView(v)) {
        const a = v as unknown as ArrayLike<number>;
        return `${v.constructor.name}(${a.length}) [${Array.from({ length: Math.min(8, a.length) }, (_, i) => a[i]).join(", ")}${a.length > 8 ? ", …" : ""}]`;
      }
      if (isObject(v)) {
        if (seen.has(v)) return "[circular]";
        seen.add(v);
      }
      return v;
    },
    2,
  );
}

/** Columns of scores read best with a fixed number of decimals; tiny values keep three digits. */
function tableNumber(v: number): string {
  if (Number.isInteger(v) || !Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && a < 0.01 ? v.toPrecision(3) : a >= 1e5 ? v.toExponential(3) : v.toFixed(2);
}

function table(rows: Record<string, unknown>[]): HTMLElement {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const t = el("table", "output-table");
  const head = t.createTHead().insertRow();
  for (const c of columns) head.append(el("th", undefined, c));
  const body = t.createTBody();
  for (const r of rows) {
    const row = body.insertRow();
    for (const c of columns) {
      const v = r[c];
      const td = row.insertCell();
      td.textContent = typeof v === "number" ? tableNumber(v) : v === undefined ? "" : String(v);
      if (typeof v === "number") td.className = "num";
    }
  }
  return t;
}

/**
 * A training run as it happens: why it ended (or its Stop button) above the live loss chart, which
 * tfjs-vis draws from src/viz (polled, bounded however long the run, redrawn a few times a second).
 */
function lossView(run: RunLike, context: RenderContext): HTMLElement {
  const box = el("div", "output-training");
  const head = el("div", "training-head");
  const status = el("span", "meta", "training…");
  const stop = el("button", "small", "Stop");
  head.append(status, stop);
  const chart = el("div", "training-chart");
  // The chart reads the records only; the Stop button and the outcome are this view's.
  chart.append(drawLossCurve({ get records() { return run.records; }, done: run.done }, { cleared: context.cleared }));
  box.append(head, chart);
  stop.addEventListener("click", () => {
    stop.disabled = true;
    status.textContent = "stopping after this step…";
    void run.stop();
  });
  void run.done.then(
    (outcome) => {
      stop.remove();
      const last = run.records[run.records.length - 1];
      const why = outcome.stoppedBy === "steps" ? "finished" : outcome.stoppedBy === "stop" ? "stopped" : outcome.stoppedBy === "nan" ? "stopped on a NaN loss" : "failed";
      const message = outcome.stoppedBy === "stop" || outcome.stoppedBy === "steps" ? "" : outcome.message ? ` · ${outcome.message}` : "";
      status.textContent = `${why} after ${outcome.step} step${outcome.step === 1 ? "" : "s"}` + (last ? ` · loss ${last.loss.toFixed(3)}` : "") + message;
      if (outcome.stoppedBy === "nan" || outcome.stoppedBy === "error") status.classList.add("bad");
    },
    (e) => {
      stop.remove();
      status.textContent = `failed: ${(e as Error).message}`;
      status.classList.add("bad");
    },
  );
  return box;
}
