/**
 * The mask worker's entry (a dedicated module worker, started by ./mask-helper.ts): a second thread
 * that runs a copy of the separation model on the patches the page hands it, so that a separation on
 * a 2-core machine keeps both cores busy (one wasm thread each). It holds one model at a time, the
 * last one the page sent; a request for another version is refused and the page does that batch itself.
 */
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../backend";
import { inferenceModel, type InferenceModel } from "../model";
import type { FromMaskWorker, ToMaskWorker } from "./mask-protocol";

/** The parts of DedicatedWorkerGlobalScope used here (the project's TypeScript lib is DOM, not WebWorker). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ToMaskWorker>) => void) | null;
  postMessage(message: FromMaskWorker, transfer?: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;
const backend = initBackend();

interface Loaded {
  version: number;
  ready: Promise<{ layers: tf.LayersModel; compiled: InferenceModel }>;
}
let loaded: Loaded | undefined;

async function load(artifacts: tf.io.ModelArtifacts) {
  await backend;
  const layers = await tf.loadLayersModel(tf.io.fromMemory({ ...artifacts, trainingConfig: undefined }));
  return { layers, compiled: inferenceModel(layers) };
}

function release(old: Loaded | undefined): void {
  old?.ready.then(({ layers, compiled }) => (compiled.dispose(), layers.dispose()), () => {});
}

async function predict(message: Extract<ToMaskWorker, { kind: "predict" }>): Promise<void> {
  try {
    if (!loaded || loaded.version !== message.version) throw new Error(`the worker holds model version ${loaded?.version ?? "none"}, not ${message.version}`);
    const { compiled } = await loaded.ready;
    const [bins, frames] = compiled.patch;
    const values = tf.tidy(() => compiled.predict(tf.tensor4d(message.patches, [message.count, bins, frames, 1])));
    const data = (await values.data()) as Float32Array;
    values.dispose();
    scope.postMessage({ kind: "masks", id: message.id, values: data }, [data.buffer]);
  } catch (e) {
    scope.postMessage({ kind: "refusal", id: message.id, message: e instanceof Error ? e.message : String(e) });
  }
}

scope.onmessage = (event) => {
  const message = event.data;
  if (message.kind === "model") {
    release(loaded);
    loaded = { version: message.version, ready: load(message.artifacts) };
    loaded.ready.catch(() => {}); // each request that needs it reports the failure
  } else {
    void predict(message);
  }
};
