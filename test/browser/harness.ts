import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { createServer, type ViteDevServer } from "vite";

/** Where browser tests write screenshots; git ignores it. */
export const ARTIFACTS = resolve("test-artifacts");

const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * The browser tests run against Debian's Chromium. A missing browser is an error with the fix in
 * it, never a skipped test: a browser suite that silently does nothing proves nothing.
 */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}. Install Debian's package (apt-get install -y chromium) ` +
        `or point CHROMIUM_PATH at a Chromium binary.`,
    );
  }
  return path;
}

let server: ViteDevServer | undefined;
let browser: BrowserContext | undefined;
let profile: string | undefined;

async function ensureStarted(): Promise<{ origin: string; browser: BrowserContext }> {
  if (!server) {
    server = await createServer({
      root: resolve("."),
      logLevel: "error",
      // No hot reload: an edit elsewhere in the tree must not reload a page in the middle of a test.
      server: { host: "127.0.0.1", port: 0, strictPort: false, hmr: false },
    });
    await server.listen();
  }
  if (!browser) {
    // A fresh profile per run: playwright passes it to Chromium as --user-data-dir.
    profile = mkdtempSync(join(tmpdir(), "demix-chromium-"));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath(),
      args: CHROMIUM_FLAGS,
      headless: true,
      viewport: { width: 1280, height: 800 },
    });
  }
  const address = server.httpServer?.address();
  if (!address || typeof address === "string") throw new Error("vite dev server has no TCP address");
  return { origin: `http://127.0.0.1:${address.port}`, browser };
}

/**
 * Opens `path` (e.g. "/" or "/test/browser/pages/audio.html") on a Vite dev server rooted at the
 * repo (or on `origin`, e.g. a preview server), in a new tab of the run's browser profile. Page errors and console errors are collected so
 * a test can assert there were none.
 */
export async function openPage(path: string, origin?: string): Promise<{ page: Page; errors: string[]; close(): Promise<void> }> {
  const started = await ensureStarted();
  const browser = started.browser;
  origin ??= started.origin;
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await page.goto(origin + path);
  return { page, errors, close: () => page.close() };
}

/** Saves a full-page screenshot under test-artifacts/ and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Stops the shared browser and server; call from afterAll. */
export async function shutdown(): Promise<void> {
  await browser?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  browser = undefined;
  server = undefined;
  profile = undefined;
}
