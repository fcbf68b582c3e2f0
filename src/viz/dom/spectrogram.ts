import * as Plot from "@observablehq/plot";
import { COLORMAPS, type Colormap } from "../colormap";
import { logRowRanges, maxPool, maxPoolRows, type Pooled } from "../downsample";
import { rasterPixels } from "../raster";
import { formatDb, type SpectrogramView } from "../spectrogram-view";
import { axesFrame, devicePixels, element } from "./axes-frame";

export interface DrawSpectrogramOptions {
  /** Total width in CSS pixels (default 860: fits the 900-px notebook column). */
  width?: number;
  /** Height of the picture with its axes (default 300). */
  height?: number;
  /** Scale, colour and range controls (default true). */
  controls?: boolean;
  /** Colour legend with its unit (default true). */
  legend?: boolean;
  /** The view's caption under the picture (default true). */
  caption?: boolean;
  /** The view's title above the picture (default true). */
  title?: boolean;
  /** Where the hover read-out is written (default: a span in the picture's head row). */
  readout?: HTMLElement;
}

/** What the drawn element offers besides being an element. */
export interface SpectrogramElement extends HTMLElement {
  /** A vertical line at this time (seconds, or frames on a frame axis); null hides it. */
  setPlayhead(at: number | null): void;
  /** Repaints with other display settings, without touching the data. */
  setDisplay(settings: Partial<DisplaySettings>): void;
  display(): DisplaySettings;
  /** The read-out for a point in axis units (what hovering there shows). */
  readout(time: number, frequency: number): string;
}

export interface DisplaySettings {
  scale: "db" | "linear";
  colormap: string;
  range: number;
  /** The frequency axis: linear, or log (Hz axes only; from LOG_LOW_HZ up). */
  frequency: "linear" | "log";
}

/** Where a log-frequency axis starts: below ~30 Hz an 8192 Hz STFT has one bin per octave or less. */
export const LOG_LOW_HZ = 30;

/** Emitted (bubbling) on a click in the picture, so a player can seek there. */
export const SEEK_EVENT = "viz-seek";

/**
 * Draws a SpectrogramView: the pixels in a canvas (max-pooled once more to the drawn size, so each
 * screen pixel shows the loudest cell under it), Plot axes in seconds and Hz, a colour legend, scale
 * / colour map / range controls that only repaint, a hover read-out of time, frequency and value,
 * and `setPlayhead`.
 */
export function drawSpectrogram(view: SpectrogramView, options: DrawSpectrogramOptions = {}): SpectrogramElement {
  const width = options.width ?? 860;
  const height = options.height ?? 300;
  const box = element("figure", "viz-spectrogram") as unknown as SpectrogramElement;
  box.style.width = `${width}px`;
  const seconds = view.time.unit === "s";
  const hz = view.frequency.unit === "Hz";
  const logLow = Math.max(LOG_LOW_HZ, view.frequency.start);
  const canLog = hz && view.frequency.end > 4 * logLow;
  const settings: DisplaySettings = { scale: view.scale, colormap: view.colormap, range: view.range, frequency: canLog ? view.frequencyScale ?? "linear" : "linear" };
  const yAxis = (type: "linear" | "log") => ({
    domain: (type === "log" ? [logLow, view.frequency.end] : [view.frequency.start, view.frequency.end]) as [number, number],
    label: hz ? "frequency (Hz)" : "bin",
    type,
    // Plain numbers ("4000"): thousands separators crowd the narrow margin.
    tickFormat: (v: number) => String(v),
    ticks: type === "log" ? 6 : undefined,
  });
  const frame = axesFrame({
    width,
    height,
    x: { domain: [view.time.start, view.time.end], label: seconds ? "time (s)" : "frame" },
    y: yAxis(settings.frequency),
  });
  const { canvas, area } = frame;
  canvas.classList.add("viz-raster");
  // Pool once more to the drawn pixel size: the canvas is never asked to shrink an image (which
  // would average away one-frame events), only to enlarge one, crisply. On a log axis each pixel
  // row gathers the bins of its own frequency band.
  const target = devicePixels(area);
  const poolFor = (frequency: "linear" | "log"): Pooled => {
    if (frequency === "linear") return maxPool(view.values, view.columns, view.rows, target.width, target.height);
    const { from, to } = logRowRanges(view.rows, view.frequency.start, view.frequency.end, target.height, logLow);
    return maxPoolRows(view.values, view.columns, view.rows, target.width, from, to);
  };
  let grid: Pooled = poolFor(settings.frequency);
  let pooledFor = settings.frequency;
  const ctx = canvas.getContext("2d")!;

  const head = element("div", "viz-head");
  if (view.title && (options.title ?? true)) head.append(element("span", "viz-title", view.title));
  const readout = options.readout ?? element("span", "viz-readout");
  readout.textContent = "hover for values";
  const legendBox = element("div", "viz-legend");

  const top = linearTop(view);
  function paint(): void {
    if (pooledFor !== settings.frequency) {
      grid = poolFor(settings.frequency);
      pooledFor = settings.frequency;
      frame.setY(yAxis(settings.frequency));
    }
    canvas.width = grid.columns;
    canvas.height = grid.rows;
    const colormap = COLORMAPS[settings.colormap];
    const max = settings.scale === "db" ? view.reference : top;
    const pixels = rasterPixels(grid.values, grid.columns, grid.rows, { scale: settings.scale, range: settings.range, max, colormap });
    ctx.putImageData(new ImageData(pixels, grid.columns, grid.rows), 0, 0);
    if (options.legend ?? true) legendBox.replaceChildren(colorLegend(view, settings));
  }

  function valueText(v: number): string {
    return settings.scale === "db" ? formatDb(v, view.reference, view.unit) : `${Number((v / view.reference).toPrecision(3))} ${linearUnit(view)}`;
  }

  function readAt(px: number, py: number): string {
    const col = Math.min(grid.columns - 1, Math.max(0, Math.floor((px / area.width) * grid.columns)));
    const row = Math.min(grid.rows - 1, Math.max(0, Math.floor(((area.height - py) / area.height) * grid.rows)));
    const t = frame.xValue(px);
    const f = frame.yValue(py);
    const time = seconds ? `t = ${t.toFixed(2)} s` : `frame ${Math.round(t)}`;
    const freq = hz ? `f = ${Math.round(f)} Hz` : `bin ${Math.round(f)}`;
    return `${time} · ${freq} · ${valueText(grid.values[col * grid.rows + row])}`;
  }

  canvas.addEventListener("mousemove", (e) => {
    readout.textContent = readAt(e.offsetX, e.offsetY);
  });
  canvas.addEventListener("mouseleave", () => {
    readout.textContent = "hover for values";
  });
  canvas.addEventListener("click", (e) => {
    if (seconds) box.dispatchEvent(new CustomEvent(SEEK_EVENT, { bubbles: true, detail: { seconds: frame.xValue(e.offsetX) } }));
  });

  if (options.controls ?? true) head.append(controls(settings, (next) => box.setDisplay(next), canLog));
  if (!options.readout) head.append(readout);
  if (head.childElementCount > 0) box.append(head);
  box.append(frame.root);
  if (options.legend ?? true) box.append(legendBox);
  if (options.caption ?? true) box.append(element("figcaption", "viz-caption", view.caption));

  box.setPlayhead = (at) => frame.setPlayhead(at);
  box.setDisplay = (next) => {
    if (next.colormap !== undefined && !COLORMAPS[next.colormap]) throw new Error(`unknown colormap "${next.colormap}"; use one of ${Object.keys(COLORMAPS).join(", ")}`);
    if (next.frequency === "log" && !canLog) throw new Error(hz ? `a log frequency axis needs frequencies above ${4 * logLow} Hz` : "a log frequency axis needs an axis in Hz (give the view a sample rate)");
    Object.assign(settings, next);
    paint();
    for (const input of box.querySelectorAll<HTMLInputElement | HTMLSelectElement>("[data-setting]")) {
      const value = String(settings[input.dataset.setting as keyof DisplaySettings]);
      if (input.value !== value) input.value = value;
    }
    box.classList.toggle("viz-linear", settings.scale === "linear");
    const rangeText = box.querySelector(".viz-range-value");
    if (rangeText) rangeText.textContent = `${settings.range} dB`;
  };
  box.display = () => ({ ...settings });
  box.readout = (t, f) => {
    const px = ((t - view.time.start) / (view.time.end - view.time.start)) * area.width;
    return readAt(px, frame.yPixel(f));
  };
  box.setDisplay({});
  return box;
}

/** Scale, colour map and dB range: inputs tagged with the setting they change. */
function controls(settings: DisplaySettings, change: (next: Partial<DisplaySettings>) => void, canLog: boolean): HTMLElement {
  const row = element("span", "viz-controls");
  const select = (setting: "scale" | "colormap" | "frequency", label: string, choices: [string, string][]) => {
    const wrap = element("label", undefined, `${label} `);
    const s = element("select");
    s.dataset.setting = setting;
    for (const [value, text] of choices) s.append(new Option(text, value));
    s.value = settings[setting];
    s.addEventListener("change", () => change({ [setting]: s.value }));
    wrap.append(s);
    return wrap;
  };
  const rangeWrap = element("label", "viz-range", "range ");
  const range = element("input");
  Object.assign(range, { type: "range", min: "20", max: "120", step: "5", value: String(settings.range) });
  range.dataset.setting = "range";
  range.addEventListener("input", () => change({ range: Number(range.value) }));
  rangeWrap.append(range, element("span", "viz-range-value", `${settings.range} dB`));
  row.append(
    ...(canLog ? [select("frequency", "frequency", [["linear", "linear"], ["log", "log"]])] : []),
    select("scale", "scale", [["db", "dB"], ["linear", "linear"]]),
    select("colormap", "colours", Object.keys(COLORMAPS).map((n) => [n, n])),
    rangeWrap,
  );
  return row;
}

/**
 * The value at the top of the linear colour scale. Masks and rasters with a given reference keep
 * it (a mask that never passes 0.5 must look it); a magnitude's linear picture would be nearly black
 * under a full-scale reference, so it spans 0 to the view's largest value, and the legend's
 * numbers (in units of the reference) say so.
 */
function linearTop(view: SpectrogramView): number {
  if (view.unit !== "dBFS") return view.reference;
  let max = 0;
  for (const v of view.values) if (v > max) max = v;
  return max > 0 ? max : view.reference;
}

function linearUnit(view: SpectrogramView): string {
  return view.unit === "dBFS" ? "× full scale" : view.unit === "dB re max" ? "× max" : "";
}

function cssColor(colormap: Colormap, t: number): string {
  const i = Math.round(255 * Math.min(1, Math.max(0, t))) * 3;
  return `rgb(${colormap.table[i]}, ${colormap.table[i + 1]}, ${colormap.table[i + 2]})`;
}

/** A colour ramp from the same lookup table the pixels use, labelled in the view's unit. */
export function colorLegend(view: SpectrogramView, settings: Pick<DisplaySettings, "scale" | "colormap" | "range">): Element {
  const colormap = COLORMAPS[settings.colormap];
  const linear = settings.scale === "linear";
  const label = linear ? (view.unit === "dBFS" ? "|X| ÷ full-scale sine" : view.unit === "dB re max" ? "value ÷ max" : "value") : view.unit;
  return Plot.legend({
    color: {
      type: "linear",
      domain: linear ? [0, Number((linearTop(view) / view.reference).toPrecision(3))] : [-settings.range, 0],
      interpolate: (t: number) => cssColor(colormap, t),
    },
    label,
    // Side margins keep the end labels ("−80") inside the figure.
    width: 310,
    marginLeft: 15,
    marginRight: 15,
    ticks: 5,
    tickFormat: linear ? undefined : (d: number) => (d < 0 ? `−${-d}` : String(d)),
    style: { fontSize: "11px", background: "transparent" },
  });
}
