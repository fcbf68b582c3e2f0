import { readFileSync } from "node:fs";
import { encodeWav } from "../../src/audio";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { openPage, screenshot, shutdown } from "./harness";

afterAll(shutdown);

const cell = (title: string) => `.cell[data-title="${title}"]`;
// (Not before the notebook is on the page: no cells at all would count as all done.)
const allCodeDone = () => {
  const cells = [...document.querySelectorAll<HTMLElement>(".cell.code")];
  return cells.length > 0 && cells.every((c) => c.dataset.status === "done");
};

async function replaceSource(page: Page, title: string, text: string): Promise<void> {
  await page.click(`${cell(title)} .cm-content`);
  await page.keyboard.press("Control+A");
  await page.keyboard.type(text);
}

async function status(page: Page, title: string): Promise<{ status?: string; runs: number }> {
  return page.$eval(cell(title), (e) => ({ status: (e as HTMLElement).dataset.status, runs: Number((e as HTMLElement).dataset.runs ?? 0) }));
}

describe("the notebook workbench", () => {
  it("exports a notebook as the .ts file it is", async () => {
    const { page, close } = await openPage("/#/shipped/01-song-to-masks.ts");
    await page.waitForSelector(".nb-toolbar");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click('.nb-toolbar [data-action="export"]')]);
    expect(download.suggestedFilename()).toBe("From-a-song-to-its-masks.ts");
    const text = readFileSync((await download.path())!, "utf8");
    // An untouched copy exports byte for byte as the shipped file.
    expect(text).toBe(readFileSync("notebooks/01-song-to-masks.ts", "utf8"));

    // Imported back, it is a new notebook of the user's, the same cells, not run until asked.
    await page.setInputFiles('input[data-action="import-notebook"]', { name: "From-a-song-to-its-masks.ts", mimeType: "text/plain", buffer: Buffer.from(text) });
    await page.waitForSelector(".nb-banner:not([hidden])");
    expect(await page.inputValue(".nb-name")).toBe("From-a-song-to-its-masks");
    expect(await page.$$eval(".cell", (cells) => cells.length)).toBe(text.split("\n// %%").length);
    expect(await page.$$eval(".cell.code", (cells) => cells.every((c) => (c as HTMLElement).dataset.status === "idle"))).toBe(true);
    const [again] = await Promise.all([page.waitForEvent("download"), page.click('.nb-toolbar [data-action="export"]')]);
    expect(readFileSync((await again.path())!, "utf8")).toBe(text);
    await close();
  });

  it("refuses an audio file chosen as a notebook, saying what it is, and adds nothing", async () => {
    const { page, errors, close } = await openPage("/#/shipped/01-song-to-masks.ts");
    await page.waitForSelector(".nb-toolbar");
    const before = await page.$$eval('[data-list="notebooks"] li', (items) => items.length);
    await page.setInputFiles('input[data-action="import-notebook"]', { name: "song.wav", mimeType: "audio/wav", buffer: readFileSync("datasets/songs/song-100/vocals.wav") });
    const note = page.locator(".message.bad", { hasText: "song.wav" });
    await note.waitFor();
    expect(await note.textContent()).toMatch(/Could not import song\.wav: song\.wav is a WAV file, not a notebook: open it with "Separate a song"/);
    expect(await page.$$eval('[data-list="notebooks"] li', (items) => items.length)).toBe(before);
    expect(errors).toEqual([]);
    await close();
  });

  it("runs a shipped notebook, re-runs what depends on an edit, and keeps the edit across a reload", async () => {
    const { page, errors, close } = await openPage("/?quick#/shipped/01-song-to-masks.ts");
    await page.waitForFunction(allCodeDone, null, { timeout: 90_000 });
    // Its outputs: players, spectrogram and mask pictures, and the scores table.
    expect(await page.$$eval(".cell-output audio", (a) => a.length)).toBe(5);
    // Each player says its level with a real minus sign, never normalised.
    for (const meta of await page.$$eval(".output-audio .meta", (m) => m.map((x) => x.textContent ?? ""))) expect(meta).toMatch(/ · peak (−\d+\.\d|0\.0|\d+\.\d) dBFS$/);
    expect(await page.$$eval(".cell-output .viz-spectrogram canvas", (a) => a.length)).toBe(5);
    const scores = await page.$$eval(`${cell("Scores")} table.output-table tbody tr`, (rows) => rows.map((r) => [...r.querySelectorAll("td")].map((td) => td.textContent)));
    expect(scores.map((r) => r[0])).toEqual(["oracle irm", "oracle ibm", "the mixture"]);
    expect(Number(scores[0][1])).toBeGreaterThan(Number(scores[2][1]) + 5);
    await screenshot(page, "notebook-run");

    const before = { song: await status(page, "A song"), imports: await status(page, "Imports"), scores: await status(page, "Scores") };
    const key = await page.textContent(`${cell("A song")} .cell-output .inspect.string`);
    await replaceSource(page, "Settings", "const seed = 8;\nconst seconds = 12;");
    await page.keyboard.press("Shift+Enter");
    await page.waitForFunction(allCodeDone, null, { timeout: 60_000 });
    await page.waitForFunction((n) => Number(document.querySelector<HTMLElement>('.cell[data-title="Scores"]')!.dataset.runs) > n, before.scores.runs);
    // The song and everything made from it ran again; the imports did not.
    expect((await status(page, "A song")).runs).toBe(before.song.runs + 1);
    expect((await status(page, "Imports")).runs).toBe(before.imports.runs);
    expect(await page.textContent(`${cell("A song")} .cell-output .inspect.string`)).not.toBe(key);
    await page.waitForFunction(() => document.querySelector(".nb-save")?.textContent === "saved");

    await page.reload();
    await page.waitForSelector(`${cell("Settings")} .cm-content`);
    expect(await page.textContent(`${cell("Settings")} .cm-content`)).toContain("const seed = 8;");
    expect(await page.$eval(".sidebar a.active", (a) => a.parentElement!.textContent)).toContain("edited");
    expect(errors).toEqual([]);
    await close();
  });

  it("imports a notebook without running it, runs a training cell on demand and stops it", async () => {
    const source = [
      "// %% [markdown]",
      "// # A long run",
      "",
      "// %% Train run=manual",
      'import { display, startTraining } from "../src";',
      'const run = startTraining({ model: { preset: "tiny" }, data: { generated: { songs: 1, seconds: 4, seed: 1 } }, steps: 100000, batchSize: 1 });',
      "invalidation.then(() => run.stop());",
      "display(run);",
      "await run.done",
      "",
      "// %% Packages",
      'import * as Plot from "@observablehq/plot";',
      'import * as Inputs from "@observablehq/inputs";',
      'import * as tfvis from "@tensorflow/tfjs-vis";',
      'import * as tf from "@tensorflow/tfjs";',
      "display(Inputs.range([0, 1], { label: \"gain\" }));",
      "display(Plot.plot({ marks: [Plot.dot([[1, 2], [2, 3]])] }));",
      "`${typeof tfvis.render.linechart} ${tf.tensor([1, 2]).shape}`",
      "",
    ].join("\n");
    const { page, errors, close } = await openPage("/#/tool/stems");
    await page.setInputFiles('input[data-action="import-notebook"]', { name: "long-run.ts", mimeType: "text/plain", buffer: Buffer.from(source) });
    await page.waitForSelector(".nb-banner:not([hidden])");
    expect(await page.textContent(".nb-banner")).toMatch(/Imported notebook: its cells have not run/);
    expect((await status(page, "Train")).status).toBe("idle");
    expect(await page.textContent(".sidebar [data-list=notebooks]")).toContain("long-run");

    await page.click(`${cell("Train")} .run`);
    await page.waitForFunction(() => /step [3-9]\d* /.test(document.querySelector(".output-training .viz-loss-status")?.textContent ?? ""), null, { timeout: 60_000 });
    expect((await status(page, "Train")).status).toBe("running");
    await page.click('.nb-toolbar [data-command="stop"]');
    await page.waitForFunction(() => /stopped after \d+ steps/.test(document.querySelector(".training-head")?.textContent ?? ""), null, { timeout: 10_000 });
    expect((await status(page, "Train")).status).not.toBe("running");
    expect(await page.textContent(`${cell("Train")} .cell-status`)).toMatch(/^stopped/);
    await screenshot(page, "notebook-stopped");

    // Plot, Inputs, tfjs-vis and tfjs import in a cell with no setup; top-level await works.
    await page.click(`${cell("Packages")} .run`);
    await page.waitForFunction(() => document.querySelector('.cell[data-title="Packages"]')?.getAttribute("data-status") === "done", null, { timeout: 60_000 });
    expect(await page.$$eval(`${cell("Packages")} .cell-output input[type=range]`, (e) => e.length)).toBe(1);
    expect(await page.$$eval(`${cell("Packages")} .cell-output svg circle`, (e) => e.length)).toBe(2);
    expect(await page.textContent(`${cell("Packages")} .cell-output .inspect.string`)).toBe('"function 2"');
    expect(errors).toEqual([]);
    await close();
  });

  it("trains, saves the model in the browser, and after a reload loads it and continues", async () => {
    const { page, errors, close } = await openPage("/?quick#/shipped/02-train-unet.ts");
    await page.waitForSelector(".nb-toolbar");
    await page.click('.nb-toolbar [data-command="runAll"]');
    await page.waitForFunction(allCodeDone, null, { timeout: 240_000 });
    expect(await page.textContent(`${cell("Train")} .training-head`)).toMatch(/finished after 3 steps/);
    await page.waitForFunction(() => document.querySelector(".sidebar [data-list=models]")?.textContent?.includes("notebook U-Net"));
    expect(await page.textContent(".sidebar [data-list=models]")).toMatch(/notebook U-Net.*5 steps.*resumable/);
    await screenshot(page, "notebook-trained");

    await page.reload();
    await page.waitForSelector(`${cell("Separate an unseen song")} .run`);
    await page.click(`${cell("Separate an unseen song")} .run`);
    await page.waitForFunction(() => document.querySelector('.cell[data-title="Separate an unseen song"]')?.getAttribute("data-status") === "done", null, { timeout: 120_000 });
    expect(await page.textContent(`${cell("Separate an unseen song")} table`)).toContain("U-Net after 5 steps");
    await page.click(`${cell("Continue")} .run`);
    await page.waitForFunction(() => document.querySelector('.cell[data-title="Continue"]')?.getAttribute("data-status") === "done", null, { timeout: 120_000 });
    await page.waitForFunction(() => /7 steps/.test(document.querySelector(".sidebar [data-list=models]")?.textContent ?? ""));
    // The run was recorded with the model: its page shows the whole curve, steps 1 to 7.
    await page.click(".sidebar [data-list=runs] a");
    // tfjs-vis has drawn the run's 7 steps.
    await page.waitForSelector(".run-view .training-chart .viz-loss[data-step=\"7\"]");
    expect(await page.textContent(".run-view .meta")).toMatch(/^7 steps · seed 1/);
    await screenshot(page, "notebook-run-view");

    // The separator offers the saved model, and separates with it.
    await page.click('.sidebar a[href="#/tool/separate"]');
    await page.waitForSelector('.separator optgroup option[value^="store:"]', { state: "attached" });
    const choice = await page.$eval('.separator optgroup option[value^="store:"]', (o) => (o as HTMLOptionElement).value);
    await page.selectOption('.separator select[name="source"]', choice);
    const song = encodeWav({ sampleRate: 16000, channels: [Float32Array.from({ length: 32000 }, (_, i) => 0.3 * Math.sin(i / 5))] });
    await page.setInputFiles('.separator input[name="song"]', { name: "song.wav", mimeType: "audio/wav", buffer: Buffer.from(song) });
    await page.click(".separator button");
    await page.waitForSelector('.separator .stem[data-stem="vocals"]', { timeout: 60_000 });
    expect(await page.textContent(".separator .error")).toBe("");
    expect(errors).toEqual([]);
    await close();
  }, 420_000);

  it("hands the stems loaded in 'Your stems' to notebook cells, and keeps them when the tool is left", async () => {
    const rate = 8000;
    const tone = (f: number) => encodeWav({ sampleRate: rate, channels: [Float32Array.from({ length: rate }, (_, i) => 0.2 * Math.sin((2 * Math.PI * f * i) / rate))] });
    const { page, errors, close } = await openPage("/#/tool/stems");
    await page.locator('.stems-panel input[name="files"]').setInputFiles([
      { name: "vocals.wav", mimeType: "audio/wav", buffer: Buffer.from(tone(440)) },
      { name: "accompaniment.wav", mimeType: "audio/wav", buffer: Buffer.from(tone(110)) },
    ]);
    await page.waitForSelector(".stems-panel .stems-track");
    const source = ['import { loadedStems } from "../src";', "", "// %% Stems", "loadedStems().map((t) => `${t.name}: ${t.vocals.channels[0].length} samples at ${t.vocals.sampleRate} Hz`)", ""].join("\n");
    await page.setInputFiles('input[data-action="import-notebook"]', { name: "stems.ts", mimeType: "text/plain", buffer: Buffer.from(source) });
    await page.waitForSelector(".nb-banner:not([hidden])");
    await page.click('.nb-toolbar [data-command="runAll"]');
    await page.waitForFunction(allCodeDone, null, { timeout: 30_000 });
    expect(await page.textContent(`${cell("Stems")} .cell-output`)).toContain("Chosen files: 8000 samples at 8000 Hz");
    await page.click('.sidebar a[href="#/tool/stems"]');
    await page.waitForSelector(".stems-panel .stems-track");
    expect(errors).toEqual([]);
    await close();
  });
});
