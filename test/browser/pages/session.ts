import * as tf from "@tensorflow/tfjs";
import { startTraining, type TrainingEnd, type TrainingOptions, type TrainingRun } from "../../../src/session";
import { startInProcess } from "../../../src/session/in-process";
import { tinyTracks } from "../../unit/train/tiny-data";

const tiny: TrainingOptions = {
  model: { preset: "tiny", seed: 7 },
  data: { generated: { songs: 2, seconds: 4, seed: 11, sampleRate: 8192 } },
  steps: 6,
  batchSize: 4,
  learningRate: 3e-3,
  seed: 7,
};

/** Ticks on the page's thread every few ms and keeps the largest gap: how long the page was unresponsive. */
function ticker(every = 4) {
  let last = performance.now();
  let largest = 0;
  let ticks = 0;
  const id = setInterval(() => {
    const now = performance.now();
    largest = Math.max(largest, now - last);
    last = now;
    ticks++;
  }, every);
  return {
    stop() {
      clearInterval(id);
      return { largestGapMs: largest, ticks };
    },
  };
}

/** The run's end, or a marker if it did not end in `ms`: a hang must fail the test, not time it out. */
function endWithin(run: TrainingRun, ms: number): Promise<TrainingEnd | "hang"> {
  return Promise.race([run.done, new Promise<"hang">((resolve) => setTimeout(() => resolve("hang"), ms))]);
}

const median = (a: number[]) => [...a].sort((p, q) => p - q)[Math.floor(a.length / 2)];

const api = {
  /**
   * The tiny model through the worker: six steps in one run; then a run stopped after its second
   * step and continued from its artifacts in a new worker; then the continued model on this thread.
   */
  async tinyStopAndResume() {
    const straight = startTraining(tiny);
    const straightEnd = await endWithin(straight, 60_000);
    const backend = await straight.backend;
    const straightLosses = straight.records.map((r) => r.loss);
    straight.dispose();

    const first = startTraining(tiny);
    const arrived: number[] = [];
    for await (const record of first.progress) {
      arrived.push(record.step);
      if (record.step === 1) void first.stop();
    }
    const firstEnd = await endWithin(first, 60_000);
    const saved = await first.artifacts();
    first.dispose();
    if (firstEnd === "hang") throw new Error("the stopped run never ended");

    const second = startTraining({ model: { artifacts: saved, training: saved.training }, data: tiny.data, steps: 6 - firstEnd.step });
    const secondEnd = await endWithin(second, 60_000);
    const resumedLosses = [...first.records, ...second.records].map((r) => r.loss);
    // The page has not touched tfjs yet, so model() starts the page's backend with initBackend().
    const model = await second.model();
    const tensorsBefore = tf.memory().numTensors;
    const x = tf.randomUniform([1, 64, 32, 1], 0, 1, "float32", 3);
    const mask = model.predict(x) as tf.Tensor;
    const values = Array.from(await mask.data());
    const prediction = { shape: mask.shape, min: Math.min(...values), max: Math.max(...values), pageBackend: tf.getBackend() };
    tf.dispose([x, mask]);
    const leaked = tf.memory().numTensors - tensorsBefore;
    model.dispose();
    second.dispose();
    return {
      backend,
      straightEnd,
      straightLosses,
      arrived,
      firstEnd,
      firstSteps: first.records.map((r) => r.step),
      savedStep: saved.training.step,
      hasMoments: saved.weightSpecs!.some((s) => s.group === "optimizer"),
      secondEnd,
      secondSteps: second.records.map((r) => r.step),
      resumedLosses,
      prediction,
      leaked,
    };
  },

  /**
   * The paper U-Net (batch 2: steps long enough to matter) while this thread ticks: the largest gap
   * between ticks against a step's duration, and how long a stop takes to end the run.
   */
  async paperResponsiveness(steps: number) {
    const run = startTraining({ model: { preset: "paper", seed: 1 }, data: { generated: { songs: 2, seconds: 4, seed: 21 } }, steps, batchSize: 2 });
    await run.backend; // ticking starts with the training, not with the worker's start-up
    const ticks = ticker();
    let stoppedAt = 0;
    let stepAtStop = -1;
    for await (const record of run.progress) {
      if (record.step === steps - 3) {
        stepAtStop = record.step;
        stoppedAt = performance.now();
        void run.stop();
      }
    }
    const end = await endWithin(run, 120_000);
    const stopToEndMs = performance.now() - stoppedAt;
    const gaps = ticks.stop();
    const result = { end, stepAtStop, stopToEndMs, ...gaps, stepMs: run.records.map((r) => r.ms), medianStepMs: median(run.records.map((r) => r.ms)) };
    run.dispose();
    return result;
  },

  /**
   * The control: the same steps on this page's own thread (in-process), where the ticker must see
   * gaps as long as a step, or the measurement above proves nothing.
   */
  async paperOnPage(steps: number) {
    const run = startInProcess({ model: { preset: "paper", seed: 1 }, data: { generated: { songs: 2, seconds: 4, seed: 21 } }, steps, batchSize: 2 });
    await run.backend;
    const ticks = ticker();
    const end = await endWithin(run, 120_000);
    const gaps = ticks.stop();
    const result = { end, ...gaps, medianStepMs: median(run.records.map((r) => r.ms)) };
    run.dispose();
    return result;
  },

  /** Bad options and a NaN loss end the run with a message (and a run without a model refuses requests clearly). */
  async badOptions() {
    const run = startTraining({ data: { generated: { songs: 0, seconds: 4, seed: 1 } }, steps: -1 });
    const end = await endWithin(run, 30_000);
    const backendError = await run.backend.then(
      () => "",
      (e: Error) => e.message,
    );
    const stateError = await run.state().then(
      () => "",
      (e: Error) => e.message,
    );
    run.dispose();
    // A loss that turns NaN (an infinite sample mid-track, inside every patch) ends the run with the Trainer's message.
    const [track] = tinyTracks(1, 4);
    track.vocals.channels[0][2 * 8192] = Infinity;
    const poisoned = startTraining({ ...tiny, data: { tracks: [track] }, steps: 3 });
    const nanEnd = await endWithin(poisoned, 30_000);
    poisoned.dispose();
    return { end, backendError, stateError, nanEnd };
  },

  /** Caller's tracks are moved to the worker, not copied, and train there. */
  async tracks() {
    const tracks = tinyTracks(2, 4);
    const before = tracks[0].vocals.channels[0].length;
    const run = startTraining({ ...tiny, data: { tracks }, steps: 2 });
    const after = tracks[0].vocals.channels[0].length;
    const end = await endWithin(run, 60_000);
    run.dispose();
    return { before, after, end, losses: run.records.map((r) => r.loss) };
  },

  /** dispose() mid-run: the run ends at once and nothing answers any more. */
  async disposeMidRun() {
    const run = startTraining({ ...tiny, steps: 1000 });
    for await (const record of run.progress) if (record.step === 0) break;
    run.dispose();
    const end = await endWithin(run, 5_000);
    const artifactsError = await run.artifacts().then(
      () => "",
      (e: Error) => e.message,
    );
    return { end, artifactsError, records: run.records.length };
  },
};

declare global {
  interface Window {
    demixSession: typeof api;
  }
}
window.demixSession = api;
