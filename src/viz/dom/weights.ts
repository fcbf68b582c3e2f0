import * as Plot from "@observablehq/plot";
import type { KernelHistogram, WeightsView } from "../weights";

export interface WeightsDrawOptions {
  /** Size of each layer's histogram; four fit a 900-px output column. */
  width: number;
  height: number;
}

export const WEIGHTS_DRAW_DEFAULTS: WeightsDrawOptions = { width: 212, height: 130 };

/**
 * A grid of small histograms, one per kernel: one rectangle per precomputed bin (never a mark per
 * weight, so the paper's 9.8 million weights draw as 12 × 40 rectangles), the mean as a rule, and the
 * layer's shape, count, mean and standard deviation above it. Each has its own x range.
 */
export function drawWeights(view: WeightsView, options: Partial<WeightsDrawOptions> = {}): HTMLElement {
  const o = { ...WEIGHTS_DRAW_DEFAULTS, ...options };
  const figure = document.createElement("figure");
  figure.className = "viz-weights";
  figure.dataset.view = "weights";
  const grid = document.createElement("div");
  grid.className = "viz-weights-grid";
  grid.style.gridTemplateColumns = `repeat(auto-fill, ${o.width}px)`;
  for (const layer of view.layers) grid.append(cell(layer, o));
  const caption = document.createElement("figcaption");
  caption.className = "viz-wt-caption";
  caption.textContent = view.caption;
  const legend = document.createElement("div");
  legend.className = "viz-wt-muted";
  legend.textContent = "bars: kernel values per bin, each layer over its own range · orange rule: the mean";
  figure.append(legend, grid, caption);
  return figure;
}

function cell(layer: KernelHistogram, o: WeightsDrawOptions): HTMLElement {
  const box = document.createElement("div");
  box.className = "viz-weights-cell";
  box.dataset.layer = layer.layer;
  const title = document.createElement("div");
  title.className = "viz-weights-title";
  const name = document.createElement("strong");
  name.textContent = layer.layer;
  const shape = document.createElement("span");
  shape.className = "viz-wt-muted";
  shape.textContent = ` [${layer.shape.join("×")}]`;
  title.append(name, shape);
  title.title = `${layer.layer}: ${layer.type}, kernel ${layer.shape.join(" × ")} · min ${fmt(layer.min)} · max ${fmt(layer.max)}`;
  const stats = document.createElement("div");
  stats.className = "viz-weights-stats";
  stats.textContent = `n ${group(layer.count)} · mean ${fmt(layer.mean)} · std ${fmt(layer.std)}`;
  const bins = layer.counts.map((count, k) => ({ x1: layer.edges[k], x2: layer.edges[k + 1], count }));
  const chart = Plot.plot({
    width: o.width,
    height: o.height,
    marginLeft: 40,
    marginRight: 10,
    marginBottom: 30,
    marginTop: 20,
    style: { fontSize: "11px", background: "transparent", overflow: "visible" },
    x: { label: "weight", ticks: 3, tickFormat: "~g", labelAnchor: "right" },
    y: { label: "count", ticks: 3, grid: true, tickFormat: "~s", labelAnchor: "top" },
    marks: [
      Plot.rectY(bins, { x1: "x1", x2: "x2", y: "count", fill: "#6b3fa0", insetLeft: 0.5, insetRight: 0.5 }),
      Plot.ruleY([0]),
      Plot.ruleX([layer.mean], { stroke: "#d97706", strokeWidth: 1.5 }),
    ],
  });
  box.append(title, stats, chart);
  return box;
}

const group = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
const fmt = (x: number) => (x === 0 ? "0" : Math.abs(x) >= 0.01 ? x.toFixed(3) : x.toExponential(1)).replace(/^-/, "−");
