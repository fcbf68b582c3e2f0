import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build, preview } from "vite";
import { launchBrowser } from "./browser";
import type { Measured } from "./rows";
import { median } from "./stats";

/**
 * Time to interactive of the built app: `vite build` once into a temporary folder, `vite preview`
 * it (COOP/COEP from vite.config.ts), then load "/" `runs` times, each in a fresh browser context
 * (cold HTTP cache, empty IndexedDB: a first visit). Interactive = the workbench's sidebar lists
 * the shipped notebooks and the first view has replaced "Opening…" (it opens the first shipped
 * notebook), measured by the page's own clock from navigation start.
 */
export async function measurePreview(runs: number, log: (s: string) => void): Promise<Measured> {
  const outDir = mkdtempSync(join(tmpdir(), "demix-bench-dist-"));
  log("preview: vite build…");
  const t0 = performance.now();
  await build({ root: resolve("."), logLevel: "error", build: { outDir, emptyOutDir: true } });
  const buildMs = performance.now() - t0;
  const server = await preview({ root: resolve("."), logLevel: "error", build: { outDir }, preview: { host: "127.0.0.1", port: 0 } });
  const browser = await launchBrowser();
  try {
    const address = server.httpServer.address();
    if (!address || typeof address === "string") throw new Error("the preview server has no TCP address");
    const url = `http://127.0.0.1:${address.port}/`;
    log(`preview: ${runs} cold loads…`);
    const times: number[] = [];
    const sidebar: number[] = [];
    for (let i = 0; i < runs; i++) {
      const { page, context } = await browser.open(url);
      try {
        const ready = await page.waitForFunction(
          () => {
            const w = window as unknown as { __sidebarAt?: number };
            const listed = document.querySelector('.workbench .sidebar [data-list="shipped"] a');
            if (listed && w.__sidebarAt === undefined) w.__sidebarAt = performance.now();
            return listed && !document.querySelector(".workbench .content > .loading") ? performance.now() : false;
          },
          null,
          { polling: "raf", timeout: 60_000 },
        );
        times.push((await ready.jsonValue()) as number);
        sidebar.push(await page.evaluate(() => (window as unknown as { __sidebarAt: number }).__sidebarAt));
      } finally {
        await context.close();
      }
    }
    return {
      name: "tti_preview",
      value: median(times),
      note: `median of ${runs} cold loads (${times.map((t) => t.toFixed(0)).join(", ")} ms); sidebar listed at ${median(sidebar).toFixed(0)} ms; build took ${(buildMs / 1000).toFixed(0)} s`,
    };
  } finally {
    await browser.close();
    await new Promise<void>((done) => server.httpServer.close(() => done()));
    rmSync(outDir, { recursive: true, force: true });
  }
}
