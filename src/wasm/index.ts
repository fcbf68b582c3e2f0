import { KERNELS } from "./kernels";

/** The WebAssembly SIMD kernels (AssemblyScript in wasm/, compiled by `npm run build:wasm`). */
export type KernelName = keyof typeof KERNELS;

const instances = new Map<KernelName, WebAssembly.Exports | null>();

/**
 * A kernel's exports (its functions and its memory), instantiated once; null where WebAssembly SIMD
 * is missing, so the caller runs its JavaScript fallback. The kernels are small (under 4 KB), so even
 * a browser's main thread may compile them synchronously.
 */
export function kernelExports(name: KernelName): WebAssembly.Exports | null {
  if (instances.has(name)) return instances.get(name)!;
  let exports: WebAssembly.Exports | null = null;
  try {
    const bytes = Uint8Array.from(atob(KERNELS[name]), (c) => c.charCodeAt(0));
    if (typeof WebAssembly === "object" && WebAssembly.validate(bytes)) exports = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports;
  } catch {
    exports = null;
  }
  instances.set(name, exports);
  return exports;
}

/**
 * heap[at …] = x[from … to − 1], zeros where the range passes either end of x: how a kernel's glue
 * hands it a window of a signal without a zero-padded copy of the whole signal.
 */
export function copyWindow(heap: Float32Array, at: number, x: Float32Array, from: number, to: number): void {
  const lo = Math.min(to, Math.max(from, 0));
  const hi = Math.max(lo, Math.min(to, x.length));
  heap.fill(0, at, at + lo - from);
  heap.set(x.subarray(lo, hi), at + lo - from);
  heap.fill(0, at + hi - from, at + to - from);
}
