import { NORM_FLOOR, OverlapNorm } from "./overlap-norm";
import type { Spectrogram, StftConfig } from "./stft";
import { copyWindow, kernelExports } from "../wasm";

/**
 * The STFT and ISTFT on WebAssembly SIMD (wasm/stft-simd.ts, AssemblyScript): four frames at a
 * time, one per float32 lane, so the FFT's butterflies need no shuffles. Float32 arithmetic, as
 * scipy's own for float32 input (complex64): spectra within ~2e-7 of the peak of numpy's float64
 * ones. `stft` and `istft` (./stft) use it where WebAssembly SIMD is present and fall back to the
 * float64 JavaScript FFT (./realfft) elsewhere.
 *
 * Memory, in bytes from 0, per plan (FFT size, window and hop): the kernel's tables (pass twiddles,
 * split twiddles, bit-reversal offsets, analysis window, synthesis weights), its scratch (the
 * complex FFT's M vectors and a spectrum's M + 1, each as real and imaginary parts), then a batch's
 * samples (frames to transform, or overlap-add sums) and spectra. A batch is BATCH frames, so the
 * memory stays small whatever the signal's length.
 */

interface Exports {
  memory: WebAssembly.Memory;
  setup(m: number, odd: number, tw: number, split: number, rev: number, win: number, synth: number, zr: number, zi: number, xr: number, xi: number): void;
  forward(inP: number, hopBytes: number, quads: number, reP: number, imP: number): void;
  inverse(reP: number, imP: number, quads: number, olaP: number, hopBytes: number): void;
}

/** Frames per kernel call: a multiple of 4. */
const BATCH = 64;

interface Plan {
  nfft: number;
  hop: number;
  window: Float32Array;
  /** Byte addresses of the batch's samples (BATCH frames' span) and spectra (BATCH rows of bins). */
  samples: number;
  re: number;
  im: number;
  /** Float32 length of the samples region. */
  span: number;
}

let current: Plan | null = null;
let disabled = false;

function load(): Exports | null {
  return kernelExports("stft-simd") as unknown as Exports | null;
}

/** Whether the SIMD STFT runs here (for tests and the bench's notes). */
export function simdStftAvailable(): boolean {
  return load() !== null;
}

/** Disables the SIMD STFT (true) or re-enables it; for tests and measurements against the JavaScript FFT. */
export function disableSimdStft(off: boolean): void {
  disabled = off;
}

const align = (bytes: number) => Math.ceil(bytes / 16) * 16;

/** Lays out the memory for a plan and writes its tables, unless the current plan is the same. */
function prepare(kernel: Exports, nfft: number, hop: number, window: Float32Array): Plan {
  if (current && current.nfft === nfft && current.hop === hop && sameWindow(current.window, window)) return current;
  const m = nfft / 2;
  const stages = Math.log2(m);
  const odd = stages % 2 === 1;
  // Fused passes of half-span h (in points): h = 1 or 2, then ×4 while h < M.
  const spans: number[] = [];
  for (let h = odd ? 2 : 1; h < m; h *= 4) spans.push(h);
  const twiddles = spans.reduce((n, h) => n + h, 0);
  let at = 0;
  const take = (bytes: number) => {
    const p = at;
    at = align(at + bytes);
    return p;
  };
  const tw = take(twiddles * 16);
  const split = take(m * 8);
  const rev = take(m * 4);
  const win = take(nfft * 4);
  const synth = take(nfft * 4);
  const zr = take(m * 16);
  const zi = take(m * 16);
  const xr = take((m + 1) * 16);
  const xi = take((m + 1) * 16);
  const span = (BATCH - 1) * hop + nfft;
  const samples = take(span * 4);
  const re = take(BATCH * (m + 1) * 4);
  const im = take(BATCH * (m + 1) * 4);
  if (kernel.memory.buffer.byteLength < at) kernel.memory.grow(Math.ceil((at - kernel.memory.buffer.byteLength) / 65536));
  const f32 = new Float32Array(kernel.memory.buffer);
  const i32 = new Int32Array(kernel.memory.buffer);
  let t = tw / 4;
  for (const h of spans) {
    for (let j = 0; j < h; j++) {
      const a1 = (-2 * Math.PI * j) / (2 * h);
      const a2 = (-2 * Math.PI * j) / (4 * h);
      f32.set([Math.cos(a1), Math.sin(a1), Math.cos(a2), Math.sin(a2)], t);
      t += 4;
    }
  }
  for (let k = 0; k < m; k++) {
    const a = (2 * Math.PI * k) / nfft;
    f32[split / 4 + 2 * k] = Math.cos(a);
    f32[split / 4 + 2 * k + 1] = -Math.sin(a);
    i32[rev / 4 + k] = bitReverse(k, stages) * 16;
  }
  f32.set(window, win / 4);
  for (let n = 0; n < nfft; n++) f32[synth / 4 + n] = ((n % 2 === 0 ? 1 : -1) * window[n]) / m;
  kernel.setup(m, odd ? 1 : 0, tw, split, rev, win, synth, zr, zi, xr, xi);
  current = { nfft, hop, window: window.slice(), samples, re, im, span };
  return current;
}

function sameWindow(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function bitReverse(k: number, bits: number): number {
  let r = 0;
  for (let b = 0; b < bits; b++) r |= ((k >> b) & 1) << (bits - 1 - b);
  return r;
}

function usable(nfft: number): Exports | null {
  // Bins go through the kernel's transposes four at a time: M = nfft/2 a multiple of 4.
  return disabled || nfft < 8 ? null : load();
}

/** `stft` on the SIMD kernel, or null where it cannot run (the caller then runs the JavaScript FFT). */
export function stftSimd(signal: Float32Array, config: StftConfig, window: Float32Array, frames: number): Spectrogram | null {
  const { nfft, hop } = config;
  const k = usable(nfft);
  if (!k) return null;
  const plan = prepare(k, nfft, hop, window);
  const bins = nfft / 2 + 1;
  const pad = config.center ? nfft / 2 : 0;
  const re = new Float32Array(frames * bins);
  const im = new Float32Array(frames * bins);
  const heap = new Float32Array(k.memory.buffer);
  const at = plan.samples / 4;
  for (let t0 = 0; t0 < frames; t0 += BATCH) {
    const b = Math.min(BATCH, frames - t0);
    const quads = Math.ceil(b / 4);
    const span = (quads * 4 - 1) * hop + nfft;
    // The batch's samples, zeros where its frames reach past either end of the signal.
    const start = t0 * hop - pad;
    copyWindow(heap, at, signal, start, start + span);
    k.forward(plan.samples, hop * 4, quads, plan.re, plan.im);
    re.set(heap.subarray(plan.re / 4, plan.re / 4 + b * bins), t0 * bins);
    im.set(heap.subarray(plan.im / 4, plan.im / 4 + b * bins), t0 * bins);
  }
  return { frames, bins, re, im, length: signal.length, config };
}

/** `istft` on the SIMD kernel, or null where it cannot run. */
export function istftSimd(spec: Spectrogram, length: number, window: Float32Array): Float32Array | null {
  const { config, frames, bins } = spec;
  const { nfft, hop } = config;
  const k = usable(nfft);
  if (!k) return null;
  const plan = prepare(k, nfft, hop, window);
  const pad = config.center ? nfft / 2 : 0;
  const result = new Float32Array(length);
  const norm = new OverlapNorm(window, hop, frames);
  const heap = new Float32Array(k.memory.buffer);
  const at = plan.samples / 4;
  // Sums still open after a batch: its frames reach this far past the next batch's first frame.
  const carry = Math.max(0, nfft - hop);
  heap.fill(0, at, at + plan.span);
  for (let t0 = 0; t0 < frames; t0 += BATCH) {
    const b = Math.min(BATCH, frames - t0);
    const quads = Math.ceil(b / 4);
    for (const [src, to] of [[spec.re, plan.re], [spec.im, plan.im]] as const) {
      heap.set(src.subarray(t0 * bins, (t0 + b) * bins), to / 4);
      heap.fill(0, to / 4 + b * bins, to / 4 + quads * 4 * bins); // a partial quad's missing frames add nothing
    }
    k.inverse(plan.re, plan.im, quads, plan.samples, hop * 4);
    for (let t = t0; t < t0 + b; t++) {
      const from = t * hop;
      emit(heap, at + from - t0 * hop, norm, from, t === frames - 1 ? nfft : hop, pad, result);
    }
    heap.copyWithin(at, at + b * hop, at + b * hop + carry);
    heap.fill(0, at + carry, at + plan.span);
  }
  return result;
}

/** Writes padded positions from … from + count − 1 of the overlap-add sums (at ola[o…]), divided by the summed squared window. */
function emit(ola: Float32Array, o: number, norm: OverlapNorm, from: number, count: number, pad: number, result: Float32Array): void {
  const out = from - pad;
  if (norm.isPeriodic(from, count) && out >= 0 && out + count <= result.length) {
    // Position from + n ≡ n (mod hop): frames start at multiples of hop.
    const scale = norm.periodicInverse;
    for (let n = 0; n < count; n++) result[out + n] = ola[o + n] * scale[n];
    return;
  }
  for (let n = 0; n < count; n++) {
    const i = out + n;
    const d = norm.at(from + n);
    if (i >= 0 && i < result.length) result[i] = d > NORM_FLOOR ? ola[o + n] / d : 0;
  }
}
