import * as tf from "@tensorflow/tfjs";
import { initBackend, type BackendInfo } from "../src/backend";
import { openSongSource } from "../src/app/song-source";
import { browserStemStorage, separate, separateToWav } from "../src/separate";
import { startTraining } from "../src/session";
import { loadShippedModel } from "../src/workspace";
import { timeModel, type ModelItem } from "./model-timing";
import { benchSignal } from "./signal";
import { timeRuns, type Repetitions, type Timing } from "./stats";

/**
 * The bench page: bench/run.ts opens it in headless Chromium and calls these through
 * page.evaluate. Every call returns plain numbers; nothing is judged here.
 */

let model: tf.LayersModel | undefined;
const shipped = async () => (model ??= await loadShippedModel());

const api = {
  async init(threads: number): Promise<BackendInfo & { hardwareConcurrency: number }> {
    const info = await initBackend({ prefer: "wasm", threads });
    return { ...info, hardwareConcurrency: navigator.hardwareConcurrency };
  },

  timeModel(items: ModelItem[], reps: { forward: Repetitions; train: Repetitions }): Promise<Partial<Record<ModelItem, Timing>>> {
    return timeModel(items, reps);
  },

  /** separate() of `seconds` of 44.1 kHz stereo with models/default (the model loads once, untimed). */
  async timeSeparate(seconds: number, reps: Repetitions, stereo: "each" | "mid" = "each"): Promise<Timing> {
    const m = await shipped();
    const song = benchSignal(seconds, 44100, 2);
    return timeRuns(() => separate(song, { kind: "single", model: m, target: "vocals" }, { stereo }), reps);
  },

  /**
   * The file chosen in #song separated the way the app's separator does it: read (WAV) or decoded
   * (compressed, WebCodecs) a chunk at a time, the stems written to OPFS files as they come.
   */
  async separateChosenFile(): Promise<{ ms: number; samples: number }> {
    const file = document.querySelector<HTMLInputElement>("#song")?.files?.[0];
    if (!file) throw new Error("choose a WAV or compressed file in #song first");
    const m = await shipped();
    const t0 = performance.now();
    const source = await openSongSource(file);
    if (!source) throw new Error(`${file.name}: this browser cannot read it in pieces`);
    const storage = await browserStemStorage("bench");
    const out = await separateToWav(source, { kind: "single", model: m, target: "vocals" }, { storage }).finally(() => source.close());
    const ms = performance.now() - t0;
    // Read the stems' last bytes back: a stem the browser could not store fails here, not silently.
    for (const stem of [out.vocals, out.accompaniment]) await stem.slice(stem.size - 4).arrayBuffer();
    return { ms, samples: (out.vocals.size - 44) / 4 };
  },

  /**
   * Trains the paper U-Net for `steps` steps through startTraining (a Web Worker) while watching
   * this page's main thread: long tasks (≥ 50 ms, PerformanceObserver "longtask") and, to see the
   * shorter ones too, the largest gap between 4 ms interval ticks (an upper bound on any task).
   */
  async trainWatchingMainThread(steps: number): Promise<{ longTasks: number[]; largestGapMs: number; stepsDone: number; stepMs: number[]; stoppedBy: string; message?: string }> {
    const longTasks: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push(e.duration);
    });
    observer.observe({ type: "longtask", buffered: false });
    let last = performance.now();
    let largestGapMs = 0;
    const tick = setInterval(() => {
      const now = performance.now();
      largestGapMs = Math.max(largestGapMs, now - last);
      last = now;
    }, 4);
    const run = startTraining({
      model: { preset: "paper", seed: 1 },
      data: { generated: { songs: 2, seconds: 20, seed: 1 } },
      steps,
      batchSize: 8,
      seed: 1,
    });
    const end = await run.done;
    clearInterval(tick);
    // Entries are delivered asynchronously; one more turn lets the last ones arrive.
    await new Promise((r) => setTimeout(r, 100));
    observer.disconnect();
    const stepMs = run.records.map((r) => r.ms);
    run.dispose();
    return { longTasks, largestGapMs, stepsDone: run.records.length, stepMs, stoppedBy: end.stoppedBy, message: end.message };
  },
};

declare global {
  interface Window {
    demixBench: typeof api;
  }
}
window.demixBench = api;
