import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { openPage, shutdown } from "./harness";

/**
 * initBackend in real Chromium (no GPU here: WebGL runs on SwiftShader, which must not be
 * mistaken for a GPU), and our wasm Conv2DBackpropFilter there against tfjs's cpu kernel.
 */
let page: Page;
let errors: string[];
let close: () => Promise<void>;

beforeAll(async () => {
  ({ page, errors, close } = await openPage("/test/browser/pages/backend.html"));
  await page.waitForSelector("body[data-ready=true]");
});
afterAll(async () => {
  await close?.();
  await shutdown();
});

describe("backend selection in Chromium", () => {
  it("picks wasm with SIMD and the threaded binary on a cross-origin-isolated page without a GPU", async () => {
    const info = await page.evaluate(() => window.demixBackend.init());
    console.log(`initBackend in Chromium: ${JSON.stringify(info)}`);
    expect(info.gpu.webgl?.software).toBe(true);
    expect(info.name).toBe("wasm");
    expect(info.backend).toBe("wasm");
    expect(info.simd).toBe(true);
    expect(info.crossOriginIsolated).toBe(true);
    expect(info.multithread).toBe(true);
    // Every core (tfjs alone would cap the pool at hardwareConcurrency / 2: 1 on a 2-core machine),
    // and the navigator reports the truth again once wasm has started.
    expect(info.threads).toBe(info.hardwareConcurrency);
    expect(info.reason).toMatch(/no GPU/);
    expect(info.kernels).toEqual({ conv2DBackpropInput: true, conv2DBackpropFilter: true, copies: true });
  });

  it("Conv2DBackpropFilter runs on wasm, matches cpu and leaks nothing", async () => {
    const { error, size, leaked } = await page.evaluate(() => window.demixBackend.filterGradError());
    expect(size).toBe(5 * 5 * 4 * 8);
    expect(error).toBeLessThan(1e-4);
    expect(leaked).toBe(0);
  });

  it("logged no page errors", () => {
    expect(errors).toEqual([]);
  });
});
