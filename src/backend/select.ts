import * as tf from "@tensorflow/tfjs";
import { getThreadsCount, setThreadsCount } from "@tensorflow/tfjs-backend-wasm";
import { probeGpu, type GpuProbe } from "./gpu";
import { registerWasmKernels } from "./kernels";

/**
 * Picks and starts the tfjs backend. In Node: wasm (single-threaded there). In a browser: WebGPU or
 * WebGL only on a real GPU, otherwise wasm with SIMD and, when the page is cross-origin isolated,
 * threads. Whenever wasm is chosen our training kernels are registered on it.
 */

export type BackendName = "wasm" | "webgl" | "webgpu" | "cpu";

export interface BackendOptions {
  /** Use this backend if it can start (even WebGL on a software renderer: the user asked). */
  prefer?: BackendName;
  /** wasm threads to ask for (default in a browser: every core). Only the first wasm start counts. */
  threads?: number;
}

export interface BackendInfo {
  name: BackendName;
  /** Threads the backend really computes with (wasm's pool size; 1 for cpu, WebGL, WebGPU). */
  threads: number;
  /** Whether the wasm binary in use has SIMD (false for other backends). */
  simd: boolean;
  /** The page's cross-origin isolation, which wasm threads need; absent in Node. */
  crossOriginIsolated?: boolean;
  /** Why this backend, in a sentence for the UI and the CLI. */
  reason: string;
}

const isNode = (): boolean => typeof process !== "undefined" && process.versions?.node != null && typeof window === "undefined";

async function startWasm(threads: number | undefined): Promise<boolean> {
  if (!isNode()) {
    const { configureWasmPaths } = await import("./wasm-paths.browser");
    configureWasmPaths();
  }
  const wanted = threads ?? (isNode() ? undefined : navigator.hardwareConcurrency);
  if (wanted !== undefined) setThreadsCount(wanted);
  registerWasmKernels();
  return withCoresReported(wanted, () => tf.setBackend("wasm"));
}

/**
 * tfjs's wasm backend sizes its XNNPACK pool from emscripten's count of logical cores halved, whatever
 * setThreadsCount asks: one thread on a 2-core laptop (FIELD-NOTES). While it starts, the navigator
 * reports twice the threads wanted; afterwards the truth again. Measured on 2 cores (bench/NOTES.md):
 * forward batch 8 1.8× faster, a training step 1.2×, separating a song 1.35×, and training in the
 * worker still leaves the page no task over 50 ms.
 */
async function withCoresReported<T>(threads: number | undefined, start: () => Promise<T>): Promise<T> {
  if (isNode() || threads === undefined || typeof navigator === "undefined") return start();
  const cores = navigator.hardwareConcurrency ?? 1;
  if (threads <= Math.floor(cores / 2)) return start();
  Object.defineProperty(navigator, "hardwareConcurrency", { value: threads * 2, configurable: true });
  try {
    return await start();
  } finally {
    delete (navigator as { hardwareConcurrency?: number }).hardwareConcurrency;
  }
}

async function wasmInfo(reason: string): Promise<BackendInfo> {
  const simd = (await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT")) as boolean;
  const threaded = (await tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT")) as boolean;
  // The non-threaded binary reports no pool; it computes on the calling thread.
  const threads = threaded && simd ? Math.max(getThreadsCount(), 1) : 1;
  const isolated = isNode() ? undefined : globalThis.crossOriginIsolated === true;
  const detail = `${simd ? "SIMD" : "no SIMD"}, ${threads} thread${threads === 1 ? "" : "s"}`;
  const why = isNode() ? " (single-threaded in Node)" : !isolated ? " (no threads: the page is not cross-origin isolated)" : "";
  return { name: "wasm", threads, simd, crossOriginIsolated: isolated, reason: `${reason}; wasm with ${detail}${why}` };
}

function plainInfo(name: BackendName, reason: string): BackendInfo {
  const isolated = isNode() ? undefined : globalThis.crossOriginIsolated === true;
  return { name, threads: 1, simd: false, crossOriginIsolated: isolated, reason };
}

function describeGpu(probe: GpuProbe): string {
  if (probe.webgpu && !probe.webgpu.software) return `WebGPU on ${probe.webgpu.description}`;
  if (probe.webgl && !probe.webgl.software) return `WebGL on ${probe.webgl.renderer}`;
  const soft = probe.webgl?.renderer ?? probe.webgpu?.description;
  return soft ? `no GPU (${soft} is a software renderer)` : "no GPU";
}

/** Chooses the backend for a browser: the preferred one if it is there, else the fastest real one. */
function browserChoice(prefer: BackendName | undefined, probe: GpuProbe, hasWebgpu: boolean): { name: BackendName; reason: string } {
  if (prefer === "cpu") return { name: "cpu", reason: "cpu as requested" };
  if (prefer === "wasm") return { name: "wasm", reason: "wasm as requested" };
  if (prefer === "webgpu" && hasWebgpu && probe.webgpu) return { name: "webgpu", reason: `WebGPU as requested (${probe.webgpu.description})` };
  if (prefer === "webgl" && probe.webgl) return { name: "webgl", reason: `WebGL as requested (${probe.webgl.renderer})` };
  const missed = prefer ? `${prefer} is not available here; ` : "";
  if (hasWebgpu && probe.webgpu && !probe.webgpu.software) return { name: "webgpu", reason: `${missed}${describeGpu(probe)}` };
  if (probe.webgl && !probe.webgl.software) return { name: "webgl", reason: `${missed}${describeGpu(probe)}` };
  return { name: "wasm", reason: `${missed}${describeGpu(probe)}` };
}

let starting: Promise<BackendInfo> | undefined;

/**
 * Starts the best backend (see below). One start at a time: two started together (two notebook
 * cells loading models at once) would each create a wasm instance, tfjs would keep the later one and
 * fall back to cpu for the earlier, and tensors made in between would be lost ("Cannot read
 * properties of undefined (reading 'get')"). A call made while a start is under way gets its result.
 */
export function initBackend(options: BackendOptions = {}): Promise<BackendInfo> {
  starting ??= startBackend(options).finally(() => (starting = undefined));
  return starting;
}

async function startBackend(options: BackendOptions): Promise<BackendInfo> {
  const { prefer, threads } = options;
  let choice: { name: BackendName; reason: string };
  if (isNode()) {
    choice =
      prefer === "cpu"
        ? { name: "cpu", reason: "cpu as requested" }
        : { name: "wasm", reason: prefer && prefer !== "wasm" ? `${prefer} is not available in Node` : "Node" };
  } else {
    // The WebGPU backend is a separate package; it is probed only when something registered it.
    const hasWebgpu = tf.findBackendFactory("webgpu") != null;
    choice = browserChoice(prefer, await probeGpu(hasWebgpu), hasWebgpu);
  }

  if (choice.name === "wasm") {
    if (await startWasm(threads)) return wasmInfo(choice.reason);
    choice = { name: "cpu", reason: `${choice.reason}; the wasm backend failed to start` };
  } else if (choice.name !== "cpu") {
    if (await tf.setBackend(choice.name)) return plainInfo(choice.name, choice.reason);
    // A GPU backend that fails to start (lost context, blocked) still leaves wasm.
    if (await startWasm(threads)) return wasmInfo(`${choice.reason}, but ${choice.name} failed to start`);
    choice = { name: "cpu", reason: `${choice.reason}; neither ${choice.name} nor wasm started` };
  }
  await tf.setBackend("cpu");
  return plainInfo("cpu", choice.reason);
}
