// @observablehq/inputs ships no types. Its inputs are HTML elements whose `value` is the current
// choice; that is all the notebook needs to know.
declare module "@observablehq/inputs" {
  type Input<T = unknown> = HTMLElement & { value: T };
  export function range(extent?: [number, number], options?: Record<string, unknown>): Input<number>;
  export function select<T>(data: Iterable<T>, options?: Record<string, unknown>): Input<T>;
  export function radio<T>(data: Iterable<T>, options?: Record<string, unknown>): Input<T>;
  export function checkbox<T>(data: Iterable<T>, options?: Record<string, unknown>): Input<T[]>;
  export function toggle(options?: Record<string, unknown>): Input<boolean>;
  export function text(options?: Record<string, unknown>): Input<string>;
  export function button(content?: unknown, options?: Record<string, unknown>): Input<unknown>;
  export function table<T>(data: Iterable<T>, options?: Record<string, unknown>): Input<T[]>;
  export function search<T>(data: Iterable<T>, options?: Record<string, unknown>): Input<T[]>;
  export function input<T>(value: T): Input<T>;
  export function bind<T>(target: Input<T>, source: Input<T>, invalidation?: Promise<void>): Input<T>;
}
