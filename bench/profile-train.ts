/**
 * Where a training step's time goes, kernel by kernel: `npx tsx bench/profile-train.ts [steps] [--shapes]`.
 * One warm step, then `tf.profile` over the next ones (Node, wasm, one thread: the wasm backend runs
 * kernels synchronously, so each kernel's time is its own). Prints the kernels by total time.
 */
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../src/backend";
import { createUNet, UNET_PAPER } from "../src/model";
import { PatchSampler, Trainer, trackSpectra } from "../src/train";
import { benchTracks } from "./signal";

const args = process.argv.slice(2);
const byShape = args.includes("--shapes");
const steps = Number(args.find((a) => !a.startsWith("--")) ?? 2);
await initBackend();
const model = createUNet({ ...UNET_PAPER, seed: 1 });
const sampler = new PatchSampler(benchTracks(2, 30).map(trackSpectra), { bins: UNET_PAPER.inputBins, frames: UNET_PAPER.inputFrames }, "vocals", 1);
const trainer = new Trainer(model, sampler, { seed: 1, batchSize: 8, target: "vocals", schedule: { initial: 1e-4 }, validateEvery: 0 });
await trainer.train({ steps: 1 });
const t0 = performance.now();
const info = await tf.profile(async () => {
  await trainer.train({ steps });
});
const wall = (performance.now() - t0) / steps;
const byKernel = new Map<string, { ms: number; calls: number }>();
for (const k of info.kernels) {
  const ms = typeof k.kernelTimeMs === "number" ? k.kernelTimeMs : 0;
  const key = byShape ? `${k.name} ${k.inputShapes.map((s) => `[${s}]`).join(" ")}` : k.name;
  const entry = byKernel.get(key) ?? { ms: 0, calls: 0 };
  entry.ms += ms;
  entry.calls += 1;
  byKernel.set(key, entry);
}
const rows = [...byKernel.entries()].sort((a, b) => b[1].ms - a[1].ms);
const total = rows.reduce((s, [, e]) => s + e.ms, 0) / steps;
console.log(`paper U-Net, batch 8, ${steps} profiled step(s): ${wall.toFixed(0)} ms a step wall (profiling adds overhead), ${total.toFixed(0)} ms in kernels`);
console.log("| kernel | ms a step | share | calls a step |\n|---|---|---|---|");
for (const [name, e] of rows.slice(0, byShape ? 40 : 15)) console.log(`| ${name} | ${(e.ms / steps).toFixed(1)} | ${((100 * e.ms) / steps / total).toFixed(1)} % | ${e.calls / steps} |`);
model.dispose();
