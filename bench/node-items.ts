import { initBackend } from "../src/backend";
import { resampleSignal, RESAMPLE_DEFAULT, RESAMPLE_SCIPY } from "../src/audio";
import { istft, stft, STFT_PAPER } from "../src/dsp";
import { separate } from "../src/separate";
import { loadShippedModel } from "../src/workspace";
import type { BenchItem } from "./items";
import { timeModel, type ModelItem } from "./model-timing";
import type { Measured } from "./rows";
import { benchSignal } from "./signal";
import type { Repetitions } from "./stats";
import { timeRuns } from "./stats";

/** Repetitions per kind of item; `quick` trades stable medians for a faster run. */
export function repetitions(quick: boolean): { forward: Repetitions; train: Repetitions; dsp: Repetitions; separate: Repetitions } {
  return quick
    ? { forward: { warmup: 1, runs: 3 }, train: { warmup: 1, runs: 2 }, dsp: { warmup: 1, runs: 3 }, separate: { warmup: 1, runs: 1 } }
    : { forward: { warmup: 2, runs: 7 }, train: { warmup: 2, runs: 5 }, dsp: { warmup: 2, runs: 9 }, separate: { warmup: 1, runs: 3 } };
}

const MODEL_ITEMS: readonly ModelItem[] = ["forward_b1", "forward_b8", "train_b8"];

/** Our items in this Node process, on the wasm backend (single-threaded in Node). */
export async function measureNode(items: readonly BenchItem[], quick: boolean, log: (s: string) => void): Promise<{ measured: Measured[]; backend: string }> {
  const names = new Set(items.map((i) => i.name));
  const reps = repetitions(quick);
  const measured: Measured[] = [];
  const info = await initBackend();
  if (info.name !== "wasm") throw new Error(`the Node bench needs the wasm backend, got ${info.name}: ${info.reason}`);

  const model = MODEL_ITEMS.filter((m) => names.has(m));
  if (model.length) {
    log(`node: paper U-Net ${model.join(", ")}…`);
    const t = await timeModel(model, reps);
    for (const m of model) measured.push({ name: m, value: t[m]!.ms });
  }
  if (names.has("stft_istft_3min")) {
    log("node: STFT + ISTFT of 3 min…");
    const x = benchSignal(180, 8192, 1).channels[0];
    const t = await timeRuns(() => istft(stft(x, STFT_PAPER)), reps.dsp);
    measured.push({ name: "stft_istft_3min", value: t.ms });
  }
  for (const [name, filter] of [["resample_3min", RESAMPLE_SCIPY], ["resample_3min_default", RESAMPLE_DEFAULT]] as const) {
    if (!names.has(name)) continue;
    log(`node: ${name}…`);
    const stereo = benchSignal(180, 44100, 2);
    const t = await timeRuns(() => resampleSignal(stereo, 8192, filter), reps.dsp);
    measured.push({ name, value: t.ms });
  }
  if (names.has("separate_3min_node")) {
    log("node: separate 3 min with models/default…");
    const shipped = await loadShippedModel();
    const song = benchSignal(180, 44100, 2);
    const t = await timeRuns(() => separate(song, { kind: "single", model: shipped, target: "vocals" }), reps.separate);
    shipped.dispose();
    measured.push({ name: "separate_3min_node", value: t.ms });
  }
  return { measured, backend: info.reason };
}
