import { spawnSync } from "node:child_process";
import { closeSync, existsSync, openSync, renameSync, statSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { wavHeader, wavSamples } from "../src/audio";
import { launchBrowser, launchProfileBrowser, startDevServer, type BenchBrowser } from "./browser";
import { benchSignal } from "./signal";
import type { BenchItem } from "./items";
import type { ModelItem } from "./model-timing";
import { repetitions } from "./node-items";
import { measurePreview } from "./preview";
import type { Measured } from "./rows";

export interface BrowserRun {
  measured: Measured[];
  chromium?: string;
  /** "SIMD, 2 threads, cross-origin isolated" as the bench page's backend reported it. */
  wasm?: string;
}

const MODEL: Record<string, ModelItem> = { forward_b1_browser: "forward_b1", forward_b8_browser: "forward_b8", train_b8_browser: "train_b8" };

// Page calls run for minutes; playwright's evaluate has no timeout of its own, a stuck page would
// hang the bench forever, so each waits at most this long.
const CALL_LIMIT_MS = 8 * 60_000;

async function call<T>(what: string, f: () => Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${CALL_LIMIT_MS / 60_000} min`)), CALL_LIMIT_MS);
  });
  try {
    return await Promise.race([f(), limit]);
  } finally {
    clearTimeout(timer);
  }
}

/** Our items in headless Chromium: the bench page on a dev server, and the built app on vite preview. */
export async function measureBrowser(items: readonly BenchItem[], quick: boolean, threads: number, log: (s: string) => void): Promise<BrowserRun> {
  const names = new Set(items.map((i) => i.name));
  const reps = repetitions(quick);
  const out: BrowserRun = { measured: [] };
  const MEMORY = { peak_memory_60min_browser: "wav", peak_memory_60min_mp3_browser: "mp3" } as const;
  const pageItems = items.filter((i) => i.place === "browser" && !(i.name in MEMORY));

  const memory = (Object.keys(MEMORY) as (keyof typeof MEMORY)[]).filter((n) => names.has(n));
  if (pageItems.length || memory.length) {
    const server = await startDevServer();
    let browser: BenchBrowser | undefined;
    try {
      browser = await launchBrowser();
      out.chromium = browser.version;
      const url = `${server.origin}/bench/page.html`;
      if (pageItems.length) {
        const { page, context, errors } = await browser.open(url);
        try {
          await page.waitForFunction(() => "demixBench" in window, null, { timeout: 120_000 });
          const info = await page.evaluate((n) => window.demixBench.init(n), threads);
          if (info.name !== "wasm") throw new Error(`the bench page did not start wasm: ${info.reason}`);
          out.wasm = `${info.simd ? "SIMD" : "no SIMD"}, ${info.threads} thread${info.threads === 1 ? "" : "s"}, ${info.crossOriginIsolated ? "cross-origin isolated" : "NOT cross-origin isolated"}`;
          if (info.threads !== threads) log(`browser: asked for ${threads} wasm threads, got ${info.threads} (${info.reason})`);

          const model = pageItems.filter((i) => i.name in MODEL);
          if (model.length) {
            log(`browser: paper U-Net ${model.map((i) => i.name).join(", ")}…`);
            const t = await call("the browser model timings", () => page.evaluate(([which, r]) => window.demixBench.timeModel(which, r), [model.map((i) => MODEL[i.name]), { forward: reps.forward, train: reps.train }] as const));
            for (const i of model) out.measured.push({ name: i.name, value: t[MODEL[i.name]]?.ms ?? null, note: t[MODEL[i.name]] ? undefined : "the page returned no timing" });
          }
          if (names.has("separate_3min_browser")) {
            log("browser: separate 3 min with models/default…");
            const t = await call("the 3-minute separation", () => page.evaluate((r) => window.demixBench.timeSeparate(180, r), reps.separate));
            out.measured.push({ name: "separate_3min_browser", value: t.ms });
          }
          if (names.has("separate_3min_mid_browser")) {
            log('browser: separate 3 min with models/default, stereo "mid"…');
            const t = await call("the 3-minute separation (mid)", () => page.evaluate((r) => window.demixBench.timeSeparate(180, r, "mid"), reps.separate));
            out.measured.push({ name: "separate_3min_mid_browser", value: t.ms });
          }
          if (names.has("longest_task_training_browser")) {
            const steps = quick ? 2 : 3;
            log(`browser: main-thread tasks during ${steps} paper-model training steps in the worker…`);
            const r = await call("the training run", () => page.evaluate((n) => window.demixBench.trainWatchingMainThread(n), steps));
            if (r.stepsDone < steps) {
              out.measured.push({ name: "longest_task_training_browser", value: null, note: `the training run ended early (${r.stoppedBy}: ${r.message ?? ""})` });
            } else {
              // The Long Tasks API (issue 7's measure) reports tasks of 50 ms and more only; with none
              // the value is 0, shown as such. The tick gap is context: it also counts time the OS
              // gave both cores to other processes, so on a loaded machine it overstates tasks.
              const longest = r.longTasks.length ? Math.max(...r.longTasks) : 0;
              out.measured.push({
                name: "longest_task_training_browser",
                value: longest,
                display: r.longTasks.length ? undefined : "none ≥ 50 ms",
                note:
                  `${r.longTasks.length} long task(s) ≥ 50 ms; largest gap between 4 ms ticks ${r.largestGapMs.toFixed(0)} ms; ` +
                  `worker steps ${r.stepMs.map((ms) => (ms / 1000).toFixed(1)).join(", ")} s`,
              });
            }
          }
          if (errors.length) log(`browser: the bench page logged errors:\n  ${errors.join("\n  ")}`);
        } finally {
          await context.close();
        }
      }
      // Each in its own browser: a renderer's peak (VmHWM) never comes down, so earlier items would mask it.
      await browser.close();
      browser = undefined;
      for (const name of memory) out.measured.push(await measurePeakMemory(name, MEMORY[name], url, threads, log));
    } finally {
      await browser?.close();
      await server.close();
    }
  }
  if (names.has("tti_preview")) out.measured.push(await measurePreview(quick ? 2 : 5, log));
  return out;
}

async function measurePeakMemory(name: string, kind: "wav" | "mp3", url: string, threads: number, log: (s: string) => void): Promise<Measured> {
  const minutes = 60;
  log(`browser: separate a ${minutes}-min 44.1 kHz stereo ${kind.toUpperCase()} file, watching the renderer's peak memory…`);
  // A profile on disk, as people have: there Chromium keeps the chosen file and the stems' OPFS files
  // on disk; an incognito context would refuse them past its memory quota.
  let browser: Awaited<ReturnType<typeof launchProfileBrowser>> | undefined;
  try {
    const file = kind === "wav" ? longWavFile(minutes) : longMp3File(minutes);
    browser = await launchProfileBrowser();
    const page = await browser.context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => "demixBench" in window, null, { timeout: 120_000 });
    const info = await page.evaluate((n) => window.demixBench.init(n), threads);
    await page.setInputFiles("#song", file);
    const r = await call(`the ${minutes}-minute separation`, () => page.evaluate(() => window.demixBench.separateChosenFile()));
    const renderers = browser.renderers();
    if (!renderers.length) return { name, value: null, note: "no renderer process found to read memory from" };
    const peak = Math.max(...renderers.map((p) => p.peakMb));
    const how = kind === "wav" ? "read a chunk at a time" : "decoded a chunk at a time by WebCodecs (mediaBlobSource)";
    return {
      name,
      value: peak,
      note: `renderer VmHWM (peak resident), wasm ${info.threads} thread(s); a ${minutes}-min ${kind === "wav" ? "pcm16 WAV" : "192 kb/s MP3"} file (${(statSync(file).size / 1e6).toFixed(0)} MB) chosen in a file input, ${how} and the stems written to OPFS files and read back (separateToWav, as the app's separator); ${r.samples} frames out; ${(r.ms / 1000).toFixed(0)} s = ${((minutes * 60_000) / r.ms).toFixed(0)}× real time`,
    };
  } catch (e) {
    return { name, value: null, note: `failed: ${(e as Error).message.split("\n")[0]}` };
  } finally {
    await browser?.close();
  }
}

/** The long WAV as a 192 kb/s MP3, encoded by ffmpeg once (kept for the next run). */
function longMp3File(minutes: number): string {
  const path = join(tmpdir(), `demix-bench-${minutes}min.mp3`);
  if (existsSync(path) && statSync(path).size > 0) return path;
  const wav = longWavFile(minutes);
  const r = spawnSync("ffmpeg", ["-v", "error", "-y", "-nostdin", "-i", wav, "-c:a", "libmp3lame", "-b:a", "192k", `${path}.part.mp3`], { stdio: "inherit" });
  if (r.error || r.status !== 0) throw new Error(`ffmpeg could not encode the MP3 (${r.error?.message ?? `exit ${r.status}`}): apt-get install ffmpeg`);
  renameSync(`${path}.part.mp3`, path);
  return path;
}

/** A `minutes`-long 44.1 kHz stereo pcm16 WAV in the temp folder, written a minute at a time (kept for the next run). */
function longWavFile(minutes: number): string {
  const path = join(tmpdir(), `demix-bench-${minutes}min.wav`);
  const frames = minutes * 60 * 44100;
  const header = wavHeader(44100, 2, frames, "pcm16");
  if (existsSync(path) && statSync(path).size === header.length + frames * 4) return path;
  const fd = openSync(path, "w");
  try {
    writeSync(fd, header);
    for (let k = 0; k < minutes; k++) writeSync(fd, wavSamples(benchSignal(60, 44100, 2, 1 + 2 * k).channels, "pcm16"));
  } finally {
    closeSync(fd);
  }
  return path;
}
