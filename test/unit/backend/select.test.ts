import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { initBackend, isSoftwareRenderer, registerWasmKernels, restoreStockWasmKernels, wasmKernelsRegistered } from "../../../src/backend";

describe("initBackend in Node", () => {
  it("picks wasm, single-threaded with SIMD, and registers our kernels", async () => {
    const info = await initBackend();
    expect(info).toMatchObject({ name: "wasm", threads: 1, simd: true });
    expect(info.crossOriginIsolated).toBeUndefined();
    expect(info.reason).toMatch(/Node/);
    expect(tf.getBackend()).toBe("wasm");
    expect(wasmKernelsRegistered()).toEqual({ conv2DBackpropInput: true, conv2DBackpropFilter: true, copies: true });
  });

  it("explains a preference it cannot honour, and honours cpu", async () => {
    expect(await initBackend({ prefer: "webgl" })).toMatchObject({ name: "wasm", reason: expect.stringMatching(/webgl is not available in Node/) });
    expect(await initBackend({ prefer: "cpu" })).toMatchObject({ name: "cpu", threads: 1 });
    expect(tf.getBackend()).toBe("cpu");
    await initBackend();
    expect(tf.getBackend()).toBe("wasm");
  });
});

describe("kernel registration", () => {
  it("is idempotent, reversible, and leaves other backends' kernels alone", async () => {
    await initBackend();
    const cpuInput = tf.getKernel("Conv2DBackpropInput", "cpu");
    const cpuFilter = tf.getKernel("Conv2DBackpropFilter", "cpu");
    registerWasmKernels();
    registerWasmKernels();
    expect(wasmKernelsRegistered()).toEqual({ conv2DBackpropInput: true, conv2DBackpropFilter: true, copies: true });
    restoreStockWasmKernels();
    expect(wasmKernelsRegistered()).toEqual({ conv2DBackpropInput: false, conv2DBackpropFilter: false, copies: false });
    expect(tf.getKernel("Conv2DBackpropInput", "wasm")).toBeDefined();
    expect(tf.getKernel("Conv2DBackpropFilter", "wasm")).toBeUndefined();
    // The stock kernel still works after the round trip.
    const y = tf.conv2dTranspose(tf.ones([1, 4, 4, 2]) as tf.Tensor4D, tf.ones([3, 3, 1, 2]) as tf.Tensor4D, [1, 8, 8, 1], 2, "same");
    expect(y.shape).toEqual([1, 8, 8, 1]);
    registerWasmKernels();
    expect(wasmKernelsRegistered()).toEqual({ conv2DBackpropInput: true, conv2DBackpropFilter: true, copies: true });
    expect(tf.getKernel("Conv2DBackpropInput", "cpu")).toBe(cpuInput);
    expect(tf.getKernel("Conv2DBackpropFilter", "cpu")).toBe(cpuFilter);
  });
});

describe("software renderers", () => {
  it("are told apart from GPUs", () => {
    for (const soft of [
      "ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)",
      "llvmpipe (LLVM 15.0.6, 256 bits)",
      "Google SwiftShader",
      "Microsoft Basic Render Driver",
      "google swiftshader",
    ]) expect(isSoftwareRenderer(soft), soft).toBe(true);
    for (const gpu of ["ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)", "Apple M2", "Mesa Intel(R) UHD Graphics 620 (KBL GT2)", "AMD Radeon Pro 5500M OpenGL Engine"])
      expect(isSoftwareRenderer(gpu), gpu).toBe(false);
  });
});
