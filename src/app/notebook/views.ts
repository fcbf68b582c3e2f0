/**
 * The drawers of src/viz registered as renderers: `display(view)` in a cell draws the view. Kept
 * apart from render.ts (the registry and the basic types) so a new view is one line here.
 */
import { isControl, type Control } from "../../viz";
import { registerRenderer } from "./render";

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
