import type { PolyphasePlan } from "./resample-filter";
import { firstInputFor, lastInputFor } from "./resample-kernel";
import { copyWindow, kernelExports } from "../wasm";

/**
 * The polyphase inner loop of resample-kernel.ts in WebAssembly SIMD, for one channel or a pair
 * (wasm/resample-simd.ts, AssemblyScript, compiled by `npm run build:wasm`).
 *
 * Float32 arithmetic in f32x4 lanes: eight partial sums per output (two vectors, so two add chains
 * per channel are in flight), the same sums in the same order as the JavaScript loop, so every
 * output is the same float. It used to promote taps and samples to float64 (two lanes per
 * instruction) to match a float64 JavaScript loop; float32 does four per instruction and leaves
 * outputs within 2 ulps of scipy's float64 resample_poly (1 before): 3 min → 8192 Hz 75 → 35 ms,
 * 8192 Hz → 44.1 kHz 75 → 54 ms per channel (bench/NOTES.md). Rows are a multiple of four taps
 * (the plan pads them with zeros), so there is no scalar tail.
 *
 * Channels go in pairs: consecutive outputs use scattered rows of the table (1.8 MB as float32 for
 * 44100 ↔ 8192 Hz), and a row loaded once serves both. Visiting outputs row by row (each row once
 * per block, for all its outputs) was measured no faster: the loop is bound by arithmetic, not by
 * the table's traffic.
 */

interface Instance {
  memory: WebAssembly.Memory;
  /** (table, rowBytes, mainBytes, up, stepBytes, stepFrac, phase, x, out, count); see wasm/resample-simd.ts. */
  one: (...args: number[]) => void;
  /** (table, rowBytes, mainBytes, up, stepBytes, stepFrac, phase, xa, xb, oa, ob, count). */
  pair: (...args: number[]) => void;
  /** The plan whose table sits at address 0 of memory. */
  plan: PolyphasePlan | null;
}

let instance: Instance | null | undefined;

/** The compiled kernel, or null where WebAssembly SIMD is missing (then the JavaScript loop runs). */
function load(): Instance | null {
  if (instance !== undefined) return instance;
  const exports = kernelExports("resample-simd") as unknown as Omit<Instance, "plan"> | null;
  instance = exports && { memory: exports.memory, one: exports.one, pair: exports.pair, plan: null };
  return instance;
}

/** Whether the SIMD kernel runs here (for tests and the bench's notes). */
export function simdResamplerAvailable(): boolean {
  return load() !== null;
}

let disabled = false;

/** Disables the SIMD kernel (true) or re-enables it; for tests and measurements against the JavaScript loop. */
export function disableSimdResampler(off: boolean): void {
  disabled = off;
}

/** Outputs per call: bounds the wasm memory (a block's input window plus its output) whatever the signal's length. */
const BLOCK = 32768;

/**
 * `runPolyphase` on the SIMD kernel, for one channel or a pair: outputs i0 … i1−1 of each channel
 * into outs[c][0 …], from bufs[c][j] = x[base + j]; samples before or after the array count as zeros
 * (so a signal needs no padded copy). Returns false (having done nothing) where the kernel is
 * unavailable, so the caller runs the JavaScript loop.
 */
export function runPolyphaseSimd(plan: PolyphasePlan, bufs: Float32Array[], base: number, outs: Float32Array[], i0: number, i1: number): boolean {
  const k = disabled ? null : load();
  if (!k || bufs.length < 1 || bufs.length > 2 || plan.tapsPerPhase % 4 !== 0) return false;
  const channels = bufs.length;
  const L = plan.tapsPerPhase;
  // Memory: the table, then each channel's input window, then each channel's output block.
  const tableBytes = plan.table.length * 4;
  const windowMax = Math.ceil((BLOCK * plan.down) / plan.up) + L + 2;
  const needed = tableBytes + channels * (windowMax + BLOCK) * 4;
  if (k.memory.buffer.byteLength < needed) {
    // Growing keeps the contents (the table stays valid); the view below is made after it.
    k.memory.grow(Math.ceil((needed - k.memory.buffer.byteLength) / 65536));
  }
  const heap = new Float32Array(k.memory.buffer);
  if (k.plan !== plan) {
    heap.set(plan.table, 0);
    k.plan = plan;
  }
  const inAt = (c: number) => tableBytes + c * windowMax * 4;
  const outAt = (c: number) => tableBytes + channels * windowMax * 4 + c * BLOCK * 4;
  const stepWhole = Math.floor(plan.down / plan.up);
  const stepFrac = plan.down % plan.up;
  for (let b0 = i0; b0 < i1; b0 += BLOCK) {
    const b1 = Math.min(i1, b0 + BLOCK);
    const first = firstInputFor(plan, b0) - base;
    const last = lastInputFor(plan, b1 - 1) - base;
    for (let c = 0; c < channels; c++) copyWindow(heap, inAt(c) / 4, bufs[c], first, last + 1);
    const n0 = b0 * plan.down + plan.half;
    const phase = n0 - Math.floor(n0 / plan.up) * plan.up;
    const row = [0, L * 4, (L - (L % 8)) * 4, plan.up, stepWhole * 4, stepFrac, phase];
    if (channels === 2) k.pair(...row, inAt(0), inAt(1), outAt(0), outAt(1), b1 - b0);
    else k.one(...row, inAt(0), outAt(0), b1 - b0);
    for (let c = 0; c < channels; c++) outs[c].set(heap.subarray(outAt(c) / 4, outAt(c) / 4 + (b1 - b0)), b0 - i0);
  }
  return true;
}
