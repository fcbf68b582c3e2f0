/**
 * Demix Lab's library: everything a notebook, the app or a script imports. Browser-safe; Node-only
 * file access lives in src/audio/node.ts, src/data/node.ts and src/train/model-files.ts.
 */
export * from "./audio";
export * from "./dsp";
export * from "./eval";
export * from "./separate";
export * from "./model";
export * from "./train";
export * from "./backend";
export * from "./viz";
export * from "./data";
export * from "./session";
export { display, invalidation, quickMode, view } from "./notebook/helpers";
export { saveModel, loadModel, listModels, deleteModel, loadShippedModel, type SavedModelInfo, type LoadedModel as LoadedSavedModel } from "./workspace";
