/**
 * One run of a cell: what it has shown, whether it is still the cell's current run (a stopped or
 * superseded run's late display() calls are dropped), how long it took, and how to stop it.
 */
import type { DisplayInfo, SessionObserver } from "./session";

interface Shown {
  value: unknown;
  kind: DisplayInfo["kind"];
}

/** The next macrotask: a generator's values are pulled one task apart, so Stop and the page get a turn. */
export const nextTask: () => Promise<void> =
  typeof setImmediate === "function"
    ? () => new Promise((resolve) => setImmediate(resolve))
    : () =>
        new Promise((resolve) => {
          // Not setTimeout: browsers throttle it to once a second in background tabs.
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve();
          channel.port2.postMessage(null);
        });

export function isIterator(value: unknown): value is Iterator<unknown> | AsyncIterator<unknown> {
  return typeof value === "object" && value !== null && typeof (value as Iterator<unknown>).next === "function" && typeof (value as Iterator<unknown>).return === "function";
}

export class CellRun {
  /** False once the run is stopped, superseded, removed or disposed. */
  current = true;
  readonly started = performance.now();
  ms?: number;
  /** Resolves when stop() is called. */
  readonly stopped: Promise<void>;
  private resolveStopped!: () => void;
  private readonly shown: Shown[] = [];
  private readonly cleanups: (() => void)[] = [];

  constructor(
    private readonly id: string,
    private readonly observer: SessionObserver,
  ) {
    this.stopped = new Promise((resolve) => (this.resolveStopped = resolve));
  }

  stop(): void {
    this.resolveStopped();
    this.end();
  }

  /** No longer current: later output is dropped and generators are returned. */
  end(): void {
    if (!this.current) return;
    this.current = false;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }

  finish(): void {
    this.ms = performance.now() - this.started;
  }

  show(value: unknown, kind: Shown["kind"]): void {
    if (!this.current) return;
    const previous = kind === "yield" ? this.shown.findIndex((s) => s.kind === "yield") : -1;
    if (previous < 0) {
      this.shown.push({ value, kind });
      this.observer.display(this.id, value, { kind });
      return;
    }
    // A yielded value replaces the one before it, in its place among the cell's outputs.
    this.shown[previous] = { value, kind };
    this.observer.clear(this.id);
    for (const s of this.shown) this.observer.display(this.id, s.value, { kind: s.kind });
  }

  /** Shows each value a generator yields until it is done (resolving to its return value) or the run ends. */
  async drain<R>(generator: Iterator<unknown, R> | AsyncIterator<unknown, R>): Promise<R> {
    this.cleanups.push(() => {
      Promise.resolve(generator.return?.()).catch(() => undefined);
    });
    for (;;) {
      const step = await generator.next();
      if (step.done) return step.value;
      // Ended: whoever awaited this run has been answered already.
      if (!this.current) return new Promise<R>(() => undefined);
      this.show(step.value, "yield");
      await nextTask();
    }
  }
}
