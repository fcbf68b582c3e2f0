import * as tf from "@tensorflow/tfjs";
import { maskedL1Loss } from "../model";
import type { StepRecord, TrainingState } from "./records";
import type { PatchBatch, PatchSampler } from "./sampler";
import { learningRateAt, validateSchedule } from "./schedule";

export interface TrainCall {
  steps: number;
  /** Called after every step with its record (validation loss included when measured). */
  onStep?: (record: StepRecord) => void | Promise<void>;
  /** Checked between steps: return true to stop at once. */
  shouldStop?: () => boolean;
}

export interface TrainOutcome {
  stoppedBy: "steps" | "stop" | "nan";
  /** Why it stopped early, said for a person. */
  message?: string;
  records: StepRecord[];
}

/**
 * Incremental training of a mask model: `train({ steps })` continues exactly where the last call
 * stopped — same optimizer moments, step count, learning-rate schedule and data order — and, with
 * the state saved beside the model, after a save and load too. The optimizer lives on the model
 * (`model.compile`) so that tfjs saves its moments with `includeOptimizer`.
 */
export class Trainer {
  readonly state: TrainingState;
  private validation?: PatchBatch;

  constructor(
    readonly model: tf.LayersModel,
    readonly sampler: PatchSampler,
    state: Omit<TrainingState, "records" | "step"> & Partial<Pick<TrainingState, "records" | "step">>,
  ) {
    validateSchedule(state.schedule);
    if (!Number.isInteger(state.batchSize) || state.batchSize < 1) throw new Error(`batch size must be a whole number ≥ 1, got ${state.batchSize}`);
    this.state = { ...state, step: state.step ?? 0, records: state.records ?? [] };
    const [, bins, frames, channels] = model.inputs[0].shape;
    if (bins !== sampler.shape.bins || frames !== sampler.shape.frames || channels !== 1) {
      throw new Error(`model input is ${bins}×${frames}×${channels} but the sampler draws ${sampler.shape.bins}×${sampler.shape.frames}×1 patches`);
    }
    const outChannels = (model.outputs[0].shape as number[])[3];
    if (outChannels !== sampler.targetChannels) {
      throw new Error(`the model outputs ${outChannels} mask(s) but target "${sampler.target}" needs ${sampler.targetChannels}`);
    }
    if (!model.optimizer) {
      model.compile({ optimizer: tf.train.adam(learningRateAt(state.schedule, this.state.step)), loss: "meanAbsoluteError" });
    }
  }

  private tensors(batch: PatchBatch): [tf.Tensor4D, tf.Tensor4D] {
    const { bins, frames } = batch.shape;
    return [
      tf.tensor4d(batch.mixture, [batch.size, bins, frames, 1]),
      tf.tensor4d(batch.target, [batch.size, bins, frames, batch.targetChannels]),
    ];
  }

  /**
   * Validation patches: every patch-width of every track of `sampler` (held-out tracks, never the
   * training ones). Measured every `validateEvery` steps.
   */
  useValidation(sampler: PatchSampler): void {
    if (sampler.target !== this.sampler.target) throw new Error(`validation target "${sampler.target}" differs from training target "${this.sampler.target}"`);
    this.validation = sampler.fixed();
  }

  /** Mean loss per patch on the validation patches, in inference mode (no dropout, BN moving statistics). */
  async validationLoss(): Promise<number> {
    const v = this.validation;
    if (!v) throw new Error("no validation tracks were given (useValidation)");
    const chunk = this.state.batchSize;
    let total = 0;
    for (let start = 0; start < v.size; start += chunk) {
      const n = Math.min(chunk, v.size - start);
      const per = v.shape.bins * v.shape.frames;
      const part: PatchBatch = {
        ...v,
        size: n,
        mixture: v.mixture.subarray(start * per, (start + n) * per),
        target: v.target.subarray(start * per * v.targetChannels, (start + n) * per * v.targetChannels),
      };
      const loss = tf.tidy(() => {
        const [x, y] = this.tensors(part);
        return maskedL1Loss(this.model.apply(x, { training: false }) as tf.Tensor4D, x, y);
      });
      total += (await loss.data())[0] * n;
      loss.dispose();
    }
    return total / v.size;
  }

  async train(call: TrainCall): Promise<TrainOutcome> {
    const records: StepRecord[] = [];
    const optimizer = this.model.optimizer as tf.AdamOptimizer;
    const variables = this.model.trainableWeights.map((w) => w.read() as tf.Variable);
    for (let i = 0; i < call.steps; i++) {
      // A macrotask between steps: wasm reads resolve as microtasks, so without this a signal handler
      // (Ctrl-C in the CLI) or a click on Stop (in a page or worker) would never run mid-run.
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (call.shouldStop?.()) return { stoppedBy: "stop", message: `stopped after step ${this.state.step}`, records };
      const started = performance.now();
      const step = this.state.step;
      const learningRate = learningRateAt(this.state.schedule, step);
      // tfjs's Adam reads this field on every applyGradients; it is only typed protected.
      (optimizer as unknown as { learningRate: number }).learningRate = learningRate;
      const batch = this.sampler.batch(step, this.state.batchSize);
      const [x, y] = this.tensors(batch);
      // The forward pass in training mode updates batch-norm moving statistics as a side effect;
      // keep them (3 k numbers for the paper model) so a NaN step can be undone completely.
      const moving = this.model.nonTrainableWeights.map((w) => tf.clone(w.read()));
      const { value, grads } = tf.variableGrads(
        () => maskedL1Loss(this.model.apply(x, { training: true }) as tf.Tensor4D, x, y),
        variables,
      );
      const gradientPeak = tf.tidy(() => tf.max(tf.stack(Object.values(grads).map((g) => tf.max(tf.abs(g))))));
      const [loss, peak] = [(await value.data())[0], (await gradientPeak.data())[0]];
      tf.dispose([x, y, value, gradientPeak]);
      if (!Number.isFinite(loss) || !Number.isFinite(peak)) {
        tf.dispose(grads);
        this.model.nonTrainableWeights.forEach((w, k) => w.write(moving[k]));
        tf.dispose(moving);
        const what = Number.isFinite(loss) ? `a gradient became ${peak}` : `the loss became ${loss}`;
        return {
          stoppedBy: "nan",
          message:
            `step ${step}: ${what}, so the step was not applied and the model keeps the weights of step ${step - 1}. ` +
            `Lower the learning rate (now ${learningRate}) or check the data for silent or clipped tracks.`,
          records,
        };
      }
      // A map of gradients keyed by variable name is what applyGradients consumes (its type says variables).
      optimizer.applyGradients(grads as unknown as Parameters<tf.AdamOptimizer["applyGradients"]>[0]);
      tf.dispose([...Object.values(grads), ...moving]);
      this.state.step = step + 1;
      const ms = performance.now() - started;
      const record: StepRecord = { step, loss, learningRate, ms, examplesPerSecond: (batch.size * 1000) / ms };
      if (this.validation && this.state.validateEvery > 0 && this.state.step % this.state.validateEvery === 0) {
        record.validationLoss = await this.validationLoss();
      }
      this.state.records.push(record);
      records.push(record);
      await call.onStep?.(record);
    }
    return { stoppedBy: "steps", records };
  }
}
