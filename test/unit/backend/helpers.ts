import * as tf from "@tensorflow/tfjs";

/** Deterministic values in [-1, 1) (an LCG), identical on every backend. */
export function values(size: number, seed: number): Float32Array {
  const out = new Float32Array(size);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

/** Runs `f` on a backend and returns its tensors' values; the tensors are disposed. */
export async function on(backend: "wasm" | "cpu", f: () => tf.Tensor[]): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const ts = f();
  const out = ts.map((t) => t.dataSync() as Float32Array);
  tf.dispose(ts);
  return out;
}

/** ‖a − b‖ / ‖b‖. */
export function relativeError(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i] - b[i]) ** 2;
    den += b[i] ** 2;
  }
  return Math.sqrt(num / (den || 1));
}
