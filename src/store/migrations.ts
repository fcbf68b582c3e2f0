/**
 * The database's schema history as a table: MIGRATIONS[v] takes a database at version v to v + 1,
 * inside the upgrade's versionchange transaction, so a failed migration rolls back entirely and the
 * old data stays as it was. Opening at STORE_VERSION runs every step from the stored version on.
 *
 * Version 1 (the first store; kept so old databases still open):
 *   notebooks  { id, name, text, modified }                                  no index
 *   models     { id, name, created, config, metadata, trainingStep }         no index
 *   modelData  { id, format, generatedBy?, modelTopology, trainingConfig?, weightSpecs, weightData, training? }
 * Version 2:
 *   notebooks  text → source, modified → updated; optional origin and shippedHash; index "updated"
 *   models     + target (metadata.target, else from config.outputs), updated (= created),
 *              preset (metadata.preset), bytes and resumable (read from modelData); index "updated"
 *   modelData  unchanged
 *   runs       new: { id, name, modelId?, notebookId?, config, seed, started, updated, step, records, metrics? },
 *              indexes "updated" and "modelId"
 */
import type { IDBPDatabase, IDBPTransaction } from "idb";
import { hasOptimizerWeights } from "../train/model-format";
import type { ModelData, ModelRecord, Notebook } from "./schema";

// Migrations see the database as it was at their version, not as schema.ts types it now.
type Database = IDBPDatabase<unknown>;
type Upgrade = IDBPTransaction<unknown, string[], "versionchange">;
export type Migration = (db: Database, tx: Upgrade) => Promise<void>;

export const MIGRATIONS: readonly Migration[] = [
  // 0 → 1: the first schema.
  async (db) => {
    db.createObjectStore("notebooks", { keyPath: "id" });
    db.createObjectStore("models", { keyPath: "id" });
    db.createObjectStore("modelData", { keyPath: "id" });
  },

  // 1 → 2: notebooks get `source` and `updated` (indexed); models get target, updated, preset, size; runs appear.
  async (db, tx) => {
    const notebooks = tx.objectStore("notebooks");
    notebooks.createIndex("updated", "updated");
    const models = tx.objectStore("models");
    models.createIndex("updated", "updated");
    const runs = db.createObjectStore("runs", { keyPath: "id" });
    runs.createIndex("updated", "updated");
    runs.createIndex("modelId", "modelId");

    for (let cursor = await notebooks.openCursor(); cursor; cursor = await cursor.continue()) {
      const { text, modified, ...rest } = cursor.value as { id: string; name: string; text?: string; modified?: number };
      const notebook: Notebook = { ...rest, source: text ?? "", updated: modified ?? 0 };
      await cursor.update(notebook);
    }
    const data = tx.objectStore("modelData");
    for (let cursor = await models.openCursor(); cursor; cursor = await cursor.continue()) {
      const old = cursor.value as Omit<ModelRecord, "target" | "updated" | "preset" | "bytes" | "resumable">;
      const weights = (await data.get(old.id)) as ModelData | undefined;
      const metadata = old.metadata ?? {};
      const target = metadata.target ?? (old.config?.outputs === 2 ? "both" : "vocals");
      const record: ModelRecord = {
        ...old,
        metadata,
        target: target as ModelRecord["target"],
        updated: old.created,
        ...(typeof metadata.preset === "string" ? { preset: metadata.preset } : {}),
        bytes: weights?.weightData.byteLength ?? 0,
        resumable: weights?.training != null && hasOptimizerWeights(weights.weightSpecs),
      };
      await cursor.update(record);
    }
  },
];

export const STORE_VERSION = MIGRATIONS.length;
