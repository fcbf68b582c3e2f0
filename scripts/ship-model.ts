/**
 * Turns a training checkpoint into a shipped model folder: float16 weights without the optimizer
 * (half the size; loading needs no network) and a recipe that says how it was made.
 *   npx tsx scripts/ship-model.ts --from CHECKPOINT_DIR --to models/NAME --data "how the data was made"
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { initBackend } from "../src/backend";
import { loadModelDir, saveModelDir } from "../src/train/model-files";

const { values } = parseArgs({ options: { from: { type: "string" }, to: { type: "string" }, data: { type: "string" }, command: { type: "string" } } });
if (!values.from || !values.to) throw new Error("usage: --from CHECKPOINT_DIR --to models/NAME [--data TEXT] [--command TEXT]");
await initBackend();
const { model, training, metadata } = await loadModelDir(resolve(values.from));
if (!training) throw new Error(`${values.from} has no training.json: not a training checkpoint`);
const to = resolve(values.to);
mkdirSync(to, { recursive: true });
await saveModelDir(model, to, { metadata: { ...metadata, trainedSteps: training.step }, includeOptimizer: false, float16: true });
const last = training.records.slice(-50);
const recipe = {
  config: metadata.config,
  target: metadata.target,
  seed: training.seed,
  steps: training.step,
  batchSize: training.batchSize,
  schedule: training.schedule,
  data: values.data,
  command: values.command,
  finalTrainLoss: last.reduce((s, r) => s + r.loss, 0) / Math.max(1, last.length),
  validationLoss: training.records.filter((r) => r.validationLoss !== undefined).map((r) => ({ step: r.step + 1, loss: r.validationLoss })),
  trainingSeconds: training.records.reduce((s, r) => s + r.ms, 0) / 1000,
};
writeFileSync(join(to, "recipe.json"), JSON.stringify(recipe, null, 1) + "\n");
console.log(`shipped step ${training.step} to ${to}`);
