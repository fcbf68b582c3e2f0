import * as tf from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";

/**
 * Calls into the wasm backend's own kernels from inside a kernel of ours.
 *
 * A kernel runs below the engine: what it gets and returns are bare TensorInfos that the engine
 * does not track. So these helpers call the registered kernel functions directly (no engine, no
 * tape, no scopes) and every intermediate they return must be given back with `release`; the
 * engine only ever sees the final output.
 */

export type Info = tf.TensorInfo;
/** Explicit NHWC padding as tfjs takes it: [[0,0],[top,bottom],[left,right],[0,0]]. */
export type Pads4 = [[0, 0], [number, number], [number, number], [0, 0]];

function call(name: string, backend: BackendWasm, inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap): Info {
  const kernel = tf.getKernel(name, "wasm");
  if (!kernel) throw new Error(`the wasm backend has no '${name}' kernel`);
  return kernel.kernelFunc({ inputs, backend, attrs }) as Info;
}

/** Stride-1 NHWC convolution on XNNPACK; `dilations` lets dy act as a filter with stride gaps. */
export function conv2d(backend: BackendWasm, x: Info, filter: Info, pads: Pads4, dilations: [number, number] = [1, 1]): Info {
  return call("Conv2D", backend, { x, filter }, { strides: [1, 1], pad: pads, dataFormat: "NHWC", dilations });
}

export function transpose(backend: BackendWasm, x: Info, perm: number[]): Info {
  return call("Transpose", backend, { x }, { perm });
}

export function slice(backend: BackendWasm, x: Info, begin: number[], size: number[]): Info {
  return call("Slice", backend, { x }, { begin, size });
}

/** Drops one reference to each intermediate (a reshape shares its input's data and holds one). */
export function release(backend: BackendWasm, ...infos: Info[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

/**
 * A live Float32Array over a tensor's bytes on the wasm heap. Any allocation may grow (and so
 * detach) the heap, so take views after the last `makeOutput` and do not keep them.
 */
export function heap(backend: BackendWasm, info: Info): Float32Array {
  return backend.typedArrayFromHeap(info) as Float32Array;
}
