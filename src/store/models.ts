/**
 * Models: a small record per model (listing reads only these) and its weights in `modelData`,
 * always written together in one transaction, so a crash or a full disk never leaves half a model.
 * Saved with its training state and optimizer moments, a model continues training exactly.
 */
import * as tf from "@tensorflow/tfjs";
import type { UNetConfig } from "../model";
import { captureModel, capturedFromArtifacts, checkWeightBytes, hasOptimizerWeights, loadableArtifacts, restoreAdamPowers } from "../train/model-format";
import type { TrainingState } from "../train/records";
import type { TrainingTarget } from "../train/sampler";
import { commit, type Database } from "./database";
import { guard, StoreError } from "./errors";
import { newId } from "./ids";
import { modelFolderFiles, readModelFolder } from "./model-files";
import type { ModelData, ModelRecord } from "./schema";

const TARGETS: readonly TrainingTarget[] = ["vocals", "accompaniment", "both"];

export interface SaveModelOptions {
  /** The run's state (step, seed, schedule, records…): needed, with the optimizer, to resume training. */
  training?: TrainingState;
  /**
   * Facts stored with the model, merged over the model's own userDefinedMetadata. `config` (the
   * UNetConfig it was built with) is required there unless the model carries it; `target` and
   * `preset` are read from here too.
   */
  metadata?: Record<string, unknown>;
  /** Save the optimizer's moments (default: when the model has an optimizer); needed for an exact resume. */
  includeOptimizer?: boolean;
  /** Store float32 weights as float16: half the size, not for resuming (the moments lose precision too). */
  float16?: boolean;
  /** Replace this stored model (a checkpoint of the same run) instead of adding a new one. */
  id?: string;
}

export interface LoadedModel {
  model: tf.LayersModel;
  /** Present when the model was saved with a training state. */
  training?: TrainingState;
  metadata: Record<string, unknown>;
  record: ModelRecord;
}

export class ModelStore {
  constructor(private readonly db: () => Database) {}

  /** Every model's record (no weights), most recently changed first. */
  list(): Promise<ModelRecord[]> {
    return guard("list the models", async () => (await this.db().getAllFromIndex("models", "updated")).reverse());
  }

  /** The model's record, or undefined when there is none with this id. */
  get(id: string): Promise<ModelRecord | undefined> {
    return guard(`read model ${id}`, () => this.db().get("models", id));
  }

  /** Saves `model`; resolves once the record and weights are committed, with the stored record. */
  saveModel(name: string, model: tf.LayersModel, options: SaveModelOptions = {}): Promise<ModelRecord> {
    return guard(`save model "${name}"`, async () => {
      checkName(name, "model");
      const metadata = describe({ ...((model.getUserDefinedMetadata() as Record<string, unknown>) ?? {}), ...options.metadata }, options.training, `model "${name}"`);
      // Serialise before the transaction opens: an IndexedDB transaction commits as soon as it has
      // nothing to do, so it cannot wait for tfjs to read the weights.
      const captured = await captureModel(model, { includeOptimizer: options.includeOptimizer, float16: options.float16 });
      const { userDefinedMetadata: _, ...artifacts } = captured;
      return this.write(options.id ?? newId(), name, metadata, { ...artifacts, ...(options.training ? { training: options.training } : {}) });
    });
  }

  /**
   * Saves artifacts as a training run hands them over (`TrainingRun.artifacts()`, with the Adam
   * moments and the run's state), without building a model on this thread first.
   */
  saveArtifacts(
    name: string,
    artifacts: tf.io.ModelArtifacts & { training?: TrainingState },
    options: { metadata?: Record<string, unknown>; id?: string } = {},
  ): Promise<ModelRecord> {
    return guard(`save model "${name}"`, async () => {
      checkName(name, "model");
      const { training } = artifacts;
      const metadata = describe({ ...((artifacts.userDefinedMetadata as Record<string, unknown>) ?? {}), ...options.metadata }, training, `model "${name}"`);
      const { userDefinedMetadata: _, ...data } = capturedFromArtifacts(artifacts);
      checkWeightBytes(data.weightSpecs, data.weightData, `model "${name}"`);
      return this.write(options.id ?? newId(), name, metadata, { ...data, ...(training ? { training } : {}) });
    });
  }

  /** A stored model's artifacts and training state, to continue training it elsewhere (a worker). */
  loadArtifacts(id: string): Promise<tf.io.ModelArtifacts & { training?: TrainingState; record: ModelRecord }> {
    return guard(`load model ${id}`, async () => {
      const tx = this.db().transaction(["models", "modelData"]);
      const [record, data] = await Promise.all([tx.objectStore("models").get(id), tx.objectStore("modelData").get(id), tx.done]);
      if (!record || !data) throw missing(id);
      checkWeightBytes(data.weightSpecs, data.weightData, `stored model "${record.name}"`);
      return { ...loadableArtifacts({ ...data, userDefinedMetadata: record.metadata }), ...(data.training ? { training: data.training } : {}), record };
    });
  }

  /** Rebuilds a stored model with its weights (and compiled optimizer, when saved with one). */
  loadModel(id: string): Promise<LoadedModel> {
    return guard(`load model ${id}`, async () => {
      const { record, training, ...artifacts } = await this.loadArtifacts(id);
      let model: tf.LayersModel;
      try {
        model = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
        restoreAdamPowers(model);
      } catch (e) {
        throw new StoreError(`the stored model "${record.name}" could not be rebuilt by tfjs: ${(e as Error).message}`, "invalid", { cause: e });
      }
      return { model, training, metadata: record.metadata, record };
    });
  }


  rename(id: string, name: string): Promise<ModelRecord> {
    return guard(`rename model ${id}`, async () => {
      checkName(name, "model");
      const tx = this.db().transaction("models", "readwrite");
      let saved: ModelRecord | undefined;
      await commit(tx, (track) =>
        track(
          tx.store.get(id).then((old) => {
            if (!old) return;
            saved = { ...old, name, updated: Date.now() };
            return tx.store.put(saved);
          }),
        ),
      );
      if (!saved) throw missing(id);
      return saved;
    });
  }

  /** Deletes the model's record and weights together; deleting one that is not there does nothing. */
  delete(id: string): Promise<void> {
    return guard(`delete model ${id}`, async () => {
      const tx = this.db().transaction(["models", "modelData"], "readwrite");
      await commit(tx, (track) => {
        track(tx.objectStore("models").delete(id));
        track(tx.objectStore("modelData").delete(id));
      });
    });
  }

  /** model.json, weights.bin and (with a training state) training.json, as `demix train` writes them. */
  exportFiles(id: string): Promise<File[]> {
    return guard(`export model ${id}`, async () => {
      const tx = this.db().transaction(["models", "modelData"]);
      const [record, data] = await Promise.all([tx.objectStore("models").get(id), tx.objectStore("modelData").get(id), tx.done]);
      if (!record || !data) throw missing(id);
      return modelFolderFiles(record, data);
    });
  }

  /**
   * Stores a model folder's files (model.json, its weight files, training.json when present; other
   * files are ignored) as a new model. Its name: `options.name`, else the picked folder's name.
   */
  importFiles(files: File[], options: { name?: string } = {}): Promise<ModelRecord> {
    return guard("import the model files", async () => {
      const folder = await readModelFolder(files);
      const name = options.name ?? folder.folder ?? (typeof folder.metadata.name === "string" ? folder.metadata.name : "imported model");
      const metadata = describe(folder.metadata, folder.data.training, `${name} (model.json's userDefinedMetadata)`);
      return this.write(newId(), name, metadata, folder.data);
    });
  }

  /** Writes the record and weights in one transaction; keeps `created` when replacing a model. */
  private async write(id: string, name: string, metadata: Described, data: Omit<ModelData, "id">): Promise<ModelRecord> {
    const now = Date.now();
    const tx = this.db().transaction(["models", "modelData"], "readwrite");
    const records = tx.objectStore("models");
    let record!: ModelRecord;
    await commit(tx, (track) => {
      track(
        records.get(id).then((old) => {
          record = {
            id,
            name,
            created: old?.created ?? now,
            updated: now,
            config: metadata.config,
            target: metadata.target,
            ...(typeof metadata.preset === "string" ? { preset: metadata.preset } : {}),
            trainingStep: data.training?.step ?? (typeof metadata.trainedSteps === "number" ? metadata.trainedSteps : 0),
            metadata,
            bytes: data.weightData.byteLength,
            resumable: data.training != null && hasOptimizerWeights(data.weightSpecs),
          };
          return records.put(record);
        }),
      );
      track(tx.objectStore("modelData").put({ ...data, id }));
    });
    return record;
  }
}

type Described = Record<string, unknown> & { config: UNetConfig; target: TrainingTarget };

/**
 * Metadata with the config and target every record needs, written into it too: `demix separate`
 * reads the target from an exported model.json's metadata.
 */
function describe(metadata: Record<string, unknown>, training: TrainingState | undefined, what: string): Described {
  const config = metadata.config as UNetConfig | undefined;
  if (!config || typeof config !== "object" || !Array.isArray(config.encoderFilters)) {
    throw new StoreError(
      `${what} does not say which U-Net config it was built with; pass it as metadata: { config } ` +
        `(the config given to createUNet), as demix train records it`,
      "invalid",
    );
  }
  const target = (metadata.target ?? training?.target ?? (config.outputs === 2 ? "both" : "vocals")) as TrainingTarget;
  if (!TARGETS.includes(target)) throw new StoreError(`${what}: target must be one of ${TARGETS.join(", ")}, got ${JSON.stringify(target)}`, "invalid");
  return { ...metadata, config, target };
}

function checkName(name: string, what: string): void {
  if (typeof name !== "string" || !name.trim()) throw new StoreError(`a ${what}'s name cannot be empty`, "invalid");
}

function missing(id: string): StoreError {
  return new StoreError(`there is no model ${id} in this browser's store (it may have been deleted, or saved in another browser); list() shows what is stored`, "missing");
}
