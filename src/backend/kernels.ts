import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { conv2DBackpropFilter } from "./conv2d-backprop-filter";
import { makeConv2DBackpropInput } from "./conv2d-backprop-input";
import { clearPhaseFilterCache } from "./phase-filters";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { registerBatchNormGradient } from "./batch-norm-grad";
import { COPY_KERNELS } from "./copy-kernels";

/**
 * Registers our kernels on the "wasm" backend (other backends keep theirs): the convolution
 * gradients, and Slice/SplitV/Concat (copy-kernels.ts).
 * Idempotent: a second call, or a call from a second copy of this module, finds ours in place.
 * Safe before or after the backend is initialised: the replaced kernel's setup function (which
 * binds its wasm entry point) is carried over so the stock fallback works either way.
 */

const BACKEND = "wasm";
/** Marks kernel functions as ours across module copies (a symbol from the global registry). */
const OURS = Symbol.for("demix.wasmKernel");

/** The kernel config ours replaced, kept on our function so `restoreStockWasmKernels` can put it back. */
const STOCK = Symbol.for("demix.wasmKernel.stock");

type Marked = tf.KernelFunc & { [OURS]?: true; [STOCK]?: tf.KernelConfig };

const isOurs = (config: tf.KernelConfig | undefined): boolean => (config?.kernelFunc as Marked | undefined)?.[OURS] === true;

function mark(f: tf.KernelFunc, stock?: tf.KernelConfig): tf.KernelFunc {
  (f as Marked)[OURS] = true;
  if (stock) (f as Marked)[STOCK] = stock;
  return f;
}

/** Puts ours in place of a stock kernel, keeping the stock one (with its setup) to fall back on. */
function replaceStock(name: string, make: (stock: tf.KernelFunc) => tf.KernelFunc): void {
  const stock = tf.getKernel(name, BACKEND);
  if (isOurs(stock)) return;
  if (!stock) throw new Error(`the wasm backend is not loaded: no stock ${name} to fall back on`);
  tf.unregisterKernel(name, BACKEND);
  tf.registerKernel({
    kernelName: name,
    backendName: BACKEND,
    setupFunc: stock.setupFunc,
    disposeFunc: stock.disposeFunc,
    kernelFunc: mark(make(stock.kernelFunc), stock),
  });
}

const REPLACED = { Conv2DBackpropInput: makeConv2DBackpropInput, ...COPY_KERNELS };

export function registerWasmKernels(): void {
  registerBatchNormGradient();
  for (const [name, make] of Object.entries(REPLACED)) replaceStock(name, make);
  // A future tfjs may ship its own; then it is left in place.
  if (!tf.getKernel("Conv2DBackpropFilter", BACKEND)) {
    tf.registerKernel({ kernelName: "Conv2DBackpropFilter", backendName: BACKEND, kernelFunc: mark(conv2DBackpropFilter) });
  }
}

/** Whether our kernels are the ones registered now (`copies`: Slice, SplitV and Concat). */
export function wasmKernelsRegistered(): { conv2DBackpropInput: boolean; conv2DBackpropFilter: boolean; copies: boolean } {
  return {
    conv2DBackpropInput: isOurs(tf.getKernel("Conv2DBackpropInput", BACKEND)),
    conv2DBackpropFilter: isOurs(tf.getKernel("Conv2DBackpropFilter", BACKEND)),
    copies: Object.keys(COPY_KERNELS).every((name) => isOurs(tf.getKernel(name, BACKEND))),
  };
}

/** Puts the stock kernels back (for benchmarks and comparisons); the inverse of registerWasmKernels. */
export function restoreStockWasmKernels(): void {
  for (const name of Object.keys(REPLACED)) {
    const ours = tf.getKernel(name, BACKEND);
    const stock = (ours?.kernelFunc as Marked | undefined)?.[STOCK];
    if (isOurs(ours) && stock) {
      tf.unregisterKernel(name, BACKEND);
      tf.registerKernel(stock);
    }
  }
  if (isOurs(tf.getKernel("Conv2DBackpropFilter", BACKEND))) tf.unregisterKernel("Conv2DBackpropFilter", BACKEND);
}

/**
 * Frees the transposed-convolution filters kept for inference (they also go by themselves at the
 * next Conv2DBackpropInput once their weights are disposed); call after disposing a model.
 */
export function clearWasmKernelCache(): void {
  const backend = tf.findBackend(BACKEND) as BackendWasm | null;
  if (backend) clearPhaseFilterCache(backend);
}
