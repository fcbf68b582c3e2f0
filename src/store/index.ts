/**
 * Persistence, browser-only (IndexedDB): notebooks, models with their weights and training state,
 * and training runs, in the database "demix-lab". Not exported from src/index.ts, which must load in Node.
 */
export { openStore, type Store } from "./store";
export { StoreError, formatBytes, type StoreErrorReason, type StorageUse } from "./errors";
export { NotebookStore, type NotebookInput } from "./notebooks";
export { ModelStore, type LoadedModel, type SaveModelOptions } from "./models";
export { RunStore, type RunChanges, type RunInput } from "./runs";
export { STORE_VERSION } from "./migrations";
export { DEFAULT_STORE_NAME, type ModelData, type ModelRecord, type Notebook, type NotebookOrigin, type RunRecord } from "./schema";
