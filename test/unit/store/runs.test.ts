import { afterEach, describe, expect, it } from "vitest";
import type { StepRecord } from "../../../src/train";
import { dropStores, freshStore } from "./helpers";

afterEach(dropStores);

const step = (n: number, loss = 1 / (n + 1)): StepRecord => ({ step: n, loss, learningRate: 1e-3, ms: 10, examplesPerSecond: 400 });

describe("run store", () => {
  it("creates a run, appends step records, updates, lists and deletes", async () => {
    const store = await freshStore();
    const run = await store.runs.create({ name: "first", config: { preset: "tiny", batchSize: 4 }, seed: 3, modelId: "m1", notebookId: "n1" });
    expect(run).toMatchObject({ name: "first", seed: 3, step: 0, records: [], modelId: "m1" });
    expect(run.started).toBe(run.updated);

    const after2 = await store.runs.appendRecords(run.id, [step(0), step(1)]);
    expect(after2.step).toBe(2);
    const after4 = await store.runs.appendRecords(run.id, [step(2), step(3, 0.1)]);
    expect(after4.records.map((r) => r.step)).toEqual([0, 1, 2, 3]);
    expect(after4.step).toBe(4);
    expect((await store.runs.get(run.id))!.records[3]).toEqual(step(3, 0.1));

    // Resumed from the checkpoint at step 2: the later history is replaced.
    const resumed = await store.runs.appendRecords(run.id, [step(2, 0.5)]);
    expect(resumed.records.map((r) => [r.step, r.loss])).toEqual([[0, 1], [1, 0.5], [2, 0.5]]);
    expect(resumed.step).toBe(3);

    const scored = await store.runs.update(run.id, { metrics: { "vocals SDR": 7.5 }, name: "scored" });
    expect(scored).toMatchObject({ name: "scored", metrics: { "vocals SDR": 7.5 }, step: 3 });

    await new Promise((r) => setTimeout(r, 2));
    const other = await store.runs.create({ name: "second", config: {}, seed: 1, records: [step(0), step(1)] });
    expect(other.step).toBe(2);
    expect((await store.runs.list()).map((r) => r.name)).toEqual(["second", "scored"]);
    expect((await store.runs.list({ modelId: "m1" })).map((r) => r.id)).toEqual([run.id]);

    await store.runs.delete(run.id);
    expect(await store.runs.get(run.id)).toBeUndefined();
    expect((await store.runs.list()).map((r) => r.id)).toEqual([other.id]);
  });

  it("loses no records when appends overlap", async () => {
    const store = await freshStore();
    const run = await store.runs.create({ name: "busy", config: {}, seed: 0 });
    await Promise.all([0, 1, 2, 3, 4].map((n) => store.runs.appendRecords(run.id, [step(n)])));
    expect((await store.runs.get(run.id))!.records.map((r) => r.step)).toEqual([0, 1, 2, 3, 4]);
  });

  it("says what is wrong", async () => {
    const store = await freshStore();
    await expect(store.runs.appendRecords("nope", [step(0)])).rejects.toMatchObject({ reason: "missing", message: expect.stringMatching(/no run nope/) });
    await expect(store.runs.create({ name: "x", config: {}, seed: 0.5 })).rejects.toThrow(/seed must be a whole number/);
    await expect(store.runs.create({ name: "", config: {}, seed: 0 })).rejects.toThrow(/name cannot be empty/);
  });
});
