/**
 * A second thread for separations on a page. tfjs's wasm backend computes on one thread here (it caps
 * its pool at half the cores: one on a 2-core laptop), so while the page runs the model the other
 * core idles. A mask worker holds a copy of the model and takes a share of the patches
 * (`predictMasks` hands out batches to whichever of the two is free), which is what made the default
 * 3-minute stereo separation in Chromium go from ~115× to ~N× real time (bench/NOTES.md).
 */
import type * as tf from "@tensorflow/tfjs";
import { captureModel, loadableArtifacts } from "../train/model-format";
import type { FromMaskWorker, ToMaskWorker } from "./mask-protocol";

/** Something that runs a model on patches elsewhere: `predictMasks` gives it batches while it keeps up. */
export interface MaskHelper {
  /** The model's output for `count` patches (frame-major bins × frames each), laid out as its `predict` gives it. */
  predict(model: tf.LayersModel, patches: Float32Array, count: number): Promise<Float32Array>;
  dispose(): void;
}

interface Pending {
  resolve(values: Float32Array): void;
  reject(error: Error): void;
}

/** Data ids of the model's weights: training gives every weight new data, so they tell a retrained model. */
function weightIds(model: tf.LayersModel): object[] | null {
  try {
    return model.weights.map((w) => w.read().dataId);
  } catch {
    return null; // disposed
  }
}

class MaskWorker implements MaskHelper {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private version = 0;
  private sent?: { model: tf.LayersModel; ids: object[]; version: number; ready: Promise<void> };
  private broken?: string;

  constructor() {
    this.worker = new Worker(new URL("./mask-worker.ts", import.meta.url), { type: "module", name: "demix-masks" });
    this.worker.onmessage = (event: MessageEvent<FromMaskWorker>) => {
      const message = event.data;
      const request = this.pending.get(message.id);
      if (!request) return;
      this.pending.delete(message.id);
      if (message.kind === "masks") request.resolve(message.values);
      else request.reject(new Error(`the mask worker refused: ${message.message}`));
    };
    this.worker.onerror = (event) => this.fail(`the mask worker failed: ${event.message || "it did not load"}`);
  }

  async predict(model: tf.LayersModel, patches: Float32Array, count: number): Promise<Float32Array> {
    if (this.broken) throw new Error(this.broken);
    const version = await this.holding(model);
    const id = this.nextId++;
    const copy = patches.slice();
    const answer = new Promise<Float32Array>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.post({ kind: "predict", id, version, patches: copy, count }, [copy.buffer]);
    return answer;
  }

  /** Sends the model's weights when the worker does not hold these ones yet; the version that names them. */
  private async holding(model: tf.LayersModel): Promise<number> {
    const ids = weightIds(model);
    if (!ids) throw new Error("the model has been disposed");
    const sent = this.sent;
    if (sent && sent.model === model && sent.ids.length === ids.length && sent.ids.every((id, k) => id === ids[k])) {
      await sent.ready;
      return sent.version;
    }
    const version = ++this.version;
    const ready = captureModel(model, { includeOptimizer: false }).then((captured) => {
      const artifacts = loadableArtifacts(captured);
      this.post({ kind: "model", version, artifacts }, [artifacts.weightData as ArrayBuffer]);
    });
    this.sent = { model, ids, version, ready };
    await ready;
    return version;
  }

  private post(message: ToMaskWorker, transfer: Transferable[]): void {
    this.worker.postMessage(message, transfer);
  }

  private fail(why: string): void {
    this.broken ??= why;
    this.worker.terminate();
    for (const request of this.pending.values()) request.reject(new Error(why));
    this.pending.clear();
  }

  dispose(): void {
    this.fail("the mask worker was disposed");
  }
}

let shared: MaskHelper | undefined;

/**
 * The page's mask worker, started on first use and kept (its model copy stays warm between
 * separations); undefined where there is no page to help (Node, or code already in a worker).
 */
export function pageMaskHelper(): MaskHelper | undefined {
  if (typeof window === "undefined" || typeof Worker === "undefined") return undefined;
  return (shared ??= new MaskWorker());
}

/** Stops the page's mask worker and frees its model copy (the next separation starts a new one). */
export function releasePageMaskHelper(): void {
  shared?.dispose();
  shared = undefined;
}
