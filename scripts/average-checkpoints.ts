/**
 * Averages the weights of models of one architecture, batch norm's moving statistics included, into
 * a checkpoint folder that scripts/ship-model.ts takes (the last model's training.json; the weights
 * and sources in averaged.json). Two uses: the mean of a run's late checkpoints (stochastic weight
 * averaging, Izmailov et al. 2018), and a mix of a model and its fine-tuned self (WiSE-FT, Wortsman
 * et al. 2022), which keeps more of the original's robustness where the fine-tuning data ends:
 *   npx tsx scripts/average-checkpoints.ts --out DIR [--weights 0.5,0.5] MODEL_DIR MODEL_DIR…
 */
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../src/backend";
import { loadModelDir, saveModelDir } from "../src/train/model-files";

const { values, positionals } = parseArgs({ options: { out: { type: "string" }, weights: { type: "string" } }, allowPositionals: true });
if (!values.out || positionals.length < 2) throw new Error("usage: --out DIR [--weights a,b,…] MODEL_DIR MODEL_DIR…");
const weights = values.weights ? values.weights.split(",").map(Number) : positionals.map(() => 1 / positionals.length);
if (weights.length !== positionals.length || weights.some((w) => !Number.isFinite(w)) || Math.abs(weights.reduce((a, b) => a + b, 0) - 1) > 1e-6) {
  throw new Error(`--weights needs one number per model, summing to 1 (got ${values.weights})`);
}
await initBackend();
const loaded = await Promise.all(positionals.map((dir) => loadModelDir(resolve(dir))));
const [first] = loaded;
const last = loaded.at(-1)!;
if (!last.training) throw new Error(`${positionals.at(-1)} has no training.json: put a training checkpoint last`);
// Same layout, weight by weight (tfjs numbers layer names per model instance, so names differ).
const shapes = first.model.weights.map((w) => w.shape.join("×"));
for (const [k, { model }] of loaded.entries()) {
  const theirs = model.weights.map((w) => w.shape.join("×"));
  if (theirs.length !== shapes.length || theirs.some((s, i) => s !== shapes[i])) throw new Error(`${positionals[k]} is not the same architecture as ${positionals[0]}`);
}
const mean = first.model.weights.map((_, i) => tf.tidy(() => tf.addN(loaded.map(({ model }, k) => model.weights[i].read().mul(weights[k])))));
first.model.setWeights(mean);
tf.dispose(mean);
const out = resolve(values.out);
await saveModelDir(first.model, out, { metadata: last.metadata, training: last.training, includeOptimizer: false });
const steps = loaded.map(({ training }) => training?.step ?? null);
writeFileSync(join(out, "averaged.json"), JSON.stringify({ from: positionals, steps, weights }, null, 1) + "\n");
console.log(`averaged ${positionals.map((p, k) => `${p} (step ${steps[k] ?? "?"}) × ${weights[k]}`).join(", ")} into ${out}`);
