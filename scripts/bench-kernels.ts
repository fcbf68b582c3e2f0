/**
 * Times our wasm convolution-gradient kernels against tfjs's stock wasm kernels, in Node:
 *   npx tsx scripts/bench-kernels.ts [--reps N]
 * Per-kernel rows use the paper U-Net's layer shapes at batch 8; model rows use a paper-shaped
 * U-Net built here with tf.layers (the product's builder lives in src/model). A benchmark, not a
 * test: it prints numbers and asserts nothing.
 */
import * as tf from "@tensorflow/tfjs";
import { initBackend, registerWasmKernels, restoreStockWasmKernels } from "../src/backend";
import { buildBenchUNet } from "./bench-unet";

const repsArg = process.argv.indexOf("--reps");
const REPS = repsArg > 0 ? Number(process.argv[repsArg + 1]) : 2;

/** Median of REPS timed runs after one warm-up (which also lets XNNPACK build its operators). */
function time(f: () => void, reps = REPS): number {
  f();
  const runs: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    f();
    runs.push(performance.now() - t0);
  }
  runs.sort((a, b) => a - b);
  return runs[Math.floor(runs.length / 2)];
}

const fmt = (ms: number | string): string => (typeof ms === "string" ? ms : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);

function table(title: string, head: string[], rows: (string | number)[][]): void {
  console.log(`\n${title}`);
  const cells = [head, ...rows.map((r) => r.map(String))];
  const widths = head.map((_, c) => Math.max(...cells.map((r) => r[c].length)));
  for (const [i, r] of cells.entries()) {
    console.log("| " + r.map((v, c) => v.padEnd(widths[c])).join(" | ") + " |");
    if (i === 0) console.log("|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|");
  }
}

/** Decoder transposed convolutions (= encoder input gradients, mirrored) of the paper U-Net at batch 8: [in, out channels]. */
const DECONVS: [[number, number, number, number], number][] = [
  [[8, 8, 2, 512], 256],
  [[8, 16, 4, 512], 128],
  [[8, 32, 8, 256], 64],
  [[8, 64, 16, 128], 32],
  [[8, 128, 32, 64], 16],
  [[8, 256, 64, 32], 1],
];

function kernelRows(): (string | number)[][] {
  const rows: (string | number)[][] = [];
  for (const [shape, cout] of DECONVS) {
    const [n, h, w, cin] = shape;
    const outShape: [number, number, number, number] = [n, h * 2, w * 2, cout];
    const x = tf.randomNormal(shape) as tf.Tensor4D;
    const filter = tf.randomNormal([5, 5, cout, cin]) as tf.Tensor4D;
    const gflop = (2 * n * h * w * cin * cout * 25) / 1e9;
    // wasm runs ops synchronously, so nothing needs reading back (and tidy must not return a
    // typed array: it walks every element looking for tensors).
    const run = () => tf.tidy(() => void tf.conv2dTranspose(x, filter, outShape, 2, "same"));
    restoreStockWasmKernels();
    const stock = time(run);
    registerWasmKernels();
    const ours = time(run);
    // This layer's weight gradient: its output gradient plays x, its input plays dy.
    const dOut = tf.randomNormal(outShape) as tf.Tensor4D;
    const attrs = { strides: [2, 2], pad: "same", dataFormat: "NHWC", filterShape: [5, 5, cout, cin] };
    const dw = time(() => tf.tidy(() => void tf.engine().runKernel("Conv2DBackpropFilter", { x: dOut, dy: x }, attrs)));
    tf.dispose([x, filter, dOut]);
    rows.push([`${shape.join("×")} → ${outShape.join("×")}`, gflop.toFixed(2), fmt(stock), fmt(ours), `${(stock / ours).toFixed(1)}×`, (gflop / (ours / 1000)).toFixed(1), fmt(dw)]);
  }
  return rows;
}

function model(batch: number) {
  const net = buildBenchUNet();
  const mix = tf.randomUniform([batch, 512, 128, 1]);
  const target = tf.mul(mix, tf.randomUniform([batch, 512, 128, 1]));
  const optimizer = tf.train.adam(1e-3);
  const forward = () => tf.tidy(() => void net.predict(mix));
  const step = () =>
    tf.tidy(() => {
      const loss = optimizer.minimize(
        () => tf.mean(tf.abs(tf.sub(tf.mul(net.apply(mix, { training: true }) as tf.Tensor, mix), target))) as tf.Scalar,
        true,
      );
      loss?.dataSync();
      return undefined;
    });
  const dispose = () => {
    tf.dispose([mix, target]);
    net.dispose();
    optimizer.dispose();
  };
  return { forward, step, dispose };
}

let leftover = NaN;

function modelRows(): (string | number)[][] {
  const rows: (string | number)[][] = [];
  for (const which of ["stock", "ours"] as const) {
    if (which === "stock") restoreStockWasmKernels();
    else registerWasmKernels();
    const b1 = model(1);
    const f1 = time(b1.forward, REPS + 1);
    b1.dispose();
    const b8 = model(8);
    const f8 = time(b8.forward);
    let train: string | number;
    try {
      train = time(b8.step);
      // A step more, counting what survives it: engine tensors and the backend's own buffers.
      const count = () => tf.memory().numTensors + tf.backend().numDataIds();
      const before = count();
      b8.step();
      leftover = count() - before;
    } catch (e) {
      train = `fails: ${(e instanceof Error ? e.message : String(e)).slice(0, 70)}`;
    }
    b8.dispose();
    rows.push([which === "stock" ? "wasm stock" : "wasm + our kernels", fmt(f1), fmt(f8), fmt(train)]);
  }
  return rows;
}

const info = await initBackend();
console.log(`backend: ${info.name}, ${info.threads} thread(s), SIMD ${info.simd} — ${info.reason}; reps ${REPS} (median, after a warm-up)`);
table(
  "Conv2DTranspose 5×5 s2 'same' (= Conv2DBackpropInput), U-Net decoder shapes, batch 8",
  ["layer", "GFLOP", "stock", "ours", "speed-up", "GFLOP/s ours", "+ Conv2DBackpropFilter (ours)"],
  kernelRows(),
);
table("Paper U-Net, input [b,512,128,1]", ["kernels", "forward b1", "forward b8", "train step b8 (Adam, L1)"], modelRows());
console.log(`\ntensors + wasm buffers left over by one more training step: ${leftover}`);
