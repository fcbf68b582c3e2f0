// @observablehq/runtime 6 ships no types; this is the part of its API the session uses (see
// node_modules/@observablehq/runtime/src/*.js for the semantics).
declare module "@observablehq/runtime" {
  export interface Observer {
    /** The variable is about to compute (its inputs may still be pending). */
    pending?(): void;
    fulfilled?(value: unknown, name?: string | null): void;
    rejected?(error: unknown, name?: string | null): void;
  }

  export type Definition = (...inputs: any[]) => unknown;

  export interface Variable {
    define(name: string | null, inputs: string[], definition: Definition): Variable;
    delete(): Variable;
  }

  export interface Module {
    variable(observer?: Observer | boolean): Variable;
    define(name: string, inputs: string[], definition: Definition): Variable;
    /** Resolves with the variable's next settled value, computing it if needed. */
    value(name: string): Promise<unknown>;
  }

  export class Runtime {
    /** Each builtin's value is a definition: a function is called to produce the value. */
    constructor(builtins?: Record<string, Definition>, global?: (name: string) => unknown);
    module(): Module;
    dispose(): void;
  }

  export class RuntimeError extends Error {
    /** The input whose failure this error passes on, when it is one. */
    input?: string;
  }
}
