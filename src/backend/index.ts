/**
 * Backends: which tfjs backend runs the model, and the kernels that make the U-Net trainable and
 * fast on wasm (tfjs 4.22's wasm backend has no Conv2DBackpropFilter and a slow
 * Conv2DBackpropInput). Node-safe; the browser-only wasm file locations load on demand.
 */
export { initBackend, type BackendInfo, type BackendName, type BackendOptions } from "./select";
export { clearWasmKernelCache, registerWasmKernels, restoreStockWasmKernels, wasmKernelsRegistered } from "./kernels";
export { isSoftwareRenderer, probeGpu, type GpuProbe } from "./gpu";
export { phaseMergedFilter, phaseWindow } from "./phase-merged";
