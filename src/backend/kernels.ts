import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { conv2DBackpropFilter } from "./conv2d-backprop-filter";
import { makeConv2DBackpropInput } from "./conv2d-backprop-input";
import { clearPhaseFilterCache } from "./phase-filters";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { registerBatchNormGradient } from "./batch-norm-grad";

/**
 * Registers our convolution-gradient kernels on the "wasm" backend (other backends keep theirs).
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

export function registerWasmKernels(): void {
  registerBatchNormGradient();
  const input = tf.getKernel("Conv2DBackpropInput", BACKEND);
  if (!isOurs(input)) {
    if (!input) throw new Error("the wasm backend is not loaded: no stock Conv2DBackpropInput to fall back on");
    tf.unregisterKernel("Conv2DBackpropInput", BACKEND);
    tf.registerKernel({
      kernelName: "Conv2DBackpropInput",
      backendName: BACKEND,
      setupFunc: input.setupFunc,
      disposeFunc: input.disposeFunc,
      kernelFunc: mark(makeConv2DBackpropInput(input.kernelFunc), input),
    });
  }
  // A future tfjs may ship its own; then it is left in place.
  if (!tf.getKernel("Conv2DBackpropFilter", BACKEND)) {
    tf.registerKernel({ kernelName: "Conv2DBackpropFilter", backendName: BACKEND, kernelFunc: mark(conv2DBackpropFilter) });
  }
}

/** Whether our kernels are the ones registered now. */
export function wasmKernelsRegistered(): { conv2DBackpropInput: boolean; conv2DBackpropFilter: boolean } {
  return {
    conv2DBackpropInput: isOurs(tf.getKernel("Conv2DBackpropInput", BACKEND)),
    conv2DBackpropFilter: isOurs(tf.getKernel("Conv2DBackpropFilter", BACKEND)),
  };
}

/** Puts the stock kernels back (for benchmarks and comparisons); the inverse of registerWasmKernels. */
export function restoreStockWasmKernels(): void {
  const input = tf.getKernel("Conv2DBackpropInput", BACKEND);
  const stock = (input?.kernelFunc as Marked | undefined)?.[STOCK];
  if (isOurs(input) && stock) {
    tf.unregisterKernel("Conv2DBackpropInput", BACKEND);
    tf.registerKernel(stock);
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
