/**
 * `view(control)`: shows a control and gives other cells its value, re-running them whenever it
 * changes (Observable's viewof, in a form that type-checks). In a session the compiler binds `view`
 * to the cell's own, which displays the control and returns a stream of its values; the runtime
 * reads that stream, so the declared name holds the current value in every other cell. In the
 * declaring cell itself the name is the stream: use the value in another cell. Outside a session
 * (a notebook run as a plain module) it returns the control's current value.
 */
import { isControl, type Control } from "../viz/controls";

interface ValueElement {
  value: unknown;
  addEventListener(type: "input", listener: () => void): void;
  removeEventListener(type: "input", listener: () => void): void;
}

const isValueElement = (v: unknown): v is ValueElement =>
  typeof v === "object" && v !== null && "value" in v && typeof (v as ValueElement).addEventListener === "function";

export function view<T>(control: Control<T>): T;
/** An Observable Inputs element (or any element with a value and input events), in the page only. */
export function view<T = unknown>(element: { value: T }): T;
export function view(control: unknown): unknown {
  if (isControl(control) || isValueElement(control)) return control.value;
  throw new Error("view() takes a control (slider, choice, checkbox) or an input element such as Inputs.range(…)");
}

/**
 * The values of a control or input element, current one first, then one per change. A hand-made
 * iterator rather than an async generator: the runtime calls return() while a next() is pending
 * (the cell re-ran), and an async generator would queue that return behind the pending next forever.
 */
export function valuesOf(target: unknown): AsyncIterableIterator<unknown> {
  let subscribe: (push: (value: unknown) => void) => () => void;
  let initial: unknown;
  if (isControl(target)) {
    initial = target.value;
    subscribe = (push) => target.subscribe(push);
  } else if (isValueElement(target)) {
    initial = target.value;
    subscribe = (push) => {
      const listener = () => push(target.value);
      target.addEventListener("input", listener);
      return () => target.removeEventListener("input", listener);
    };
  } else {
    throw new Error("view() takes a control (slider, choice, checkbox) or an input element such as Inputs.range(…)");
  }
  let queued: { value: unknown } | undefined = { value: initial };
  let waiting: ((result: IteratorResult<unknown>) => void) | undefined;
  let done = false;
  const unsubscribe = subscribe((value) => {
    if (done) return;
    if (waiting) {
      const resolve = waiting;
      waiting = undefined;
      resolve({ value, done: false });
    } else {
      queued = { value }; // only the latest change matters
    }
  });
  const finished = (): IteratorResult<unknown> => ({ value: undefined, done: true });
  return {
    next() {
      if (done) return Promise.resolve(finished());
      if (queued) {
        const { value } = queued;
        queued = undefined;
        return Promise.resolve({ value, done: false });
      }
      return new Promise((resolve) => (waiting = resolve));
    },
    return() {
      done = true;
      unsubscribe();
      waiting?.(finished());
      waiting = undefined;
      return Promise.resolve(finished());
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
