/**
 * A view is plain data describing a picture or a player, made by a pure constructor (here, in
 * src/viz) and drawn by a function in src/viz/dom. Keeping the two apart lets one notebook run in
 * Node, where `display(view)` prints `caption`, and in the page, where the renderer registry draws it.
 * Views hold copies or downsampled data, never live tensors, so they survive the cell that made them.
 */
export interface View {
  kind: "view";
  /** Which drawer draws it: "spectrogram", "waveform", "mixer", "activations", "weights", "compare", … */
  view: string;
  /** One line saying what the picture shows; Node prints it and the page uses it as the figure caption. */
  caption: string;
}

export function isView(value: unknown, view?: string): value is View {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as View).kind === "view" &&
    typeof (value as View).view === "string" &&
    (view === undefined || (value as View).view === view)
  );
}
