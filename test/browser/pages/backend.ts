import * as tf from "@tensorflow/tfjs";
import { initBackend, probeGpu, wasmKernelsRegistered, type BackendInfo, type GpuProbe } from "../../../src/backend";

/** Deterministic values in [-1, 1), the same on every backend. */
function values(size: number, seed: number): Float32Array {
  const out = new Float32Array(size);
  let s = seed;
  for (let i = 0; i < size; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

/** The filter gradient of a U-Net-like conv (5×5, stride 2, 'same') on the current backend. */
function filterGrad(): Float32Array {
  return tf.tidy(() => {
    const x = tf.tensor4d(values(2 * 64 * 32 * 4, 1), [2, 64, 32, 4]);
    const f = tf.tensor4d(values(5 * 5 * 4 * 8, 2), [5, 5, 4, 8]);
    const df = tf.grad((w: tf.Tensor) => tf.conv2d(x, w as tf.Tensor4D, 2, "same").square().sum())(f);
    return df.dataSync() as Float32Array;
  });
}

const api = {
  async init(): Promise<BackendInfo & { backend: string; multithread: boolean; hardwareConcurrency: number; kernels: ReturnType<typeof wasmKernelsRegistered>; gpu: GpuProbe }> {
    const info = await initBackend({ threads: navigator.hardwareConcurrency });
    const multithread = (await tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT")) as boolean;
    const extra = { backend: tf.getBackend(), multithread, hardwareConcurrency: navigator.hardwareConcurrency };
    return { ...info, ...extra, kernels: wasmKernelsRegistered(), gpu: await probeGpu(false) };
  },
  /** Runs the filter gradient on wasm (our kernel) and on cpu; returns ‖wasm − cpu‖ / ‖cpu‖. */
  async filterGradError(): Promise<{ error: number; size: number; leaked: number }> {
    await tf.setBackend("wasm");
    filterGrad();
    const before = tf.memory().numTensors + tf.backend().numDataIds();
    const wasm = filterGrad();
    const leaked = tf.memory().numTensors + tf.backend().numDataIds() - before;
    await tf.setBackend("cpu");
    const cpu = filterGrad();
    await tf.setBackend("wasm");
    let num = 0;
    let den = 0;
    for (let i = 0; i < cpu.length; i++) {
      num += (wasm[i] - cpu[i]) ** 2;
      den += cpu[i] ** 2;
    }
    return { error: Math.sqrt(num / den), size: wasm.length, leaked };
  },
};

declare global {
  interface Window {
    demixBackend: typeof api;
  }
}
window.demixBackend = api;
document.body.dataset.ready = "true";
