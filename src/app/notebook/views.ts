/**
 * The drawers of src/viz registered as renderers: `display(view)` in a cell draws the view. Kept
 * apart from render.ts (the registry and the basic types) so a new view is one line here.
 */
import { isControl, isView, type ActivationsView, type CompareView, type Control, type MixerView, type SpectrogramView, type WaveformView, type WeightsView, type LossCurveView } from "../../viz";
import { drawActivations, drawCompare, drawLossCurve, drawMixer, drawModelSummary, drawSpectrogram, drawWaveform, drawWeights } from "../../viz/dom";
import { registerRenderer, type RenderContext } from "./render";

registerRenderer({ name: "spectrogram view", test: (v) => isView(v, "spectrogram"), render: (v) => drawSpectrogram(v as SpectrogramView) });
registerRenderer({ name: "waveform", test: (v) => isView(v, "waveform"), render: (v) => drawWaveform(v as WaveformView) });
/** Players must fall silent and give back their audio when the cell re-runs or its output is cleared. */
const disposedWithOutput =
  <E extends Node & { dispose(): void }>(draw: (v: unknown) => E) =>
  (v: unknown, context: RenderContext): E => {
    const element = draw(v);
    void context.cleared.then(() => element.dispose());
    return element;
  };

registerRenderer({ name: "mixer", test: (v) => isView(v, "mixer"), render: disposedWithOutput((v) => drawMixer(v as MixerView)) });
registerRenderer({ name: "comparison grid", test: (v) => isView(v, "compare"), render: disposedWithOutput((v) => drawCompare(v as CompareView)) });
registerRenderer({ name: "activations", test: (v) => isView(v, "activations"), render: (v) => drawActivations(v as ActivationsView) });
registerRenderer({ name: "weight histograms", test: (v) => isView(v, "weights"), render: (v) => drawWeights(v as WeightsView) });
registerRenderer({ name: "loss curve", test: (v) => isView(v, "loss"), render: (v, context) => drawLossCurve(v as LossCurveView, { cleared: context.cleared }) });
// A model (tfjs LayersModel, by shape): tfjs-vis's summary table.
registerRenderer({
  name: "model summary",
  test: (v) => typeof v === "object" && v !== null && Array.isArray((v as { layers?: unknown }).layers) && typeof (v as { countParams?: unknown }).countParams === "function" && typeof (v as { predict?: unknown }).predict === "function",
  render: (v) => drawModelSummary(v as Parameters<typeof drawModelSummary>[0]),
});

registerRenderer({
  name: "control",
  test: isControl,
  render(value) {
    return drawControl(value as Control<unknown>);
  },
});

/** A control as an Observable Inputs element; each change goes back to the control (and from it to `view`). */
function drawControl(control: Control<unknown>): HTMLElement {
  const box = document.createElement("div");
  box.className = "output-control";
  void import("@observablehq/inputs").then((Inputs) => {
    let input: HTMLElement & { value: unknown };
    if (control.control === "range") {
      input = Inputs.range([control.min!, control.max!], { label: control.label, value: control.value as number, ...(control.step !== undefined ? { step: control.step } : {}) });
    } else if (control.control === "select") {
      input = Inputs.select(control.options as unknown[], { label: control.label, value: control.value });
    } else {
      input = Inputs.toggle({ label: control.label, value: control.value as boolean });
    }
    input.addEventListener("input", () => control.set(input.value));
    box.append(input);
  });
  return box;
}
