import { formatPeak, pyramidEnvelope, type WaveformView } from "../waveform";
import { axesFrame, devicePixels, element, type AxesFrame } from "./axes-frame";
import { SEEK_EVENT } from "./spectrogram";

export interface DrawWaveformOptions {
  /** Total width in CSS pixels (default 860). */
  width?: number;
  /** Height of one channel's lane (default 130 for one lane, 90 each for more). */
  laneHeight?: number;
  /** Zoom buttons, wheel zoom and drag-to-zoom (default true). Without them a click still seeks. */
  controls?: boolean;
  caption?: boolean;
  /** The head row: title, peak, controls and visible range (default true). */
  head?: boolean;
  /** The time axis under the last lane (default true). */
  timeAxis?: boolean;
  /**
   * The full time range shown, in seconds (default [0, duration]). A mixer passes its spectrograms'
   * extent (half a hop either side) so a waveform and the spectrogram under it share one time scale.
   */
  extent?: [number, number];
}

export interface WaveformElement extends HTMLElement {
  setPlayhead(seconds: number | null): void;
  /** The visible time range in seconds. */
  domain(): [number, number];
  /** Shows [start, end] seconds (clamped to the extent, at least 64 samples wide). */
  setDomain(start: number, end: number): void;
}

const WAVE = "#6b3fa0";
const MIN_SAMPLES = 64;

/**
 * Draws a WaveformView: one lane per channel on a shared time axis, the min/max envelope at the
 * drawn pixel width (individual samples joined by a line once zoomed in past two samples a pixel),
 * amplitude on a fixed −1…1 axis (or ±peak when the view asks, the axis then saying so), zoom by
 * wheel, buttons or drag-to-select, pan by shift-wheel or shift-drag, reset, and `setPlayhead`.
 */
export function drawWaveform(view: WaveformView, options: DrawWaveformOptions = {}): WaveformElement {
  const width = options.width ?? 860;
  const interactive = options.controls ?? true;
  const lanes = view.channels.length;
  const laneHeight = options.laneHeight ?? (lanes === 1 ? 130 : 90);
  const box = element("figure", "viz-waveform") as unknown as WaveformElement;
  box.style.width = `${width}px`;
  const amp = view.amplitude === "peak" && view.peak > 0 ? view.peak : 1;
  const full: [number, number] = options.extent ?? [0, view.duration];
  let domain: [number, number] = [full[0], full[1]];

  const frames: AxesFrame[] = view.channels.map((_, i) => {
    const axis = i === lanes - 1 && (options.timeAxis ?? true);
    const label = lanes === 1 ? "amplitude" : view.names[i];
    // Lanes sit 16 px apart so one lane's −1 label clears the next one's 1.
    const top = i === 0 ? 6 : 8, bottom = axis ? 34 : 8;
    return axesFrame({
      width,
      height: laneHeight + top + bottom,
      marginTop: top,
      marginBottom: bottom,
      x: { domain, label: "time (s)", axis },
      y: { domain: [-amp, amp], label, ticks: laneHeight >= 110 ? 5 : 2 },
    });
  });

  const head = element("div", "viz-head");
  if (view.title) head.append(element("span", "viz-title", view.title));
  const level = element("span", "viz-level", `peak ${formatPeak(view.peak)}${view.amplitude === "peak" ? ` · axis ±${Number(amp.toPrecision(3))}` : ""}`);
  const range = element("span", "viz-domain");
  head.append(level);
  if (interactive) {
    const buttons = element("span", "viz-controls");
    const button = (text: string, title: string, act: () => void) => {
      const b = element("button", "small", text);
      b.type = "button";
      b.title = title;
      b.dataset.action = title;
      b.addEventListener("click", act);
      return b;
    };
    const zoom = (f: number) => zoomAbout((domain[0] + domain[1]) / 2, f);
    const pan = (f: number) => box.setDomain(domain[0] + f * (domain[1] - domain[0]), domain[1] + f * (domain[1] - domain[0]));
    buttons.append(
      button("+", "zoom in", () => zoom(0.5)),
      button("−", "zoom out", () => zoom(2)),
      button("←", "pan left", () => pan(-0.25)),
      button("→", "pan right", () => pan(0.25)),
      button("Reset", "reset", () => box.setDomain(full[0], full[1])),
    );
    head.append(buttons);
  }
  head.append(range);
  if (options.head ?? true) box.append(head);
  box.append(...frames.map((f) => f.root));
  if (options.caption ?? true) box.append(element("figcaption", "viz-caption", view.caption));

  function zoomAbout(t: number, factor: number): void {
    box.setDomain(t - (t - domain[0]) * factor, t + (domain[1] - t) * factor);
  }

  function paint(): void {
    for (const [i, frame] of frames.entries()) paintLane(frame, view.channels[i], view.pyramids[i]);
    range.textContent = `${domain[0].toFixed(3)}–${domain[1].toFixed(3)} s`;
  }

  function paintLane(frame: AxesFrame, samples: Float32Array, pyramid: WaveformView["pyramids"][number]): void {
    const { canvas, area } = frame;
    const px = devicePixels(area);
    if (canvas.width !== px.width || canvas.height !== px.height) Object.assign(canvas, px);
    const ctx = canvas.getContext("2d")!;
    const W = canvas.width, H = canvas.height;
    ctx.clearRect(0, 0, W, H);
    const y = (v: number) => (H / 2) * (1 - Math.max(-amp, Math.min(amp, v)) / amp);
    ctx.fillStyle = "#e2ded6";
    ctx.fillRect(0, Math.floor(H / 2), W, 1);
    const sr = view.sampleRate;
    const perPixel = ((domain[1] - domain[0]) * sr) / W;
    ctx.fillStyle = WAVE;
    ctx.strokeStyle = WAVE;
    if (perPixel >= 2) {
      const { min, max } = pyramidEnvelope(samples, pyramid, Math.round(domain[0] * sr), Math.round(domain[1] * sr), W);
      for (let c = 0; c < W; c++) {
        if (Number.isNaN(min[c])) continue;
        const top = y(max[c]);
        ctx.fillRect(c, top, 1, Math.max(1, y(min[c]) - top));
      }
    } else {
      // Few samples a pixel: the samples themselves, joined.
      const first = Math.max(0, Math.floor(domain[0] * sr));
      const last = Math.min(samples.length - 1, Math.ceil(domain[1] * sr));
      const x = (i: number) => ((i / sr - domain[0]) / (domain[1] - domain[0])) * W;
      ctx.beginPath();
      for (let i = first; i <= last; i++) (i === first ? ctx.moveTo : ctx.lineTo).call(ctx, x(i), y(samples[i]));
      ctx.lineWidth = Math.max(1, W / area.width);
      ctx.stroke();
      if (perPixel < 0.25) for (let i = first; i <= last; i++) ctx.fillRect(x(i) - 1.5, y(samples[i]) - 1.5, 3, 3);
    }
  }

  box.domain = () => [domain[0], domain[1]];
  box.setDomain = (start, end) => {
    const whole = full[1] - full[0];
    let span = Math.min(whole, Math.max(MIN_SAMPLES / view.sampleRate, end - start));
    let a = Math.max(full[0], Math.min(start, full[1] - span));
    if (!Number.isFinite(a) || !Number.isFinite(span)) [a, span] = [full[0], whole];
    domain = [a, a + span];
    for (const f of frames) f.setX(domain);
    paint();
  };
  box.setPlayhead = (seconds) => {
    for (const f of frames) f.setPlayhead(seconds);
  };

  for (const frame of frames) attachPointer(frame);

  function attachPointer(frame: AxesFrame): void {
    const { canvas, root } = frame;
    if (interactive) {
      canvas.addEventListener(
        "wheel",
        (e) => {
          e.preventDefault();
          // Shift-wheel or a sideways wheel (trackpads) pans; the plain wheel zooms about the pointer.
          const sideways = e.shiftKey ? e.deltaY || e.deltaX : Math.abs(e.deltaX) > Math.abs(e.deltaY) ? e.deltaX : 0;
          if (sideways !== 0) {
            const shift = (sideways / frame.area.width) * (domain[1] - domain[0]);
            box.setDomain(domain[0] + shift, domain[1] + shift);
          } else {
            zoomAbout(frame.xValue(e.offsetX), Math.exp(e.deltaY * 0.0015));
          }
        },
        { passive: false },
      );
    }
    // Drag selects a range to zoom into; shift-drag pans; a click without a drag seeks.
    const selection = element("div", "viz-selection");
    root.append(selection);
    canvas.addEventListener("pointerdown", (e) => {
      if (e.button !== 0) return;
      const x0 = e.offsetX;
      const start: [number, number] = [domain[0], domain[1]];
      const panning = e.shiftKey && interactive;
      let moved = false;
      canvas.setPointerCapture(e.pointerId);
      const move = (m: PointerEvent) => {
        const x1 = Math.max(0, Math.min(frame.area.width, m.offsetX));
        if (Math.abs(x1 - x0) >= 4) moved = true;
        if (!moved || !interactive) return;
        if (panning) {
          const shift = ((x0 - x1) / frame.area.width) * (start[1] - start[0]);
          box.setDomain(start[0] + shift, start[1] + shift);
        } else {
          Object.assign(selection.style, { display: "block", left: `${frame.area.left + Math.min(x0, x1)}px`, width: `${Math.abs(x1 - x0)}px`, top: `${frame.area.top}px`, height: `${frame.area.height}px` });
        }
      };
      const up = (u: PointerEvent) => {
        canvas.removeEventListener("pointermove", move);
        canvas.removeEventListener("pointerup", up);
        selection.style.display = "none";
        const x1 = Math.max(0, Math.min(frame.area.width, u.offsetX));
        if (!moved) {
          box.dispatchEvent(new CustomEvent(SEEK_EVENT, { bubbles: true, detail: { seconds: frame.xValue(x0) } }));
        } else if (interactive && !panning) {
          box.setDomain(frame.xValue(Math.min(x0, x1)), frame.xValue(Math.max(x0, x1)));
        }
      };
      canvas.addEventListener("pointermove", move);
      canvas.addEventListener("pointerup", up);
    });
  }

  paint();
  return box;
}
