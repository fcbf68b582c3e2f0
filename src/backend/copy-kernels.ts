import * as tf from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import type { Info } from "./wasm-calls";

/**
 * Slice, SplitV and Concat for the wasm backend, copying within the wasm heap.
 *
 * tfjs's wasm kernels copy each contiguous run with `out.set(x.subarray(from, to))`: a new typed
 * array object per run. Splitting or joining channels (the U-Net's skip connections: a concat
 * forward, a split in the gradient) makes one run per pixel, 16–256 floats long, and the objects
 * cost more than the copying: a [8,256,64,32] split took 34 ms, a concat of two [8,256,64,16] 13 ms.
 * Here short runs are a plain loop over one view of the heap and long runs `copyWithin` on it.
 * The same bits land in the same places; anything but 4-byte data of rank ≤ 4 goes to the stock kernel.
 */

type KernelArgs = Parameters<tf.KernelFunc>[0];

/** Runs shorter than this are copied by a loop; longer ones by copyWithin (a memmove). */
const LOOP_BELOW = 64;

const fourBytes = (dtype: tf.DataType) => dtype === "float32" || dtype === "int32";
/** What copyBox handles: 4-byte data of rank 1 to 4. */
const boxable = (x: Info) => fourBytes(x.dtype) && x.shape.length >= 1 && x.shape.length <= 4;

/** The whole heap as 32-bit words: take it after the last makeOutput (growth detaches it). */
function words(backend: BackendWasm): Uint32Array {
  // tfjs's own typedArrayFromHeap reads the same field; its typings leave it out.
  return new Uint32Array((backend.wasm as unknown as { HEAPU8: Uint8Array }).HEAPU8.buffer);
}

/** Where a tensor's data starts, in 32-bit words. */
function at(backend: BackendWasm, info: Info): number {
  return (backend.dataIdMap.get(info.dataId) as unknown as { memoryOffset: number }).memoryOffset >> 2;
}

function copy(heap: Uint32Array, from: number, to: number, n: number): void {
  if (n >= LOOP_BELOW) heap.copyWithin(to, from, from + n);
  else for (let k = 0; k < n; k++) heap[to + k] = heap[from + k];
}

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** Copies the box `begin`/`extent` of x (rank ≤ 4) into out, which has the box's shape. */
function copyBox(backend: BackendWasm, x: Info, out: Info, begin: number[], extent: number[]): void {
  const pad = 4 - x.shape.length;
  const shape = [...new Array<number>(pad).fill(1), ...x.shape];
  const [b0, b1, b2, b3] = [...new Array<number>(pad).fill(0), ...begin];
  const [e0, e1, e2, e3] = [...new Array<number>(pad).fill(1), ...extent];
  const s2 = shape[3];
  const s1 = shape[2] * s2;
  const s0 = shape[1] * s1;
  const heap = words(backend);
  const base = at(backend, x);
  let to = at(backend, out);
  for (let i = b0; i < b0 + e0; i++) {
    for (let j = b1; j < b1 + e1; j++) {
      for (let k = b2; k < b2 + e2; k++) {
        copy(heap, base + i * s0 + j * s1 + k * s2 + b3, to, e3);
        to += e3;
      }
    }
  }
}

function makeSlice(stock: tf.KernelFunc): tf.KernelFunc {
  return (args: KernelArgs) => {
    const backend = args.backend as unknown as BackendWasm;
    const { x } = args.inputs as { x: Info };
    const attrs = args.attrs as unknown as tf.SliceAttrs;
    if (!boxable(x)) return stock(args);
    const [begin, extent] = tf.slice_util.parseSliceParams(x as tf.Tensor, attrs.begin, attrs.size);
    const out = backend.makeOutput(extent, x.dtype);
    if (size(extent) > 0) copyBox(backend, x, out, begin, extent);
    return out;
  };
}

function makeSplitV(stock: tf.KernelFunc): tf.KernelFunc {
  return (args: KernelArgs) => {
    const backend = args.backend as unknown as BackendWasm;
    const { x } = args.inputs as { x: Info };
    const attrs = args.attrs as unknown as tf.SplitVAttrs;
    if (!boxable(x)) return stock(args);
    const axis = tf.util.parseAxisParam(attrs.axis, x.shape)[0];
    const sizes = tf.backend_util.prepareSplitSize(x as tf.Tensor, attrs.numOrSizeSplits, axis);
    // All outputs first: each makeOutput may grow (and detach) the heap.
    const outs = sizes.map((s) => backend.makeOutput(x.shape.map((d, i) => (i === axis ? s : d)), x.dtype));
    const begin = new Array<number>(x.shape.length).fill(0);
    for (const out of outs) {
      if (size(out.shape) > 0) copyBox(backend, x, out, begin, out.shape);
      begin[axis] += out.shape[axis];
    }
    return outs;
  };
}

function makeConcat(stock: tf.KernelFunc): tf.KernelFunc {
  return (args: KernelArgs) => {
    const backend = args.backend as unknown as BackendWasm;
    const inputs = (args.inputs as unknown as Info[]).filter((t) => size(t.shape) > 0);
    const all = args.inputs as unknown as Info[];
    if (inputs.length < 2 || !inputs.every((t) => fourBytes(t.dtype) && t.dtype === all[0].dtype)) return stock(args);
    const axis = tf.util.parseAxisParam((args.attrs as unknown as tf.ConcatAttrs).axis, all[0].shape)[0];
    tf.backend_util.assertParamsConsistent(all.map((t) => t.shape), axis);
    const out = backend.makeOutput(tf.backend_util.computeOutShape(all.map((t) => t.shape), axis), all[0].dtype);
    const rows = size(inputs[0].shape.slice(0, axis));
    const runs = inputs.map((t) => size(t.shape.slice(axis)));
    const width = runs.reduce((a, b) => a + b, 0);
    const heap = words(backend);
    const starts = inputs.map((t) => at(backend, t));
    const to = at(backend, out);
    for (let r = 0; r < rows; r++) {
      let offset = to + r * width;
      for (let i = 0; i < inputs.length; i++) {
        copy(heap, starts[i] + r * runs[i], offset, runs[i]);
        offset += runs[i];
      }
    }
    return out;
  };
}

/** Kernel name → how to build ours from the stock kernel function. */
export const COPY_KERNELS: Record<string, (stock: tf.KernelFunc) => tf.KernelFunc> = {
  Slice: makeSlice,
  SplitV: makeSplitV,
  Concat: makeConcat,
};
