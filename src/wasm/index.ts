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
