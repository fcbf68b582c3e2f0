import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { initBackend } from "../../../src/backend";
import { startTraining, type TrainingOptions } from "../../../src/session";
import type { StepRecord } from "../../../src/train";
import { tinyTracks } from "../train/tiny-data";

// The brief's setting: the tiny U-Net on two generated 4 s songs at the model's rate.
const base: TrainingOptions = {
  model: { preset: "tiny", seed: 7 },
  data: { generated: { songs: 2, seconds: 4, seed: 11, sampleRate: 8192 } },
  steps: 6,
  batchSize: 4,
  learningRate: 3e-3,
  seed: 7,
};

let straight: StepRecord[];

beforeAll(async () => {
  expect((await initBackend()).name).toBe("wasm");
  // The reference: six steps in one go.
  const run = startTraining(base);
  expect(await run.done).toEqual({ stoppedBy: "steps", step: 6 });
  straight = run.records;
  run.dispose();
});

describe("startTraining in Node (in-process)", () => {
  it("streams one record per step, in order, to every iteration, and ends the iteration with the run", async () => {
    const run = startTraining(base);
    const seen: number[] = [];
    const late: number[] = [];
    for await (const record of run.progress) {
      seen.push(record.step);
      expect(record.loss).toBeGreaterThan(0);
      expect(record.ms).toBeGreaterThan(0);
    }
    // A second iteration after the end replays everything from the first step.
    for await (const record of run.progress) late.push(record.step);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5]);
    expect(late).toEqual(seen);
    expect(run.records.map((r) => r.loss)).toEqual(straight.map((r) => r.loss)); // deterministic from the seeds
    expect((await run.backend).name).toBe("wasm");
    const state = await run.state();
    expect(state.step).toBe(6);
    expect(state.records).toHaveLength(6);
    run.dispose();
  });

  it("stops within one step of stop(), and continues from artifacts() exactly as if it had never stopped", async () => {
    const first = startTraining(base);
    for await (const record of first.progress) {
      if (record.step === 1) void first.stop(); // after the second step
    }
    const end = await first.done;
    expect(end.stoppedBy).toBe("stop");
    expect(end.step - 2).toBeLessThanOrEqual(1);
    expect(first.records).toHaveLength(end.step);

    const saved = await first.artifacts();
    expect(saved.training.step).toBe(end.step);
    expect(saved.weightSpecs!.some((s) => s.group === "optimizer")).toBe(true); // the Adam moments travel along
    first.dispose();

    const rest = 6 - end.step;
    const second = startTraining({ model: { artifacts: saved, training: saved.training }, data: base.data, steps: rest });
    expect(await second.done).toEqual({ stoppedBy: "steps", step: 6 });
    const losses = [...first.records, ...second.records].map((r) => r.loss);
    expect(second.records.map((r) => r.step)).toEqual(straight.slice(end.step).map((r) => r.step));
    // Bit for bit: same Adam moments and β powers, batch-norm statistics, step count and data order.
    expect(losses).toEqual(straight.map((r) => r.loss));
    // The continued run's state holds the whole history.
    expect((await second.state()).records.map((r) => r.step)).toEqual([0, 1, 2, 3, 4, 5]);
    second.dispose();
  });

  it("takes artifacts asked for mid-run between steps, so continuing from them is exact", async () => {
    const run = startTraining(base);
    let snapshot: ReturnType<typeof run.artifacts> | undefined;
    for await (const record of run.progress) if (record.step === 0) snapshot = run.artifacts(); // while step 1 is under way
    await run.done;
    const saved = await snapshot!;
    expect(saved.training.step).toBeGreaterThanOrEqual(1);
    expect(saved.training.step).toBeLessThan(6);
    run.dispose();
    const rest = startTraining({ model: { artifacts: saved }, data: base.data, steps: 6 - saved.training.step });
    await rest.done;
    rest.records.forEach((r) => expect(r.loss).toBe(straight[r.step].loss));
    expect(rest.records.map((r) => r.step)).toEqual(straight.slice(saved.training.step).map((r) => r.step));
    rest.dispose();
  });

  it("gives a model copy that predicts like the trained model and is the caller's own", async () => {
    const run = startTraining({ ...base, steps: 3 });
    await run.done;
    const copy = await run.model();
    expect(copy.optimizer).toBeFalsy();
    const x = tf.tidy(() => tf.randomUniform([2, 64, 32, 1], 0, 1, "float32", 5));
    const mask = copy.predict(x) as tf.Tensor;
    expect(mask.shape).toEqual([2, 64, 32, 1]);
    const values = await mask.data();
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThanOrEqual(1);
    // Disposing the copy leaves the run's model alone.
    copy.dispose();
    const again = await run.model();
    const same = again.predict(x) as tf.Tensor;
    expect(await same.data()).toEqual(values);
    tf.dispose([x, mask, same]);
    again.dispose();
    run.dispose();
  });

  it("measures a validation loss on held-out songs every validateEvery steps", async () => {
    const run = startTraining({ ...base, steps: 4, validation: { generated: { songs: 1, seconds: 4, seed: 99 } }, validateEvery: 2 });
    await run.done;
    expect(run.records.map((r) => r.validationLoss !== undefined)).toEqual([false, true, false, true]);
    expect(run.records[1].validationLoss).toBeGreaterThan(0);
    run.dispose();
  });

  it("is part of the library's public surface", async () => {
    expect(await import("../../../src")).toHaveProperty("startTraining", startTraining);
  });

  it("trains on the caller's stem tracks", async () => {
    const run = startTraining({ ...base, data: { tracks: tinyTracks(2, 4) }, steps: 2 });
    expect(await run.done).toEqual({ stoppedBy: "steps", step: 2 });
    run.dispose();
  });

  it("augments with the options given, keeps them with the run, and says which one is wrong", async () => {
    const run = startTraining({ ...base, steps: 1, augment: { eq: 0.5 } });
    expect(await run.done).toEqual({ stoppedBy: "steps", step: 1 });
    const saved = await run.artifacts();
    run.dispose();
    expect(saved.training?.augment).toMatchObject({ eq: 0.5, eqDb: 6, gain: 1 });
    const bad = startTraining({ ...base, steps: 1, augment: { eq: 2 } });
    const end = await bad.done;
    expect(end.stoppedBy).toBe("error");
    expect(end.message).toMatch(/augment eq is a probability in \[0, 1\], got 2/);
    bad.dispose();
  });

  it("ends with an error message, never a hang or a throw, for bad options", async () => {
    const run = startTraining({ data: { tracks: [] }, steps: 1.5, batchSize: 0 });
    const records: StepRecord[] = [];
    for await (const r of run.progress) records.push(r);
    const end = await run.done;
    expect(records).toEqual([]);
    expect(end.stoppedBy).toBe("error");
    expect(end.message).toMatch(/steps must be a whole number/);
    expect(end.message).toMatch(/batchSize must be a whole number/);
    expect(end.message).toMatch(/data\.tracks must list at least one track/);
    await expect(run.backend).rejects.toThrow(/invalid training options/);
    await expect(run.artifacts()).rejects.toThrow(/has no model: it could not start/);
    run.dispose();
  });

  it("refuses to continue a run with settings other than those it was recorded with", async () => {
    const run = startTraining({ ...base, steps: 1 });
    await run.done;
    const saved = await run.artifacts();
    run.dispose();
    const other = startTraining({ model: { artifacts: saved }, data: base.data, steps: 1, learningRate: 1e-2 });
    const end = await other.done;
    expect(end.stoppedBy).toBe("error");
    expect(end.message).toMatch(/learningRate is 0\.003 in the run being continued but 0\.01 was given/);
  });

  it("stops on a NaN loss with the Trainer's message", async () => {
    const [track] = tinyTracks(1, 4);
    track.vocals.channels[0][4 * 8192 * 0.5] = Infinity; // mid-track: inside every patch
    const run = startTraining({ ...base, data: { tracks: [track] }, steps: 3 });
    const end = await run.done;
    expect(end.stoppedBy).toBe("nan");
    expect(end.step).toBe(0);
    expect(end.message).toMatch(/step 0: the loss became NaN.*Lower the learning rate/);
    run.dispose();
  });
});
