import type * as tf from "@tensorflow/tfjs";
import type { Point2D } from "@tensorflow/tfjs-vis";
import { summarizeModel } from "../../model";
import type { StepRecord } from "../../train";
import { isView } from "../view";
import { LOSS_SERIES_DEFAULTS, LossSeries, type LossCurveView } from "../loss-series";
import { el } from "./element";

/**
 * Training views drawn by tfjs-vis: a live loss chart and the model summary. tfjs-vis (with vega) is
 * large and browser-only, so it is imported on first use, never at this module's import.
 */
const loadVis = () => import("@tensorflow/tfjs-vis");

/** A training run as src/session's startTraining returns it (only what the chart reads). */
export interface RunLike {
  records: StepRecord[];
  done: Promise<unknown>;
  stop?(): Promise<void>;
}

export interface LossCurveOptions {
  /** Points per series at most (default 500); longer histories are averaged into buckets. */
  maxPoints: number;
  width: number;
  height: number;
  /** Least time between redraws of a live run, ms (default 500: two a second). */
  refreshMs: number;
  /** Draw into the tfjs-vis visor (a panel at the page's side) instead of this element. */
  visor: boolean;
  /** Resolves when the output is cleared: a live chart stops polling then. */
  cleared?: Promise<void>;
}

export const LOSS_CURVE_DEFAULTS: LossCurveOptions = { maxPoints: LOSS_SERIES_DEFAULTS.maxPoints, width: 640, height: 240, refreshMs: 500, visor: false };

const COLORS = { train: "#6b3fa0", validation: "#d97706" };
const VISOR_SURFACE = { name: "Loss", tab: "Training" };

/**
 * The L1 loss, train and validation together, as a tfjs-vis line chart. Given a run, it polls
 * `run.records` (so any number of views can watch one run) and redraws at most every `refreshMs`
 * while the run is live, adding only the new records to a bounded LossSeries: a 100 000-step run
 * draws as fast as a 100-step one. Given records or a loss view, it draws once.
 *
 * tfjs-vis's linechart plots points by their index, not their x, so each series is laid on the
 * series' buckets from step 0 (empty buckets left out of the line) and the axis says the bucket's
 * width: "step" while every step is a point, then "step (×10)", "step (×100)", … The element's
 * `data-renders`, `data-points` and `data-step` say what the chart last drew.
 */
export function drawLossCurve(source: RunLike | readonly StepRecord[] | LossCurveView, options: Partial<LossCurveOptions> = {}): HTMLElement {
  const o = { ...LOSS_CURVE_DEFAULTS, ...options };
  const box = el("div", "viz-loss");
  box.dataset.view = "loss";
  box.dataset.renders = "0";
  const head = el("div", "viz-loss-head");
  const status = el("span", "viz-loss-status", "loading tfjs-vis…");
  const visorButton = el("button", "small", o.visor ? "Show here" : "Show in visor");
  head.append(status);
  const chart = el("div", "viz-loss-chart");
  chart.style.width = `${o.width}px`;
  chart.style.minHeight = `${o.height}px`;
  box.append(head, chart);

  const run = isRun(source) ? source : undefined;
  const series = new LossSeries({ maxPoints: o.maxPoints });
  let fixed: LossCurveView | undefined = isView(source, "loss") ? (source as LossCurveView) : undefined;
  if (!run && !fixed) fixed = series.addAll(source as readonly StepRecord[]).view();
  let seen = 0;
  let inVisor = o.visor;
  let rendering = false;
  let dirty = true;
  let live = run !== undefined;

  const current = (): LossCurveView => {
    if (fixed) return fixed;
    const records = run!.records;
    if (records.length < seen) {
      // The array was replaced by a shorter one (a new run in the same variable): start over.
      series.reset();
      seen = 0;
    }
    for (; seen < records.length; seen++) series.add(records[seen]);
    return series.view();
  };

  const draw = async () => {
    if (rendering || !dirty) return;
    rendering = true;
    dirty = false;
    try {
      const view = current();
      const vis = await loadVis();
      const { data, xLabel } = chartData(view);
      status.textContent = statusLine(view, run !== undefined, live);
      box.dataset.points = String(view.train.length);
      box.dataset.step = view.last ? String(view.last.step + 1) : "0";
      if (view.train.length === 0 && view.validation.length === 0) {
        chart.replaceChildren(el("div", "viz-loss-empty", "no steps yet"));
      } else {
        const opts = { xLabel, yLabel: "L1 loss", width: o.width, height: o.height, zoomToFit: true, fontSize: 11, seriesColors: data.series.map((s) => COLORS[s as keyof typeof COLORS]) };
        if (inVisor) {
          const visor = vis.visor();
          visor.open();
          await vis.render.linechart(visor.surface(VISOR_SURFACE), data, opts);
          chart.replaceChildren(el("div", "viz-loss-empty", "shown in the tfjs-vis visor"));
        } else {
          await vis.render.linechart(chart, data, opts);
        }
      }
      box.dataset.renders = String(Number(box.dataset.renders) + 1);
      if (!head.contains(visorButton)) head.append(visorButton);
    } catch (e) {
      status.textContent = `the loss chart failed: ${(e as Error).message}`;
      status.classList.add("viz-loss-bad");
    } finally {
      rendering = false;
    }
  };

  visorButton.addEventListener("click", () => {
    inVisor = !inVisor;
    visorButton.textContent = inVisor ? "Show here" : "Show in visor";
    if (!inVisor) void loadVis().then((vis) => vis.visor().close());
    dirty = true;
    void draw();
  });

  if (run) {
    const stopButton = typeof run.stop === "function" ? el("button", "small", "Stop") : undefined;
    if (stopButton) {
      head.append(stopButton);
      stopButton.addEventListener("click", () => {
        stopButton.disabled = true;
        status.textContent = "stopping after this step…";
        void run.stop!();
      });
    }
    let wasConnected = false;
    const timer = setInterval(() => {
      // A chart taken off the page stops polling (one not yet put on it keeps going).
      if (box.isConnected) wasConnected = true;
      else if (wasConnected) return end();
      if (run.records.length !== seen) dirty = true;
      void draw();
    }, o.refreshMs);
    const end = () => clearInterval(timer);
    void o.cleared?.then(end);
    void run.done.then(
      () => {
        live = false;
        end();
        stopButton?.remove();
        dirty = true;
        // A draw in progress would skip this one: wait for it, then draw the final state.
        const settle = () => (rendering ? setTimeout(settle, 20) : void draw());
        settle();
      },
      () => end(),
    );
  }
  void draw();
  return box;
}

function isRun(v: unknown): v is RunLike {
  return typeof v === "object" && v !== null && !Array.isArray(v) && Array.isArray((v as RunLike).records) && (v as RunLike).done instanceof Promise;
}

/**
 * The series on one grid of buckets from step 0, as tfjs-vis's linechart wants them: every series
 * the same length, the point at index i for bucket i; y is null outside a series' measured span.
 */
export function chartData(view: LossCurveView): { data: { values: Point2D[][]; series: string[] }; xLabel: string } {
  const grid = (points: LossCurveView["train"]) => {
    const ys: (number | null)[] = new Array(view.buckets).fill(null);
    // vega-lite breaks a line at a missing value, so validation measured every 50 steps would be
    // isolated dots too small to see: between two measured buckets the line runs straight, as a
    // line chart draws it anyway; before the first and after the last there is nothing.
    points.forEach((p, i) => {
      ys[p.bucket] = p.loss;
      const next = points[i + 1];
      if (!next) return;
      for (let b = p.bucket + 1; b < next.bucket; b++) ys[b] = p.loss + ((next.loss - p.loss) * (b - p.bucket)) / (next.bucket - p.bucket);
    });
    return ys.map((y, x) => ({ x, y }) as Point2D);
  };
  const values = [grid(view.train)];
  const series = ["train"];
  if (view.validation.length) {
    values.push(grid(view.validation));
    series.push("validation");
  }
  const xLabel = view.bucketSteps === 1 ? "step" : `step (×${String(view.bucketSteps).replace(/\B(?=(\d{3})+(?!\d))/g, ",")})`;
  return { data: { values, series }, xLabel };
}

function statusLine(view: LossCurveView, isRun: boolean, live: boolean): string {
  const last = view.last;
  if (!last) return isRun ? "waiting for the first step…" : "no steps";
  const parts = [`step ${last.step + 1}`, `loss ${Number.isFinite(last.loss) ? last.loss.toFixed(4) : String(last.loss)}`];
  const lastValid = view.validation.at(-1);
  if (lastValid) parts.push(`validation ${lastValid.loss.toFixed(4)}`);
  if (view.bucketSteps > 1) parts.push(`points average ${view.bucketSteps} steps`);
  if (isRun && !live) parts.push("run ended");
  return parts.join(" · ");
}

/**
 * tfjs-vis's model summary table (layer, output shape, parameters, trainable) inside the element,
 * under a line of totals. The table fills in once tfjs-vis has loaded; the element's `data-ready`
 * is then "true".
 */
export function drawModelSummary(model: tf.LayersModel): HTMLElement {
  const figure = el("figure", "viz-summary");
  figure.dataset.view = "summary";
  const summary = summarizeModel(model);
  const group = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const table = el("div", "viz-summary-table");
  const caption = el(
    "figcaption",
    "viz-summary-caption",
    `Model "${summary.name}": ${summary.layers.length} layers · ${group(summary.trainableParams)} trainable parameters · ${group(summary.nonTrainableParams)} non-trainable (batch norm statistics)`,
  );
  figure.append(table, caption);
  void loadVis().then(
    async (vis) => {
      await vis.show.modelSummary(table, model);
      figure.dataset.ready = "true";
    },
    (e) => {
      table.textContent = `tfjs-vis failed to load: ${(e as Error).message}`;
    },
  );
  return figure;
}

