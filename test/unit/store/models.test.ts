import * as tf from "@tensorflow/tfjs";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { initBackend } from "../../../src/backend";
import { createUNet, UNET_PAPER, UNET_TINY } from "../../../src/model";
import { StoreError } from "../../../src/store";
import { PatchSampler, Trainer, trackSpectra, type TrackSpectra, type TrainingState } from "../../../src/train";
import { loadModelDir } from "../../../src/train/model-files";
import { tempDir } from "../cli/run-cli";
import { tinyTracks } from "../train/tiny-data";
import { dropStores, fixedInput, freshStore, predict } from "./helpers";

let tracks: TrackSpectra[];
const dirs: string[] = [];
const shape = { bins: UNET_TINY.inputBins, frames: UNET_TINY.inputFrames };
const config = { ...UNET_TINY, seed: 3 };
const metadata = { config, target: "vocals", preset: "tiny" };
const state = { seed: 3, batchSize: 4, target: "vocals" as const, schedule: { initial: 3e-3 }, validateEvery: 0 };
const trainer = (model = createUNet(config), s: Omit<TrainingState, "records" | "step"> & Partial<TrainingState> = state) =>
  new Trainer(model, new PatchSampler(tracks, shape, "vocals", s.seed), s);

beforeAll(async () => {
  expect((await initBackend()).name).toBe("wasm");
  tracks = tinyTracks().map(trackSpectra);
});
afterEach(dropStores);
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The largest |a − b| over all weights of two models with the same layout. */
function weightGap(a: tf.LayersModel, b: tf.LayersModel): number {
  const wb = b.getWeights();
  return Math.max(
    ...a.getWeights().map((w, i) => {
      const x = w.dataSync();
      const y = wb[i].dataSync();
      let gap = 0;
      for (let k = 0; k < x.length; k++) gap = Math.max(gap, Math.abs(x[k] - y[k]));
      return gap;
    }),
  );
}

function folderFiles(dir: string, names: string[]): File[] {
  return names.map((n) => new File([readFileSync(join(dir, n))], n));
}

describe("model store", () => {
  it("saves and loads the tiny U-Net with identical predictions, lists records without weights", async () => {
    const store = await freshStore();
    const model = createUNet({ ...UNET_TINY, seed: 7 });
    const x = fixedInput(UNET_TINY.inputBins, UNET_TINY.inputFrames);
    const before = predict(model, x);

    const record = await store.models.saveModel("tiny seven", model, { metadata: { config: { ...UNET_TINY, seed: 7 }, target: "vocals", preset: "tiny", note: "hi" } });
    expect(record).toMatchObject({ name: "tiny seven", target: "vocals", preset: "tiny", trainingStep: 0, resumable: false, metadata: { note: "hi" } });
    expect(record.config.encoderFilters).toEqual(UNET_TINY.encoderFilters);
    expect(record.bytes).toBe(model.getWeights().reduce((n, w) => n + w.size * 4, 0));

    const loaded = await store.models.loadModel(record.id);
    expect(loaded.record).toEqual(record);
    expect(loaded.metadata).toMatchObject({ target: "vocals", note: "hi" });
    expect(loaded.training).toBeUndefined();
    expect(predict(loaded.model, x)).toEqual(before);

    const list = await store.models.list();
    expect(list).toEqual([record]);
    expect(Object.keys(list[0])).not.toContain("weightData");

    const renamed = await store.models.rename(record.id, "renamed");
    expect((await store.models.get(record.id))!.name).toBe("renamed");
    expect(renamed.created).toBe(record.created);

    await store.models.delete(record.id);
    expect(await store.models.list()).toEqual([]);
    await expect(store.models.loadModel(record.id)).rejects.toMatchObject({ reason: "missing", message: expect.stringMatching(/no model .* list\(\) shows/) });
    tf.dispose([x]);
    model.dispose();
    loaded.model.dispose();
  });

  it("round-trips the optimizer: 2 steps, save, load, 2 more = 4 uninterrupted steps", async () => {
    const straight = trainer();
    await straight.train({ steps: 4 });

    const store = await freshStore();
    const first = trainer();
    await first.train({ steps: 2 });
    const record = await store.models.saveModel("run", first.model, { training: first.state, metadata });
    expect(record).toMatchObject({ resumable: true, trainingStep: 2 });
    const loaded = await store.models.loadModel(record.id);
    expect(loaded.training).toEqual(first.state);

    // The Adam moments come back as they were, under the same names.
    const moments = async (m: tf.LayersModel) => (await m.optimizer!.getWeights()).map((w) => ({ name: w.name, values: Array.from(w.tensor.dataSync()) }));
    expect(await moments(loaded.model)).toEqual(await moments(first.model));

    const resumed = trainer(loaded.model, loaded.training!);
    const { records } = await resumed.train({ steps: 2 });
    expect(records.map((r) => r.step)).toEqual([2, 3]);
    expect(records.map((r) => r.loss)).toEqual(straight.state.records.slice(2).map((r) => r.loss));
    const gap = weightGap(resumed.model, straight.model);
    expect(gap).toBe(0);

    // Without the moments (a fresh Adam) the same two steps land elsewhere: the check above can fail.
    const bare = await store.models.loadModel((await store.models.saveModel("bare", first.model, { training: first.state, metadata, includeOptimizer: false })).id);
    const restarted = trainer(bare.model, bare.training!);
    await restarted.train({ steps: 2 });
    expect(weightGap(restarted.model, straight.model)).toBeGreaterThan(1e-4);
  });

  it("exports the folder format that loadModelDir (demix separate / train --resume) reads", async () => {
    const store = await freshStore();
    const first = trainer();
    await first.train({ steps: 2 });
    const record = await store.models.saveModel("export me", first.model, { training: first.state, metadata: { config, preset: "tiny" } });
    const files = await store.models.exportFiles(record.id);
    expect(files.map((f) => f.name)).toEqual(["model.json", "weights.bin", "training.json"]);

    const dir = join(tempDir(), "exported");
    dirs.push(dir);
    mkdirSync(dir, { recursive: true });
    for (const f of files) writeFileSync(join(dir, f.name), new Uint8Array(await f.arrayBuffer()));
    const saved = await loadModelDir(dir);
    expect(saved.metadata).toMatchObject({ target: "vocals", preset: "tiny", config }); // demix separate reads the target here
    expect(saved.training).toEqual(first.state);
    const x = fixedInput(shape.bins, shape.frames);
    expect(predict(saved.model, x)).toEqual(predict(first.model, x));

    // `demix train --resume` from the exported folder continues exactly as the browser run would have.
    const straight = trainer();
    await straight.train({ steps: 4 });
    const resumed = trainer(saved.model, saved.training!);
    await resumed.train({ steps: 2 });
    expect(resumed.state.records.map((r) => r.loss)).toEqual(straight.state.records.map((r) => r.loss));
    expect(weightGap(resumed.model, straight.model)).toBe(0);

    // And a folder imports back to the same model.
    const again = await store.models.importFiles(files, { name: "back" });
    expect(again).toMatchObject({ name: "back", resumable: true, trainingStep: 2, target: "vocals", bytes: record.bytes });
    expect(predict((await store.models.loadModel(again.id)).model, x)).toEqual(predict(first.model, x));
    x.dispose();
  });

  it("imports the shipped models/default folder and exports it byte for byte", async () => {
    const store = await freshStore();
    const shipped = "models/default";
    const files = folderFiles(shipped, ["model.json", "weights.bin", "recipe.json", "scores.json"]);
    const record = await store.models.importFiles(files, { name: "shipped" });
    expect(record).toMatchObject({ name: "shipped", target: "vocals", preset: "paper", trainingStep: JSON.parse(readFileSync(join(shipped, "recipe.json"), "utf8")).steps, resumable: false, bytes: readFileSync(join(shipped, "weights.bin")).byteLength });
    expect(record.config).toEqual({ ...UNET_PAPER, seed: 1 });

    const out = await store.models.exportFiles(record.id);
    expect(out.map((f) => f.name)).toEqual(["model.json", "weights.bin"]);
    expect(Buffer.from(await out[1].arrayBuffer()).equals(readFileSync(join(shipped, "weights.bin")))).toBe(true);
    const { convertedBy: _, ...json } = JSON.parse(await out[0].text());
    const { convertedBy: __, ...original } = JSON.parse(readFileSync(join(shipped, "model.json"), "utf8"));
    expect(json).toEqual(original);

    const x = fixedInput(UNET_PAPER.inputBins, UNET_PAPER.inputFrames, 1);
    const fromStore = await store.models.loadModel(record.id);
    const fromDisk = await loadModelDir(shipped);
    expect(predict(fromStore.model, x)).toEqual(predict(fromDisk.model, x));
    tf.dispose([x]);
    fromStore.model.dispose();
    fromDisk.model.dispose();
  });

  it("replaces a model in place when saved with its id (a checkpoint), keeping its creation time", async () => {
    const store = await freshStore();
    const t = trainer();
    const first = await store.models.saveModel("ckpt", t.model, { training: t.state, metadata });
    await t.train({ steps: 1 });
    await new Promise((r) => setTimeout(r, 2));
    const second = await store.models.saveModel("ckpt", t.model, { training: t.state, metadata, id: first.id });
    expect(second).toMatchObject({ id: first.id, created: first.created, trainingStep: 1 });
    expect(second.updated).toBeGreaterThan(first.updated);
    expect((await store.models.list()).map((m) => m.id)).toEqual([first.id]);
    expect((await store.models.loadModel(first.id)).training!.step).toBe(1);
  });

  it("says what is wrong with a model it cannot store or read", async () => {
    const store = await freshStore();
    const model = createUNet(UNET_TINY);
    await expect(store.models.saveModel("no config", model)).rejects.toThrow(/does not say which U-Net config.*metadata: \{ config \}/);
    await expect(store.models.saveModel("bad target", model, { metadata: { config: UNET_TINY, target: "drums" } })).rejects.toThrow(/target must be one of vocals, accompaniment, both/);
    await expect(store.models.saveModel(" ", model, { metadata })).rejects.toThrow(/name cannot be empty/);

    const record = await store.models.saveModel("ok", model, { metadata });
    const [json, weights] = await store.models.exportFiles(record.id);
    await expect(store.models.importFiles([weights])).rejects.toThrow(/hold no model\.json \(got: weights\.bin\)/);
    await expect(store.models.importFiles([json])).rejects.toThrow(/needs weights\.bin, which is not among the chosen files/);
    const short = new File([(await weights.arrayBuffer()).slice(0, 100)], "weights.bin");
    await expect(store.models.importFiles([json, short])).rejects.toThrow(/weights hold 100 bytes but model\.json describes \d+; the model folder is damaged or incomplete/);
    await expect(store.models.importFiles([new File(["{"], "model.json"), weights])).rejects.toThrow(/model\.json is not valid JSON/);
    const err = await store.models.importFiles([weights]).catch((e) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect(err.reason).toBe("invalid");
    expect((await store.models.list()).length).toBe(1);
  });
});
