/**
 * The store: one connection to Demix Lab's own IndexedDB database (tfjs keeps its `tensorflowjs`
 * database apart; its `indexeddb://` save resolves before it commits, so models are not kept there).
 */
import { openDatabase, type Database } from "./database";
import { StoreError, storageUse, type StorageUse } from "./errors";
import { ModelStore } from "./models";
import { NotebookStore } from "./notebooks";
import { RunStore } from "./runs";
import { DEFAULT_STORE_NAME } from "./schema";

export interface Store {
  /** The database's name. */
  readonly name: string;
  readonly notebooks: NotebookStore;
  readonly models: ModelStore;
  readonly runs: RunStore;
  /** This site's storage use and quota as the browser reports them (empty where it does not). */
  estimate(): Promise<StorageUse>;
  /** Closes the connection; later calls fail with a StoreError until the store is opened again. */
  close(): void;
}

/** Opens (creating or upgrading as needed) the database `name`. */
export async function openStore(name: string = DEFAULT_STORE_NAME): Promise<Store> {
  if (typeof indexedDB === "undefined") {
    throw new StoreError("this environment has no IndexedDB (the store runs in a browser; in Node tests import fake-indexeddb/auto first)", "failed");
  }
  const db = await openDatabase(name);
  let closed = false;
  const connection = (): Database => {
    if (closed) throw new StoreError(`the store "${name}" was closed; open it again with openStore()`, "closed");
    return db;
  };
  return {
    name,
    notebooks: new NotebookStore(connection),
    models: new ModelStore(connection),
    runs: new RunStore(connection),
    estimate: storageUse,
    close() {
      closed = true;
      db.close();
    },
  };
}
