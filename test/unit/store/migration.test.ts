import * as tf from "@tensorflow/tfjs";
import { deleteDB, openDB } from "idb";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { initBackend } from "../../../src/backend";
import { createUNet, UNET_TINY } from "../../../src/model";
import { openStore, STORE_VERSION, StoreError } from "../../../src/store";
import { captureModel } from "../../../src/train/model-format";
import { dropStores, fixedInput, freshName, freshStore, predict } from "./helpers";

beforeAll(async () => {
  await initBackend();
});
afterEach(dropStores);

/** A database as version 1 of the app wrote it, made with raw idb (not with the current code). */
async function versionOneDatabase(name: string, model: tf.LayersModel): Promise<void> {
  const db = await openDB(name, 1, {
    upgrade(db) {
      db.createObjectStore("notebooks", { keyPath: "id" });
      db.createObjectStore("models", { keyPath: "id" });
      db.createObjectStore("modelData", { keyPath: "id" });
    },
  });
  const { userDefinedMetadata: _, ...weights } = await captureModel(model, { includeOptimizer: false });
  const tx = db.transaction(["notebooks", "models", "modelData"], "readwrite");
  await Promise.all([
    tx.objectStore("notebooks").put({ id: "n1", name: "Intro", text: "// %% Load\nconst a = 1;\n", modified: 1_700_000_000_000 }),
    tx.objectStore("notebooks").put({ id: "n2", name: "Later", text: "// %% B\n", modified: 1_700_000_500_000 }),
    tx.objectStore("models").put({ id: "m1", name: "old tiny", created: 1_600_000_000_000, config: UNET_TINY, metadata: { target: "accompaniment", preset: "tiny" }, trainingStep: 5 }),
    tx.objectStore("models").put({ id: "m2", name: "two masks", created: 1_600_000_100_000, config: { ...UNET_TINY, outputs: 2 }, metadata: {}, trainingStep: 0 }),
    tx.objectStore("modelData").put({ id: "m1", ...weights }),
    tx.objectStore("modelData").put({ id: "m2", ...weights }),
    tx.done,
  ]);
  db.close();
}

describe("schema migrations", () => {
  it(`brings a version 1 database to version ${STORE_VERSION} with its data`, async () => {
    expect(STORE_VERSION).toBe(2);
    const name = freshName();
    const model = createUNet({ ...UNET_TINY, seed: 5 });
    await versionOneDatabase(name, model);

    const store = await freshStore(name);
    expect(await store.notebooks.get("n1")).toEqual({ id: "n1", name: "Intro", source: "// %% Load\nconst a = 1;\n", updated: 1_700_000_000_000 });
    // The list comes from the new "updated" index: newest first.
    expect((await store.notebooks.list()).map((n) => n.id)).toEqual(["n2", "n1"]);

    const m1 = await store.models.get("m1");
    expect(m1).toMatchObject({ name: "old tiny", target: "accompaniment", preset: "tiny", updated: 1_600_000_000_000, trainingStep: 5, resumable: false });
    expect(m1!.bytes).toBe(model.getWeights().reduce((n, w) => n + w.size * 4, 0));
    expect(await store.models.get("m2")).toMatchObject({ target: "both" });
    expect((await store.models.list()).map((m) => m.id)).toEqual(["m2", "m1"]);

    const x = fixedInput(UNET_TINY.inputBins, UNET_TINY.inputFrames);
    expect(predict((await store.models.loadModel("m1")).model, x)).toEqual(predict(model, x));
    x.dispose();

    // Runs did not exist in version 1; the store has them now.
    const run = await store.runs.create({ name: "new", config: {}, seed: 1, modelId: "m1" });
    expect((await store.runs.list({ modelId: "m1" })).map((r) => r.id)).toEqual([run.id]);
    // Notebooks written after the migration have the version 2 shape.
    const nb = await store.notebooks.put({ id: "n1", name: "Intro", source: "// %% x\n" });
    expect(nb).not.toHaveProperty("text");
  });

  it("says so when the database is newer than the code", async () => {
    const name = freshName();
    const db = await openDB(name, STORE_VERSION + 1, { upgrade: (d) => void d.createObjectStore("future") });
    db.close();
    const err = await openStore(name).catch((e) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect(err.reason).toBe("version");
    expect(err.message).toMatch(/written by a newer version of Demix Lab.*Reload the page/);
    await deleteDB(name);
  });

  it("rolls a failed migration back, leaving the version 1 data as it was", async () => {
    const name = freshName();
    const model = createUNet({ ...UNET_TINY, seed: 5 });
    await versionOneDatabase(name, model);
    const update = IDBCursor.prototype.update;
    // The second model record fails to rewrite, after notebooks and the first model were migrated.
    let calls = 0;
    IDBCursor.prototype.update = function (this: IDBCursor, value: unknown) {
      if (++calls === 4) throw new DOMException("disk went away", "UnknownError");
      return update.call(this, value);
    };
    const err = await openStore(name).catch((e) => e);
    IDBCursor.prototype.update = update;
    expect(err).toBeInstanceOf(StoreError);
    expect(err.message).toMatch(/Could not upgrade the database .* from version 1 to 2: disk went away\. The upgrade was rolled back/);

    const db = await openDB(name);
    expect(db.version).toBe(1);
    expect([...db.objectStoreNames]).toEqual(["modelData", "models", "notebooks"]);
    expect(await db.get("notebooks", "n1")).toMatchObject({ text: "// %% Load\nconst a = 1;\n" });
    expect(await db.get("models", "m1")).not.toHaveProperty("target");
    db.close();
    await deleteDB(name);
  });
});
