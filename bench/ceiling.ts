/**
 * How fast one thread of WebAssembly SIMD can multiply and add at best, against what PyTorch reaches
 * natively: `npx tsx bench/ceiling.ts`. It bounds what any wasm kernel (XNNPACK's or ours) can do for
 * the model items of issue 7, so their targets can be read against it.
 *
 * - wasm peak: a loop of independent f32x4 multiply-then-add chains (12 accumulators, as many as
 *   x64's 16 vector registers leave room for), no memory traffic: the most wasm SIMD 128 can do.
 * - XNNPACK: tfjs's wasm Conv2D on the U-Net's costliest encoder shapes (Node: one thread).
 * - PyTorch (Debian's python3-torch, 1 thread): a 2048² matrix product and the same convolutions.
 */
import { spawnSync } from "node:child_process";
import * as tf from "@tensorflow/tfjs";
import { assemble, I32, op, V128, type Code, type ValueType, type WasmFunction } from "./wasm-asm";
import { initBackend } from "../src/backend";

const CHAINS = 12;
type Shape4 = [number, number, number, number];

/** `fused`: relaxed SIMD's multiply-add (an FMA where the CPU has one) instead of a multiply then an add. */
function peakModule(fused: boolean): WebAssembly.Instance | null {
  const { get, set, i32 } = op;
  const n = 0;
  const accs = Array.from({ length: CHAINS }, (_, k) => 2 + k);
  const m = 1;
  const step = accs.map((a) => (fused ? [get(a), get(m), get(a), op.f32x4RelaxedMadd(), set(a)] : [get(a), get(m), op.f32x4Mul(), get(a), op.f32x4Add(), set(a)]));
  const f: WasmFunction = {
    name: "peak",
    params: [I32],
    locals: [V128, ...accs.map((): ValueType => V128)],
    body: [
      op.f32x4Const([0.5, 0.5, 0.5, 0.5]), set(m),
      accs.map((a, k) => [op.f32x4Const([k, k + 1, k + 2, k + 3]), set(a)]),
      op.block(), op.loop(),
      [get(n), i32(1), op.i32LtS(), op.brIf(1)],
      step,
      [get(n), i32(1), op.i32Sub(), set(n)],
      op.br(0),
      op.end(), op.end(),
      // Keep the result observable so nothing is optimised away.
      [i32(0), accs.slice(1).reduce<Code[]>((code, a) => [code, get(a), op.f32x4Add()], [get(accs[0])]), op.v128Store()],
    ],
  };
  const bytes = assemble([f], 1);
  if (!WebAssembly.validate(bytes)) return null;
  return new WebAssembly.Instance(new WebAssembly.Module(bytes));
}

function wasmPeakGflops(fused: boolean): number | undefined {
  const instance = peakModule(fused);
  if (!instance) return undefined;
  const peak = instance.exports.peak as (n: number) => void;
  const iterations = 20_000_000;
  peak(iterations / 10);
  const times: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    peak(iterations);
    times.push(performance.now() - t0);
  }
  const best = Math.min(...times);
  return (iterations * CHAINS * 4 * 2) / (best * 1e6);
}

/** [input NHWC, filter HWIO] of the encoder's stride-2 5×5 convolutions at batch 8 (the paper U-Net). */
const CONVS: [Shape4, Shape4][] = [
  [[8, 256, 64, 16], [5, 5, 16, 32]],
  [[8, 64, 16, 64], [5, 5, 64, 128]],
  [[8, 16, 4, 256], [5, 5, 256, 512]],
];
const convFlops = ([n, h, w]: number[], [kh, kw, ci, co]: number[]) => 2 * n * (h / 2) * (w / 2) * kh * kw * ci * co;

async function xnnpackGflops(): Promise<number[]> {
  await initBackend({ prefer: "wasm" });
  return CONVS.map(([xs, fs]) => {
    const x = tf.randomNormal(xs) as tf.Tensor4D;
    const f = tf.randomNormal(fs) as tf.Tensor4D;
    // Not inside tf.tidy: tidy walks its result, and a million-element typed array takes it ~0.5 s.
    const run = () => {
      const y = tf.conv2d(x, f, 2, "same");
      y.dataSync();
      y.dispose();
    };
    run();
    run();
    const times: number[] = [];
    for (let r = 0; r < 5; r++) {
      const t0 = performance.now();
      run();
      times.push(performance.now() - t0);
    }
    tf.dispose([x, f]);
    return convFlops(xs, fs) / (Math.min(...times) * 1e6);
  });
}

const PYTHON = `
import json, time, torch
torch.set_num_threads(1)
def best(fn, runs=5):
    fn(); fn()
    t = []
    for _ in range(runs):
        t0 = time.perf_counter(); fn(); t.append(time.perf_counter() - t0)
    return min(t)
a = torch.randn(2048, 2048); b = torch.randn(2048, 2048)
out = {"mm": 2 * 2048**3 / best(lambda: torch.mm(a, b)) / 1e9, "convs": []}
for xs, fs in ${JSON.stringify(CONVS)}:
    n, h, w, ci = xs; kh, kw, _, co = fs
    x = torch.randn(n, ci, h, w); f = torch.randn(co, ci, kh, kw)
    flops = 2 * n * (h // 2) * (w // 2) * kh * kw * ci * co
    with torch.no_grad():
        out["convs"].append(flops / best(lambda: torch.nn.functional.conv2d(x, f, stride=2, padding=2)) / 1e9)
print(json.dumps(out))
`;

function pytorch(): { mm: number; convs: number[] } | null {
  const r = spawnSync("/usr/bin/python3", ["-c", PYTHON], {
    encoding: "utf8",
    // torch.set_num_threads does not reach the BLAS that torch.mm calls.
    env: { ...process.env, OMP_NUM_THREADS: "1", OPENBLAS_NUM_THREADS: "1", MKL_NUM_THREADS: "1" },
  });
  if (r.status !== 0) {
    console.error(`PyTorch not measured (${r.stderr.trim().split("\n").pop() ?? "no python3-torch"})`);
    return null;
  }
  return JSON.parse(r.stdout) as { mm: number; convs: number[] };
}

const wasm = wasmPeakGflops(false);
const fma = wasmPeakGflops(true);
const xnn = await xnnpackGflops();
const torch = pytorch();
const f = (g: number | undefined) => (g === undefined ? "—" : `${g.toFixed(1)}`);
console.log("GFLOP/s on one thread (best of 5)\n");
console.log("| what | wasm SIMD 128 | PyTorch (native) |\n|---|---|---|");
console.log(`| peak: independent multiply-adds / 2048² matrix product | ${f(wasm)} | ${f(torch?.mm)} |`);
console.log(`| peak with relaxed SIMD's multiply-add | ${fma === undefined ? "not supported here (Node: --experimental-wasm-relaxed-simd)" : f(fma)} | |`);
CONVS.forEach(([xs, fs], i) => console.log(`| conv ${xs.join("×")} * ${fs.join("×")} stride 2 | ${f(xnn[i])} (XNNPACK) | ${f(torch?.convs[i])} |`));
