import type * as tf from "@tensorflow/tfjs";
import { initBackend, type BackendInfo } from "../backend";
import { complexTrackSpectra, PatchSampler, Trainer, trackSpectra, type StepRecord, type TrainingState } from "../train";
import { toArtifacts } from "./artifacts";
import { stemTracks } from "./data";
import { optionProblems, type TrainingArtifacts, type TrainingEnd, type TrainingOptions } from "./options";
import { startingPoint } from "./starting-point";

/**
 * One training run where the model lives: in the worker, or in-process in Node. Owns the model and
 * the Trainer, runs the steps one by one, and answers for the model's state only between steps, so
 * what it hands out is never half a step (weights updated but batch-norm statistics or step count not,
 * or the reverse).
 */
export class TrainingSession {
  /** Resolves with the backend once it has started; rejects if the run fails before that. */
  readonly backend: Promise<BackendInfo>;
  private readonly trainer: Promise<Trainer>;
  private readonly turns = new Turns();
  private stopRequested = false;
  private disposed = false;

  /** `stopSignal`: a second way to be told to stop, read synchronously between steps (the worker's shared flag). */
  constructor(
    private readonly options: TrainingOptions,
    private readonly stopSignal: () => boolean = () => false,
  ) {
    let started!: (info: BackendInfo) => void;
    let failed!: (e: unknown) => void;
    this.backend = new Promise((resolve, reject) => ((started = resolve), (failed = reject)));
    this.trainer = this.prepare(started);
    // A failed start is reported through run()'s end; these rejections reach only those who ask.
    this.trainer.catch(failed);
    this.backend.catch(() => {});
  }

  private async prepare(started: (info: BackendInfo) => void): Promise<Trainer> {
    const problems = optionProblems(this.options);
    if (problems.length) throw new Error(`invalid training options:\n  - ${problems.join("\n  - ")}`);
    started(await initBackend());
    const { model, state } = await startingPoint(this.options);
    try {
      const shape = { bins: model.inputs[0].shape[1] as number, frames: model.inputs[0].shape[2] as number };
      const tracks = stemTracks(this.options.data);
      // An augmenting run caches complex stems instead (the magnitudes come from them when needed).
      const sampler = state.augment
        ? PatchSampler.augmented(tracks.map((t) => complexTrackSpectra(t)), shape, state.target, state.seed, state.augment)
        : new PatchSampler(tracks.map(trackSpectra), shape, state.target, state.seed);
      const trainer = new Trainer(model, sampler, state);
      if (this.options.validation && state.validateEvery > 0) {
        trainer.useValidation(new PatchSampler(stemTracks(this.options.validation).map(trackSpectra), shape, state.target, state.seed));
      }
      return trainer;
    } catch (e) {
      model.dispose();
      throw e;
    }
  }

  /** Asks the run to stop before its next step. */
  stop(): void {
    this.stopRequested = true;
  }

  private shouldStop = (): boolean => this.stopRequested || this.disposed || this.stopSignal();

  /** Runs the steps, calling `onStep` after each; resolves with how it ended and never rejects. */
  async run(onStep: (record: StepRecord) => void): Promise<TrainingEnd> {
    let trainer: Trainer;
    try {
      trainer = await this.trainer;
    } catch (e) {
      return { stoppedBy: "error", message: `training could not start: ${messageOf(e)}`, step: 0 };
    }
    try {
      for (let i = 0; i < this.options.steps; i++) {
        // One step per call: between calls the session answers state and artifact requests.
        const outcome = await this.turns.take(() => trainer.train({ steps: 1, shouldStop: this.shouldStop }));
        if (outcome.stoppedBy !== "steps") return { stoppedBy: outcome.stoppedBy, message: outcome.message, step: trainer.state.step };
        onStep(outcome.records[0]);
      }
      return { stoppedBy: "steps", step: trainer.state.step };
    } catch (e) {
      return { stoppedBy: "error", message: `training failed at step ${trainer.state.step}: ${messageOf(e)}`, step: trainer.state.step };
    }
  }

  private async between<T>(take: (trainer: Trainer) => Promise<T>): Promise<T> {
    if (this.disposed) throw new Error("the training run was disposed; its model is gone");
    let trainer: Trainer;
    try {
      trainer = await this.trainer;
    } catch (e) {
      throw new Error(`the training run has no model: it could not start (${messageOf(e)})`);
    }
    return this.turns.take(() => take(trainer));
  }

  state(): Promise<TrainingState> {
    return this.between(async (t) => structuredClone(t.state));
  }

  artifacts(): Promise<TrainingArtifacts> {
    return this.between(async (t) => ({ ...(await toArtifacts(t.model, true)), training: structuredClone(t.state) }));
  }

  /** The model alone (no optimizer), e.g. to copy it to another thread. */
  modelArtifacts(): Promise<tf.io.ModelArtifacts> {
    return this.between((t) => toArtifacts(t.model, false));
  }

  /** Frees the model once the current step is over; the run stops first. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.stopRequested = true;
    const trainer = await this.trainer.catch(() => undefined);
    // Queued behind any step or request in progress, so nothing reads a disposed weight.
    await this.turns.take(async () => {
      this.disposed = true;
      trainer?.model.optimizer?.dispose();
      trainer?.model.dispose();
    });
  }
}

/** Runs tasks one at a time, in the order they asked. */
class Turns {
  private last: Promise<unknown> = Promise.resolve();

  take<T>(task: () => Promise<T>): Promise<T> {
    const result = this.last.then(task);
    this.last = result.catch(() => {});
    return result;
  }
}

export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
