import type { ActivationsView, FeatureMap, LayerMaps, MaskStage } from "../activations";
import { magma, viridis, type Colormap } from "../colormap";
import { rasterPixels } from "../raster";
import { el } from "./element";

/** Sizes in CSS pixels; the defaults fit 16 maps a row and the strip in a 900-px output column. */
export interface ActivationsDrawOptions {
  /** Each feature map's drawn size. */
  mapWidth: number;
  mapHeight: number;
  /** Each picture of the mask-forming strip. */
  stageWidth: number;
  stageHeight: number;
  /** Colours of maps on their own range (the input and the mask use magma, as spectrograms and masks do elsewhere). */
  colormap: Colormap;
}

export const ACTIVATIONS_DRAW_DEFAULTS: ActivationsDrawOptions = { mapWidth: 48, mapHeight: 64, stageWidth: 112, stageHeight: 150, colormap: viridis };

/**
 * The activations view as a figure: first the mask forming (input → each decoder stage → the mask),
 * then one labelled row per layer (name, type, shape) of its most active feature maps, encoder then
 * decoder. Each map is painted at its stored resolution and scaled up without smoothing, so a coarse
 * deep layer shows as the blocks it is.
 */
export function drawActivations(view: ActivationsView, options: Partial<ActivationsDrawOptions> = {}): HTMLElement {
  const o = { ...ACTIVATIONS_DRAW_DEFAULTS, ...options };
  const figure = el("figure", "viz-activations");
  figure.dataset.view = "activations";

  const strip = el("div", "viz-act-strip");
  for (const stage of view.maskForming) strip.append(stageCell(stage, o));
  figure.append(
    heading("The mask forming", "input in dB · decoder stages: mean over channels, each on its own range · mask on a fixed 0–1 scale"),
    strip,
    heading("Feature maps", `up to ${view.maxChannels} channels per layer, most active (mean |activation|) first · each map on its own range, ▾ min dark to ▴ max bright`),
  );
  for (const layer of view.layers) figure.append(layerRow(layer, o));
  figure.append(el("figcaption", "viz-act-caption", view.caption));
  return figure;
}

function layerRow(layer: LayerMaps, o: ActivationsDrawOptions): HTMLElement {
  const row = el("section", `viz-act-layer viz-act-${layer.part}`);
  row.dataset.layer = layer.name;
  const [bins, frames, channels] = layer.shape;
  const pooled = layer.pooled[0] > 1 || layer.pooled[1] > 1 ? ` · drawn as ${layer.bins}×${layer.frames} (block means of ${layer.pooled[0]}×${layer.pooled[1]})` : "";
  const head = el("div", "viz-act-head");
  head.append(el("strong", undefined, layer.name), el("span", "viz-act-muted", ` ${layer.type} · ${bins} bins × ${frames} frames × ${channels} ch · ${layer.maps.length} shown${pooled}`));
  const maps = el("div", "viz-act-maps");
  for (const map of layer.maps) maps.append(mapCell(map, layer, o));
  row.append(head, maps);
  return row;
}

function mapCell(map: FeatureMap, layer: LayerMaps, o: ActivationsDrawOptions): HTMLElement {
  const cell = el("div", "viz-act-map");
  cell.dataset.channel = String(map.channel);
  cell.title = `${layer.name}, channel ${map.channel}: mean |a| ${num(map.meanAbs)} · min ${num(map.min)} · max ${num(map.max)}`;
  const canvas = paint(map.values, layer.frames, layer.bins, map.min, map.max, o.colormap);
  size(canvas, o.mapWidth, o.mapHeight);
  cell.style.width = `${o.mapWidth}px`;
  cell.append(canvas, el("span", "viz-act-ch", `#${map.channel}`), el("span", "viz-act-range", `▴${compact(map.max)}`), el("span", "viz-act-range", `▾${compact(map.min)}`));
  return cell;
}

function stageCell(stage: MaskStage, o: ActivationsDrawOptions): HTMLElement {
  const cell = el("div", `viz-act-stage viz-act-stage-${stage.scale}`);
  cell.dataset.layer = stage.layer;
  let canvas: HTMLCanvasElement;
  if (stage.scale === "db") canvas = pixels(rasterPixels(stage.values, stage.frames, stage.bins, { scale: "db", range: 80, max: stage.max, colormap: magma }), stage.frames, stage.bins);
  else if (stage.scale === "unit") canvas = pixels(rasterPixels(clamp01(stage.values), stage.frames, stage.bins, { scale: "linear", max: 1, colormap: magma }), stage.frames, stage.bins);
  else canvas = paint(stage.values, stage.frames, stage.bins, stage.min, stage.max, o.colormap);
  size(canvas, o.stageWidth, o.stageHeight);
  cell.style.width = `${o.stageWidth}px`;
  const [rb, rf] = stage.resolution;
  cell.title = `${stage.label}: ${stage.note}, ${rb} bins × ${rf} frames, min ${num(stage.min)}, max ${num(stage.max)}`;
  cell.append(canvas, el("span", "viz-act-stage-label", stage.label), el("span", "viz-act-stage-note", `${rb} bins × ${rf} frames · ${stage.note}`));
  if (stage.scale !== "db") cell.append(el("span", "viz-act-stage-note", `values ${short(stage.min)} to ${short(stage.max)}`));
  if (stage.correlation !== undefined) cell.append(el("span", "viz-act-stage-r", `r = ${minus(stage.correlation.toFixed(2))} with the mask`));
  return cell;
}

/** Frame-major values on their own [min, max], painted through `colormap` (min dark, max bright). */
function paint(values: Float32Array, frames: number, bins: number, min: number, max: number, colormap: Colormap): HTMLCanvasElement {
  const shifted = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) shifted[i] = values[i] - min;
  // A constant map (a dead channel) has no range: max 0 paints it dark, the picture of "nothing here".
  return pixels(rasterPixels(shifted, frames, bins, { scale: "linear", max: Math.max(0, max - min), colormap }), frames, bins);
}

function clamp01(values: Float32Array): Float32Array {
  return values.map((v) => Math.min(1, Math.max(0, v)));
}

function pixels(data: Uint8ClampedArray<ArrayBuffer>, width: number, height: number): HTMLCanvasElement {
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  canvas.getContext("2d")!.putImageData(new ImageData(data, width, height), 0, 0);
  return canvas;
}

function size(canvas: HTMLCanvasElement, width: number, height: number): void {
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
}

function heading(title: string, note: string): HTMLElement {
  const h = el("div", "viz-act-heading");
  h.append(el("strong", undefined, title), el("span", "viz-act-muted", ` ${note}`));
  return h;
}


const minus = (s: string) => s.replace(/^-/, "−");

/** Four significant digits, for tooltips. */
const num = (x: number) => minus(x === 0 ? "0" : Math.abs(x) >= 1e4 || Math.abs(x) < 1e-3 ? x.toExponential(2) : x.toPrecision(4));

/** Two significant digits, for the strip's ranges. */
const short = (x: number) => minus(x === 0 ? "0" : Math.abs(x) >= 1e4 || Math.abs(x) < 1e-3 ? x.toExponential(1).replace("e+", "e") : String(Number(x.toPrecision(2)))).replace("e-", "e−");

/** At most about five characters, for labels under 48-px maps: 0, .05, −.12, 1.5, 12, 3e−4, 2e+3. */
export function compact(x: number): string {
  if (x === 0) return "0";
  const a = Math.abs(x);
  let s: string;
  if (a >= 1000 || a < 0.01) s = x.toExponential(0).replace("e+", "e");
  else if (a >= 10) s = x.toFixed(0);
  else if (a >= 1) s = x.toFixed(1);
  else s = x.toFixed(2).replace(/^(-?)0\./, "$1.");
  return minus(s).replace("e-", "e−");
}
