import * as tf from "@tensorflow/tfjs";
import { initBackend, type BackendInfo } from "../backend";
import type { StepRecord } from "../train";
import { fromArtifacts } from "./artifacts";
import { trackBuffers } from "./data";
import { resumedState, type TrainingEnd, type TrainingOptions, type TrainingRun } from "./options";
import { Progress } from "./progress";
import { STOP, type Answers, type FromWorker, type Question, type ToWorker } from "./protocol";

interface Pending {
  resolve(value: Answers[Question]): void;
  reject(error: Error): void;
}

/**
 * The run in a dedicated module worker, so the page never waits for a training step. The worker
 * owns the model; this side holds the records and asks for copies of the rest.
 */
export function startInWorker(options: TrainingOptions): TrainingRun {
  const progress = new Progress<StepRecord>();
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let ended: TrainingEnd | undefined;
  let gone: string | undefined; // why the worker can no longer answer
  let finish!: (end: TrainingEnd) => void;
  const done = new Promise<TrainingEnd>((resolve) => (finish = resolve));
  let started!: (info: BackendInfo) => void;
  let failed!: (e: Error) => void;
  const backend = new Promise<BackendInfo>((resolve, reject) => ((started = resolve), (failed = reject)));
  backend.catch(() => {});

  const stepsDone = () => {
    const last = progress.items.at(-1);
    return last ? last.step + 1 : (resumedState(options?.model)?.step ?? 0);
  };
  const end = (result: TrainingEnd) => {
    if (ended) return;
    ended = result;
    progress.close();
    failed(new Error(result.message ?? "the run ended before its backend started"));
    finish(result);
  };
  // The worker is gone (crashed, failed to load, disposed): nothing will answer any more.
  const abandon = (why: string, result: TrainingEnd) => {
    if (!gone) gone = why;
    worker.terminate();
    end(result);
    for (const request of pending.values()) request.reject(new Error(why));
    pending.clear();
  };

  const worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module", name: "demix-training" });
  worker.onmessage = (event: MessageEvent<FromWorker>) => {
    const message = event.data;
    switch (message.kind) {
      case "backend":
        started(message.info);
        break;
      case "step":
        progress.push(message.record);
        break;
      case "done":
        end(message.end);
        break;
      case "answer":
      case "refusal": {
        const request = pending.get(message.id);
        pending.delete(message.id);
        if (message.kind === "answer") request?.resolve(message.value);
        else request?.reject(new Error(message.message));
        break;
      }
    }
  };
  worker.onerror = (event: ErrorEvent) => {
    // Handled here; the page gets it as the run's end rather than as an uncaught error.
    event.preventDefault();
    const what = event.message || "the worker script failed to load (the browser console may say why)";
    abandon(`the training worker failed: ${what}`, { stoppedBy: "error", message: `the training worker failed: ${what}`, step: stepsDone() });
  };
  worker.onmessageerror = () => {
    abandon("a message from the training worker could not be read", {
      stoppedBy: "error",
      message: "a message from the training worker could not be read",
      step: stepsDone(),
    });
  };

  // Shared memory exists only on a cross-origin isolated page; without it the stop message suffices.
  const stopFlag = globalThis.crossOriginIsolated && typeof SharedArrayBuffer !== "undefined" ? new Int32Array(new SharedArrayBuffer(4)) : undefined;
  try {
    const message: ToWorker = { kind: "start", options, stopFlag };
    worker.postMessage(message, trackBuffers(options?.data, options?.validation));
  } catch (e) {
    // E.g. options holding something that cannot be posted (a function, a tensor).
    const why = `the training options could not be sent to the worker: ${(e as Error).message}`;
    abandon(why, { stoppedBy: "error", message: why, step: 0 });
  }

  const ask = <Q extends Question>(question: Q): Promise<Answers[Q]> => {
    if (gone) return Promise.reject(new Error(gone));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve: resolve as Pending["resolve"], reject });
      worker.postMessage({ kind: "ask", id, question } satisfies ToWorker);
    });
  };

  return {
    progress,
    get records() {
      return progress.items;
    },
    done,
    backend,
    async stop() {
      if (stopFlag) Atomics.store(stopFlag, 0, STOP);
      if (!gone) worker.postMessage({ kind: "stop" } satisfies ToWorker);
      await done;
    },
    state: () => ask("state"),
    artifacts: () => ask("artifacts"),
    async model() {
      const artifacts = await ask("model");
      // The page's own backend, as the page chose it; one is started only if the page has none yet.
      if (!tf.engine().backendName) await initBackend();
      return fromArtifacts(artifacts, false);
    },
    dispose() {
      abandon("the training run was disposed", { stoppedBy: "stop", message: "the run was disposed", step: stepsDone() });
    },
  };
}
