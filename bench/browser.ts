import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { createServer, type ViteDevServer } from "vite";
import { chromiumPath } from "../test/browser/harness";
import { isolationHeaders } from "../vite.config";

/**
 * Headless Chromium against a Vite dev server rooted at the repo, as test/browser/harness.ts does,
 * but owned by the bench: a fresh context per page (cold cache, empty storage), the server's own
 * dependency cache (so the bench never re-optimises under a browser test running beside it), and
 * the renderer's peak memory read from /proc.
 */

const FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export async function startDevServer(): Promise<{ origin: string; close(): Promise<void> }> {
  const server: ViteDevServer = await createServer({
    root: resolve("."),
    logLevel: "error",
    cacheDir: "node_modules/.vite-bench",
    // COOP/COEP come from vite.config.ts too; said again here because threads depend on them.
    server: { host: "127.0.0.1", port: 0, strictPort: false, hmr: false, headers: isolationHeaders },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === "string") throw new Error("the bench's vite dev server has no TCP address");
  return { origin: `http://127.0.0.1:${address.port}`, close: () => server.close() };
}

export interface BenchBrowser {
  browser: Browser;
  version: string;
  /** A new page in a fresh context (the app's own backend start gives wasm every core it asks for). */
  open(url: string): Promise<{ page: Page; context: BrowserContext; errors: string[] }>;
  /** Peak and current resident memory of each renderer process, in MB (10^6 bytes). */
  renderers(): Promise<{ pid: number; peakMb: number; nowMb: number }[]>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<BenchBrowser> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: FLAGS, headless: true });
  const cdp = await browser.newBrowserCDPSession();
  return {
    browser,
    version: browser.version(),
    async open(url) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      await page.goto(url);
      return { page, context, errors };
    },
    async renderers() {
      const { processInfo } = (await cdp.send("SystemInfo.getProcessInfo")) as { processInfo: { type: string; id: number }[] };
      return processInfo.filter((p) => p.type === "renderer").flatMap((p) => {
        const status = readStatus(p.id);
        return status ? [{ pid: p.id, peakMb: status.VmHWM / 1000, nowMb: status.VmRSS / 1000 }] : [];
      });
    },
    close: () => browser.close(),
  };
}

/** VmHWM (peak resident set) and VmRSS of a process, in kB; null when it is gone. */
/**
 * A browser with a real profile on disk, as people have: Chromium keeps large Blobs (a chosen file,
 * separated stems) on disk there, where an incognito context must hold them in memory and refuses
 * past its quota. `renderers()` reads the renderer processes of this profile from /proc.
 */
export async function launchProfileBrowser(): Promise<{ context: BrowserContext; renderers(): { pid: number; peakMb: number; nowMb: number }[]; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), "demix-bench-profile-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath(), args: FLAGS, headless: true, viewport: { width: 1280, height: 800 } });
  return {
    context,
    renderers() {
      // Child processes do not all carry --user-data-dir: find the browser process by it, then the
      // renderers descending from it (through the zygote).
      const processes = readdirSync("/proc")
        .filter((d) => /^\d+$/.test(d))
        .flatMap((d) => {
          try {
            const cmdline = readFileSync(`/proc/${d}/cmdline`, "utf8");
            const parent = Number(readFileSync(`/proc/${d}/stat`, "utf8").replace(/^.*\) /s, "").split(" ")[1]);
            return [{ pid: Number(d), parent, cmdline }];
          } catch {
            return [];
          }
        });
      const root = processes.find((p) => p.cmdline.includes(profile) && !p.cmdline.includes("--type="));
      if (!root) return [];
      const byPid = new Map(processes.map((p) => [p.pid, p]));
      const descends = (pid: number): boolean => {
        for (let p = byPid.get(pid); p && p.pid > 1; p = byPid.get(p.parent)) if (p.parent === root.pid) return true;
        return false;
      };
      return processes
        .filter((p) => p.cmdline.includes("--type=renderer") && descends(p.pid))
        .flatMap((p) => {
          const status = readStatus(p.pid);
          return status ? [{ pid: p.pid, peakMb: status.VmHWM / 1000, nowMb: status.VmRSS / 1000 }] : [];
        });
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

function readStatus(pid: number): { VmHWM: number; VmRSS: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? NaN);
    return { VmHWM: kb("VmHWM"), VmRSS: kb("VmRSS") };
  } catch {
    return null;
  }
}
