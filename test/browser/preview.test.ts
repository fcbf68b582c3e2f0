import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { build, preview, type PreviewServer } from "vite";
import { encodeWav } from "../../src/audio";
import { openPage, screenshot, shutdown } from "./harness";

const outDir = mkdtempSync(join(tmpdir(), "demix-dist-"));
let server: PreviewServer | undefined;

afterAll(async () => {
  await shutdown();
  await new Promise<void>((done) => server?.httpServer.close(() => done()) ?? done());
  rmSync(outDir, { recursive: true, force: true });
});

describe("the built app (vite build + vite preview)", () => {
  it("is cross-origin isolated, starts the threaded SIMD wasm backend and separates with the shipped model", async () => {
    await build({ root: resolve("."), logLevel: "error", build: { outDir, emptyOutDir: true } });
    server = await preview({ root: resolve("."), logLevel: "error", build: { outDir }, preview: { host: "127.0.0.1", port: 0 } });
    const address = server.httpServer.address();
    if (!address || typeof address === "string") throw new Error("preview server has no TCP address");
    const { page, errors, close } = await openPage("/#/tool/separate", `http://127.0.0.1:${address.port}`);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await page.waitForFunction(() => !document.querySelector('[data-status="backend"]')?.textContent?.includes("starting"), null, { timeout: 60_000 });
    expect(await page.textContent('[data-status="backend"]')).toMatch(/^wasm · SIMD · \d+ threads?$/);
    await screenshot(page, "preview-home");

    // The shipped model is part of the build and separates a song in the page.
    const rate = 16000;
    const song = encodeWav({ sampleRate: rate, channels: [Float32Array.from({ length: rate * 3 }, (_, i) => 0.3 * Math.sin(i / 5) * (1 + Math.sin(i / 4000)))] });
    await page.setInputFiles('.separator input[name="song"]', { name: "song.wav", mimeType: "audio/wav", buffer: Buffer.from(song) });
    await page.click(".separator button");
    await page.waitForSelector('.separator .stem[data-stem="vocals"]', { timeout: 90_000 });
    expect(await page.textContent(".separator .error")).toBe("");
    expect(await page.textContent(".separator .stems")).toMatch(/3\.0 s separated/);
    expect(errors).toEqual([]);
    await close();
  });
});
