import * as tf from "@tensorflow/tfjs";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initBackend } from "../../../src/backend";
import { createUNet, UNET_TINY } from "../../../src/model";
import { PatchSampler, Trainer, trackSpectra, type TrackSpectra } from "../../../src/train";
import { loadModelDir, saveModelDir } from "../../../src/train/model-files";
import { tempDir } from "../cli/run-cli";
import { tinyTracks } from "./tiny-data";

let tracks: TrackSpectra[];
const dirs: string[] = [];
const shape = { bins: UNET_TINY.inputBins, frames: UNET_TINY.inputFrames };
const state = { seed: 3, batchSize: 4, target: "vocals" as const, schedule: { initial: 3e-3 }, validateEvery: 0 };
const fresh = () => new Trainer(createUNet({ ...UNET_TINY, seed: 3 }), new PatchSampler(tracks, shape, "vocals", 3), state);

beforeAll(async () => {
  // The real path: wasm with our training kernels, as in the CLI and the browser.
  expect((await initBackend()).name).toBe("wasm");
  tracks = tinyTracks().map(trackSpectra);
});
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("trainer", () => {
  it("lowers the loss over 30 steps on a tiny dataset, and leaks no tensors per step", async () => {
    const trainer = fresh();
    await trainer.train({ steps: 1 });
    const before = tf.memory().numTensors;
    const { records } = await trainer.train({ steps: 29 });
    expect(tf.memory().numTensors).toBe(before);
    const mean = (r: typeof records) => r.reduce((s, x) => s + x.loss, 0) / r.length;
    expect(mean(records.slice(-5))).toBeLessThan(0.6 * mean(trainer.state.records.slice(0, 5)));
    expect(trainer.state.step).toBe(30);
    expect(records[0]).toMatchObject({ step: 1, learningRate: 3e-3 });
    expect(records[0].examplesPerSecond).toBeGreaterThan(0);
  });

  it("continues after save and load exactly as if it had never stopped", async () => {
    const straight = fresh();
    await straight.train({ steps: 6 });
    const [next] = (await straight.train({ steps: 1 })).records;

    const first = fresh();
    await first.train({ steps: 6 });
    const dir = tempDir();
    dirs.push(dir);
    await saveModelDir(first.model, join(dir, "m"), { training: first.state });
    const saved = await loadModelDir(join(dir, "m"));
    expect(saved.training!.step).toBe(6);
    const resumed = new Trainer(saved.model, new PatchSampler(tracks, shape, "vocals", saved.training!.seed), saved.training!);
    const [again] = (await resumed.train({ steps: 1 })).records;
    expect(again.step).toBe(6);
    expect(again.loss).toBeCloseTo(next.loss, 4);
    expect(Math.abs(again.loss - next.loss) / next.loss).toBeLessThan(1e-5);
  });

  it("stops on a NaN loss with a message and keeps the last good weights", async () => {
    const trainer = fresh();
    await trainer.train({ steps: 2 });
    const weights = trainer.model.getWeights().map((w) => w.dataSync().slice());
    const poisoned = tracks.map((t) => ({ ...t, mixture: t.mixture.map(() => NaN) }));
    const bad = new Trainer(trainer.model, new PatchSampler(poisoned, shape, "vocals", 3), { ...trainer.state });
    const outcome = await bad.train({ steps: 3 });
    expect(outcome.stoppedBy).toBe("nan");
    expect(outcome.message).toMatch(/step 2: the loss became NaN.*weights of step 1.*Lower the learning rate/);
    trainer.model.getWeights().forEach((w, i) => expect(w.dataSync()).toEqual(weights[i]));
  });

  it("stops between steps when asked", async () => {
    const trainer = fresh();
    let n = 0;
    const outcome = await trainer.train({ steps: 10, shouldStop: () => n++ >= 2 });
    expect(outcome.stoppedBy).toBe("stop");
    expect(trainer.state.step).toBe(2);
  });

  it("measures a validation loss on held-out tracks", async () => {
    const trainer = new Trainer(createUNet({ ...UNET_TINY, seed: 3 }), new PatchSampler(tracks, shape, "vocals", 3), { ...state, validateEvery: 2 });
    trainer.useValidation(new PatchSampler(tinyTracks(1, 4).map(trackSpectra), shape, "vocals", 3));
    const { records } = await trainer.train({ steps: 4 });
    expect(records.map((r) => r.validationLoss === undefined)).toEqual([true, false, true, false]);
    expect(records[1].validationLoss).toBeGreaterThan(0);
  });
});

describe("model folders", () => {
  it("store weights as float16 at half the size, within half-precision rounding", async () => {
    const model = createUNet({ ...UNET_TINY, seed: 9 });
    const dir = tempDir();
    dirs.push(dir);
    await saveModelDir(model, join(dir, "f32"), { includeOptimizer: false });
    await saveModelDir(model, join(dir, "f16"), { includeOptimizer: false, float16: true });
    const { statSync } = await import("node:fs");
    const size = (d: string) => statSync(join(dir, d, "weights.bin")).size;
    expect(size("f16")).toBe(size("f32") / 2);
    const loaded = await loadModelDir(join(dir, "f16"));
    const want = model.getWeights();
    loaded.model.getWeights().forEach((w, i) => {
      const a = w.dataSync();
      const b = want[i].dataSync();
      for (let k = 0; k < a.length; k++) expect(Math.abs(a[k] - b[k])).toBeLessThanOrEqual(Math.abs(b[k]) * 2 ** -11 + 1e-7);
    });
  });

  it("say what is wrong with a damaged folder", async () => {
    const dir = tempDir();
    dirs.push(dir);
    await expect(loadModelDir(join(dir, "nothing"))).rejects.toThrow(/does not exist/);
    const model = createUNet({ ...UNET_TINY, seed: 9 });
    await saveModelDir(model, join(dir, "m"), { includeOptimizer: false });
    const { truncateSync } = await import("node:fs");
    truncateSync(join(dir, "m", "weights.bin"), 100);
    await expect(loadModelDir(join(dir, "m"))).rejects.toThrow(/damaged or incomplete/);
  });
});
