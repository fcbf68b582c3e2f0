import type { PolyphasePlan } from "./resample-filter";
import { firstInputFor, lastInputFor } from "./resample-kernel";
import { assemble, I32, op, V128, type Code, type ValueType, type WasmFunction } from "./wasm-asm";

/**
 * The polyphase inner loop of resample-kernel.ts in WebAssembly SIMD, for one channel or a pair.
 *
 * Float32 arithmetic in f32x4 lanes: eight partial sums per output (two vectors, so two add chains
 * per channel are in flight), the same sums in the same order as the JavaScript loop, so every
 * output is the same float. It used to promote taps and samples to float64 (two lanes per
 * instruction) to match a float64 JavaScript loop; float32 does four per instruction and leaves
 * outputs within 2 ulps of scipy's float64 resample_poly (1 before): 3 min → 8192 Hz 75 → 47 ms,
 * 8192 Hz → 44.1 kHz 75 → 53 ms per channel (bench/NOTES.md). Rows are a multiple of four taps
 * (the plan pads them with zeros), so there is no scalar tail.
 *
 * Channels go in pairs: consecutive outputs use scattered rows of the table (1.8 MB as float32 for
 * 44100 ↔ 8192 Hz), and a row loaded once serves both. Visiting outputs row by row (each row once
 * per block, for all its outputs) was measured no faster: the loop is bound by arithmetic, not by
 * the table's traffic.
 */

/** Parameters of both functions, in order (pointers and strides in bytes). */
const P = {
  table: 0,
  rowBytes: 1, // L·4: one phase's taps
  mainBytes: 2, // (L − L mod 4)·4: the taps the vector loop takes
  up: 3,
  stepBytes: 4, // ⌊down/up⌋·4: how far the input window moves per output…
  stepFrac: 5, // …plus one sample each time the phase wraps past `up`
  phase: 6,
  xa: 7, // address of the first output's oldest input sample, channel A
  xb: 8,
  oa: 9, // output address, channel A
  ob: 10,
  count: 11,
};
const PARAMS = 12;

// Locals, numbered after the parameters: walking pointers into the table row and the inputs.
const L = { i: 12, pt: 13, pa: 14, pb: 15, endMain: 16, endRow: 17, aLo: 18, aHi: 19, bLo: 20, bHi: 21, taps: 22 };
const LOCALS: ValueType[] = [I32, I32, I32, I32, I32, I32, V128, V128, V128, V128, V128];

function kernel(pair: boolean): WasmFunction {
  const { get, set, i32 } = op;
  /** acc += taps · x[offset … offset + 3], x a walking pointer. */
  const mac = (acc: number, x: number, offset: number) => [get(acc), get(L.taps), get(x), op.v128Load(offset), op.f32x4Mul(), op.f32x4Add(), set(acc)];
  /** Taps j … j+3 (offset 0) into the low sums or j+4 … j+7 (offset 16) into the high sums, of one channel or both. */
  const quad = (offset: number, lo: boolean) => [
    get(L.pt), op.v128Load(offset), set(L.taps),
    mac(lo ? L.aLo : L.aHi, L.pa, offset),
    pair ? mac(lo ? L.bLo : L.bHi, L.pb, offset) : [],
  ];
  /** out = (v0 + v1) + (v2 + v3) with v = lo + hi; then out += 4. */
  const store = (out: number, lo: number, hi: number) => [
    get(out), get(lo), get(hi), op.f32x4Add(), set(L.taps),
    get(L.taps), op.f32x4Lane(0), get(L.taps), op.f32x4Lane(1), op.f32Add(),
    get(L.taps), op.f32x4Lane(2), get(L.taps), op.f32x4Lane(3), op.f32Add(), op.f32Add(),
    op.f32Store(), get(out), i32(4), op.i32Add(), set(out),
  ];
  const advance = (x: number, by: Code) => [get(x), by, op.i32Add(), set(x)];
  const pointers = (bytes: number) => [advance(L.pt, i32(bytes)), advance(L.pa, i32(bytes)), pair ? advance(L.pb, i32(bytes)) : []];
  const zero = (acc: number) => [op.f32x4Const([0, 0, 0, 0]), set(acc)];
  const body: Code[] = [
    op.block(),
    op.loop(),
    [get(L.i), get(P.count), op.i32GeS(), op.brIf(1)],
    [get(P.table), get(P.phase), get(P.rowBytes), op.i32Mul(), op.i32Add(), op.tee(L.pt)],
    [get(P.mainBytes), op.i32Add(), set(L.endMain), get(L.pt), get(P.rowBytes), op.i32Add(), set(L.endRow)],
    [get(P.xa), set(L.pa), pair ? [get(P.xb), set(L.pb)] : []],
    zero(L.aLo), zero(L.aHi), pair ? [zero(L.bLo), zero(L.bHi)] : [],
    op.block(),
    op.loop(),
    [get(L.pt), get(L.endMain), op.i32GeS(), op.brIf(1)],
    quad(0, true),
    quad(16, false),
    pointers(32),
    op.br(0),
    op.end(),
    op.end(),
    // A row of 8k + 4 taps ends with one more group of four, into the low sums.
    [get(L.pt), get(L.endRow), op.i32LtS()],
    op.if(),
    quad(0, true),
    op.end(),
    store(P.oa, L.aLo, L.aHi),
    pair ? store(P.ob, L.bLo, L.bHi) : [],
    advance(P.xa, get(P.stepBytes)),
    pair ? advance(P.xb, get(P.stepBytes)) : [],
    [get(P.phase), get(P.stepFrac), op.i32Add(), op.tee(P.phase), get(P.up), op.i32GeS()],
    op.if(),
    [get(P.phase), get(P.up), op.i32Sub(), set(P.phase)],
    advance(P.xa, i32(4)),
    pair ? advance(P.xb, i32(4)) : [],
    op.end(),
    advance(L.i, i32(1)),
    op.br(0),
    op.end(),
    op.end(),
  ];
  return { name: pair ? "pair" : "one", params: new Array<ValueType>(PARAMS).fill(I32), locals: LOCALS, body };
}

interface Instance {
  memory: WebAssembly.Memory;
  one: (...args: number[]) => void;
  pair: (...args: number[]) => void;
  /** The plan whose table sits at address 0 of memory. */
  plan: PolyphasePlan | null;
}

let instance: Instance | null | undefined;

/** The compiled kernel, or null where WebAssembly SIMD is missing (then the JavaScript loop runs). */
function load(): Instance | null {
  if (instance !== undefined) return instance;
  instance = null;
  try {
    const bytes = assemble([kernel(false), kernel(true)], 1);
    // Small enough (< 4 KB) for a synchronous compile on a browser's main thread.
    if (typeof WebAssembly === "object" && WebAssembly.validate(bytes)) {
      const exports = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as Omit<Instance, "plan">;
      instance = { memory: exports.memory, one: exports.one, pair: exports.pair, plan: null };
    }
  } catch {
    instance = null;
  }
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
    const args = [0, L * 4, (L - (L % 8)) * 4, plan.up, stepWhole * 4, stepFrac, phase, inAt(0), inAt(channels - 1), outAt(0), outAt(channels - 1), b1 - b0];
    if (channels === 2) k.pair(...args);
    else k.one(...args);
    for (let c = 0; c < channels; c++) outs[c].set(heap.subarray(outAt(c) / 4, outAt(c) / 4 + (b1 - b0)), b0 - i0);
  }
  return true;
}

/** heap[at …] = x[from … to − 1], zeros where the range passes either end of x. */
function copyWindow(heap: Float32Array, at: number, x: Float32Array, from: number, to: number): void {
  const lo = Math.min(to, Math.max(from, 0));
  const hi = Math.max(lo, Math.min(to, x.length));
  heap.fill(0, at, at + lo - from);
  heap.set(x.subarray(lo, hi), at + lo - from);
  heap.fill(0, at + hi - from, at + to - from);
}
