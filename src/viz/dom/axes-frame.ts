import * as Plot from "@observablehq/plot";

/**
 * A plot area with Plot-drawn axes around a canvas. Dense data (spectrogram pixels, waveform
 * envelopes) is painted into the canvas at the drawn pixel size; Plot draws only the frame, ticks
 * and labels, so a redraw costs the same for 10 frames or 10 000. Shared by the spectrogram and
 * waveform drawers, which also share the playhead drawn here.
 */
export interface AxisOptions {
  domain: [number, number];
  label: string;
  /** Draw this axis (ticks and label); default true. */
  axis?: boolean;
  ticks?: number;
  tickFormat?: (v: number) => string;
  /** "log" spaces the axis by ratios (the domain must be positive); default "linear". */
  type?: "linear" | "log";
}

export interface FrameOptions {
  width: number;
  height: number;
  marginLeft?: number;
  marginRight?: number;
  marginTop?: number;
  marginBottom?: number;
  x: AxisOptions;
  y: AxisOptions;
}

export interface AxesFrame {
  /** position: relative box holding the axes, the canvas and overlays. */
  root: HTMLDivElement;
  canvas: HTMLCanvasElement;
  /** The plot area inside root, in CSS pixels. */
  area: { left: number; top: number; width: number; height: number };
  xDomain(): [number, number];
  /** Re-draws the x axis for a new domain (zoom, pan). */
  setX(domain: [number, number]): void;
  /** CSS pixel within the area for an x value, and back. */
  xPixel(v: number): number;
  xValue(px: number): number;
  yValue(px: number): number;
  /** CSS pixel from the area's top for a y value. */
  yPixel(v: number): number;
  /** Re-draws the y axis (another domain or type). */
  setY(axis: AxisOptions): void;
  /** A vertical line at x = v (seconds on a time axis); null hides it. */
  setPlayhead(v: number | null): void;
}


export function axesFrame(options: FrameOptions): AxesFrame {
  const { width, height } = options;
  const m = { left: options.marginLeft ?? 62, right: options.marginRight ?? 14, top: options.marginTop ?? 8, bottom: options.marginBottom ?? 34 };
  const area = { left: m.left, top: m.top, width: width - m.left - m.right, height: height - m.top - m.bottom };
  const root = document.createElement("div");
  root.className = "viz-frame";
  root.style.width = `${width}px`;
  root.style.height = `${height}px`;
  const canvas = document.createElement("canvas");
  canvas.className = "viz-canvas";
  Object.assign(canvas.style, { left: `${area.left}px`, top: `${area.top}px`, width: `${area.width}px`, height: `${area.height}px` });
  const playhead = document.createElement("div");
  playhead.className = "viz-playhead";
  Object.assign(playhead.style, { top: `${area.top}px`, height: `${area.height}px`, display: "none" });
  let x = options.x;
  let y = options.y;
  let axes: Element = draw();
  root.append(axes, canvas, playhead);
  let playheadAt: number | null = null;

  function draw(): Element {
    const axis = (a: AxisOptions) => ({
      domain: a.domain,
      label: a.label,
      labelArrow: "none" as const,
      labelAnchor: "center" as const,
      axis: a.axis === false ? null : undefined,
      ticks: a.ticks,
      tickFormat: a.tickFormat,
      type: a.type ?? "linear",
    });
    const svg = Plot.plot({
      width,
      height,
      marginLeft: m.left,
      marginRight: m.right,
      marginTop: m.top,
      marginBottom: m.bottom,
      style: { fontSize: "11px", background: "transparent", overflow: "visible" },
      x: { ...axis(x), inset: 0, labelOffset: 30 },
      y: { ...axis(y), inset: 0, labelOffset: m.left - 10 },
      marks: [Plot.frame({ stroke: "#c9c3b8" })],
    });
    svg.classList.add("viz-axes");
    return svg;
  }

  const frame: AxesFrame = {
    root,
    canvas,
    area,
    xDomain: () => [x.domain[0], x.domain[1]],
    setX(domain) {
      x = { ...x, domain };
      const next = draw();
      axes.replaceWith(next);
      axes = next;
      frame.setPlayhead(playheadAt);
    },
    xPixel: (v) => ((v - x.domain[0]) / (x.domain[1] - x.domain[0])) * area.width,
    xValue: (px) => x.domain[0] + (px / area.width) * (x.domain[1] - x.domain[0]),
    yValue(px) {
      const [lo, hi] = y.domain;
      const u = (area.height - px) / area.height;
      return y.type === "log" ? lo * (hi / lo) ** u : lo + u * (hi - lo);
    },
    yPixel(v) {
      const [lo, hi] = y.domain;
      const u = y.type === "log" ? Math.log(v / lo) / Math.log(hi / lo) : (v - lo) / (hi - lo);
      return area.height - u * area.height;
    },
    setY(axis) {
      y = axis;
      const next = draw();
      axes.replaceWith(next);
      axes = next;
    },
    setPlayhead(v) {
      playheadAt = v;
      const px = v === null ? NaN : frame.xPixel(v);
      if (!(px >= 0 && px <= area.width)) {
        playhead.style.display = "none";
        return;
      }
      playhead.style.display = "";
      // A transform moves the line without relayout, 60 times a second while playing.
      playhead.style.transform = `translateX(${(area.left + px).toFixed(2)}px)`;
      playhead.dataset.seconds = String(v);
    },
  };
  return frame;
}

/** A canvas sized to `columns × rows` device pixels at most the area's, for painting data 1:1. */
export function devicePixels(area: { width: number; height: number }): { width: number; height: number } {
  const dpr = typeof devicePixelRatio === "number" && devicePixelRatio > 0 ? devicePixelRatio : 1;
  return { width: Math.round(area.width * dpr), height: Math.round(area.height * dpr) };
}

export { el as element } from "./element";
