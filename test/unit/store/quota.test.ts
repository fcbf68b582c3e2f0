import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { initBackend } from "../../../src/backend";
import { createUNet, UNET_TINY } from "../../../src/model";
import { StoreError, type Store } from "../../../src/store";
import { dropStores, fixedInput, freshStore, predict, simulateFullQuota } from "./helpers";

const metadata = { config: UNET_TINY, target: "vocals" };
let restore: (() => void) | undefined;

beforeAll(async () => {
  await initBackend();
});
afterEach(async () => {
  restore?.();
  restore = undefined;
  vi.unstubAllGlobals();
  await dropStores();
});

/** Counts of records in every store, read straight from IndexedDB. */
async function counts(store: Store) {
  const { openDB } = await import("idb");
  const db = await openDB(store.name);
  const result = Object.fromEntries(await Promise.all(["notebooks", "models", "modelData", "runs"].map(async (s) => [s, await db.count(s)])));
  db.close();
  return result;
}

describe("a full quota", () => {
  for (const how of ["throw", "request", "commit"] as const) {
    it(`(${how === "throw" ? "put throws" : how === "request" ? "request fails, transaction aborts" : "transaction aborts at commit"}) becomes a StoreError that says so, and loses nothing`, async () => {
      vi.stubGlobal("navigator", { storage: { estimate: async () => ({ usage: 1_234_000_000, quota: 1_250_000_000 }) } });
      const store = await freshStore();
      const model = createUNet({ ...UNET_TINY, seed: 1 });
      const x = fixedInput(UNET_TINY.inputBins, UNET_TINY.inputFrames);
      const kept = await store.models.saveModel("kept", model, { metadata });
      const nb = await store.notebooks.put({ name: "nb", source: "// %% a\n" });
      const run = await store.runs.create({ name: "run", config: {}, seed: 1, records: [{ step: 0, loss: 1, learningRate: 1e-3, ms: 1, examplesPerSecond: 1 }] });
      const before = await counts(store);
      expect(before).toEqual({ notebooks: 1, models: 1, modelData: 1, runs: 1 });

      // The weights do not fit: neither the new model's record nor its weights land.
      restore = simulateFullQuota("modelData", how);
      const other = createUNet({ ...UNET_TINY, seed: 2 });
      const err = await store.models.saveModel("new", other, { metadata }).catch((e) => e);
      expect(err).toBeInstanceOf(StoreError);
      expect(err.reason).toBe("quota");
      expect(err.message).toMatch(
        /Could not save model "new": the browser's storage for this site is full \(1\.23 GB of 1\.25 GB is used\)\. Nothing already stored was lost\. Delete models or runs you no longer need, or export them to files and then delete them/,
      );
      expect(await counts(store)).toEqual(before);

      // Nor when the record is what does not fit (its put is chained on a read, after the weights' put).
      restore();
      restore = simulateFullQuota("models", how);
      await expect(store.models.saveModel("new", other, { metadata })).rejects.toMatchObject({ reason: "quota" });
      expect(await counts(store)).toEqual(before);

      // Overwriting a checkpoint that does not fit keeps the old checkpoint whole.
      await expect(store.models.saveModel("kept v2", other, { metadata, id: kept.id })).rejects.toMatchObject({ reason: "quota" });
      restore();
      expect(await store.models.list()).toEqual([kept]);
      expect(predict((await store.models.loadModel(kept.id)).model, x)).toEqual(predict(model, x));

      // Notebooks and runs report it the same way and keep what they had.
      restore = simulateFullQuota("notebooks", how);
      await expect(store.notebooks.put({ id: nb.id, name: "nb", source: "// %% lost edit\n" })).rejects.toThrow(/Could not save notebook "nb": the browser's storage for this site is full/);
      restore();
      expect(await store.notebooks.get(nb.id)).toEqual(nb);
      restore = simulateFullQuota("runs", how);
      await expect(store.runs.appendRecords(run.id, [{ step: 1, loss: 0.5, learningRate: 1e-3, ms: 1, examplesPerSecond: 1 }])).rejects.toMatchObject({ reason: "quota" });
      restore();
      expect(await store.runs.get(run.id)).toEqual(run);
      expect(await counts(store)).toEqual(before);
      x.dispose();
    });
  }

  it("says when the browser does not report its use", async () => {
    const store = await freshStore();
    restore = simulateFullQuota("notebooks", "throw");
    await expect(store.notebooks.put({ name: "nb", source: "" })).rejects.toThrow(/full \(the browser does not say how much is used\)/);
  });
});
