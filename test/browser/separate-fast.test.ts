import { afterAll, describe, expect, it } from "vitest";
import { openPage, shutdown } from "./harness";

afterAll(shutdown);

describe("fast separation paths in Chromium", () => {
  it("runs the WebAssembly SIMD resampler, bit-identical to the JavaScript loop", async () => {
    const { page, errors, close } = await openPage("/test/browser/pages/separate-fast.html");
    await page.waitForFunction(() => "demixFast" in window);
    const r = await page.evaluate(() => window.demixFast.resamplerAgrees());
    expect(r.simd).toBe(true);
    expect(r.identical).toEqual([true, true]);
    expect(r.nonZero).toBe(true);
    expect(errors).toEqual([]);
    await close();
  });

  it("runs the WebAssembly SIMD STFT, within float32 precision of the JavaScript FFT", async () => {
    const { page, errors, close } = await openPage("/test/browser/pages/separate-fast.html");
    await page.waitForFunction(() => "demixFast" in window);
    const r = await page.evaluate(() => window.demixFast.stftAgrees());
    expect(r.simd).toBe(true);
    expect(r.specDiff).toBeLessThan(3e-7);
    expect(r.roundTrip).toBeLessThan(1e-6);
    expect(errors).toEqual([]);
    await close();
  });

  it("compiles the paper U-Net for inference on threaded wasm with model.predict's masks", async () => {
    const { page, errors, close } = await openPage("/test/browser/pages/separate-fast.html");
    await page.waitForFunction(() => "demixFast" in window);
    const r = await page.evaluate(() => window.demixFast.compiledAgrees());
    expect(r.backend).toBe("wasm");
    expect(r.compiled).toBe(true);
    expect(r.maxDiff).toBeLessThan(1e-5);
    expect(r.spread).toBeGreaterThan(0.01);
    expect(errors).toEqual([]);
    await close();
  }, 120_000);
});
