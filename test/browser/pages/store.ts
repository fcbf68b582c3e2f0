import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../src/backend";
import { createUNet, UNET_PAPER, UNET_TINY } from "../../../src/model";
import { openStore } from "../../../src/store";
import { mulberry32 } from "../../../src/train/random";

const DB = "demix-lab-browser-test";
const TINY = { ...UNET_TINY, seed: 11 };
const SOURCE = "// %% Reload test\nconst answer = 42;\n";

function input(bins: number, frames: number): tf.Tensor4D {
  const r = mulberry32(42);
  return tf.tensor4d(Float32Array.from({ length: bins * frames }, () => r()), [1, bins, frames, 1]);
}

function predict(model: tf.LayersModel, x: tf.Tensor4D): number[] {
  return Array.from(tf.tidy(() => (model.predict(x) as tf.Tensor).dataSync()));
}

async function file(url: string, name: string): Promise<File> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new File([await response.blob()], name);
}

const api = {
  /** Saves a tiny model and a notebook and returns at once (no close): the test reloads right after. */
  async save() {
    const backend = await initBackend();
    const store = await openStore(DB);
    const model = createUNet(TINY);
    const x = input(TINY.inputBins, TINY.inputFrames);
    const prediction = predict(model, x);
    const record = await store.models.saveModel("tiny before reload", model, { metadata: { config: TINY, target: "vocals", preset: "tiny" } });
    const notebook = await store.notebooks.put({ name: "reload test", source: SOURCE, origin: "new" });
    return { backend: backend.name, modelId: record.id, notebookId: notebook.id, prediction, estimate: await store.estimate() };
  },

  /** After the reload: finds both by listing, loads the model and predicts the same input. */
  async find() {
    await initBackend();
    const store = await openStore(DB);
    const models = await store.models.list();
    const notebooks = await store.notebooks.list();
    const loaded = await store.models.loadModel(models[0].id);
    const x = input(TINY.inputBins, TINY.inputFrames);
    const prediction = predict(loaded.model, x);
    store.close();
    return { models: models.map((m) => ({ id: m.id, name: m.name })), notebooks: notebooks.map((n) => ({ id: n.id, name: n.name, source: n.source })), prediction };
  },

  /**
   * Imports the shipped paper model from the dev server's models/default, loads it from the store
   * and predicts as tfjs's own http loader does; times save (import) and load of a 19.6 MB model.
   */
  async shipped() {
    await initBackend();
    const store = await openStore(DB);
    const files = await Promise.all(["model.json", "weights.bin", "recipe.json"].map((n) => file(`/models/default/${n}`, n)));
    let t = performance.now();
    const record = await store.models.importFiles(files, { name: "shipped" });
    const importMs = performance.now() - t;
    t = performance.now();
    const loaded = await store.models.loadModel(record.id);
    const loadMs = performance.now() - t;
    const reference = await tf.loadLayersModel("/models/default/model.json");
    const x = input(UNET_PAPER.inputBins, UNET_PAPER.inputFrames);
    const expected = predict(reference, x);
    const same = predict(loaded.model, x).every((v, i) => v === expected[i]);
    const exported = await store.models.exportFiles(record.id);
    const original = new Uint8Array(await files[1].arrayBuffer());
    const copy = new Uint8Array(await exported[1].arrayBuffer());
    store.close();
    return {
      record: { target: record.target, preset: record.preset, trainingStep: record.trainingStep, bytes: record.bytes },
      same,
      weightsIdentical: original.length === copy.length && original.every((b, i) => b === copy[i]),
      importMs,
      loadMs,
    };
  },

  /** The paper U-Net after one Adam step, saved with its optimizer moments (~118 MB) and loaded: sizes and times. */
  async paperWithOptimizer() {
    await initBackend();
    const store = await openStore(DB);
    const model = createUNet(UNET_PAPER);
    model.compile({ optimizer: tf.train.adam(1e-4), loss: "meanAbsoluteError" });
    const x = input(UNET_PAPER.inputBins, UNET_PAPER.inputFrames);
    await model.trainOnBatch(x, x);
    const training = { step: 1, seed: 1, batchSize: 1, target: "vocals" as const, schedule: { initial: 1e-4 }, validateEvery: 0, records: [] };
    let t = performance.now();
    const record = await store.models.saveModel("paper", model, { training, metadata: { config: UNET_PAPER, target: "vocals", preset: "paper" } });
    const saveMs = performance.now() - t;
    t = performance.now();
    const loaded = await store.models.loadModel(record.id);
    const loadMs = performance.now() - t;
    const moments = async (m: tf.LayersModel) => (await m.optimizer!.getWeights()).map((w) => w.tensor.dataSync());
    const [a, b] = [await moments(model), await moments(loaded.model)];
    const momentsEqual = a.length === b.length && a.every((w, i) => w.length === b[i].length && w.every((v, k) => v === b[i][k]));
    const estimate = await store.estimate();
    await store.models.delete(record.id);
    store.close();
    return { bytes: record.bytes, resumable: record.resumable, momentsEqual, momentCount: a.length, saveMs, loadMs, estimate };
  },
};

declare global {
  interface Window {
    demixStore: typeof api;
  }
}
window.demixStore = api;
