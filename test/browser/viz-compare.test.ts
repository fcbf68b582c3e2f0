import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { join } from "node:path";
import { ARTIFACTS, openPage, shutdown } from "./harness";
import { comparePicture } from "./pictures";

afterAll(shutdown);

type Rendered = Awaited<ReturnType<Window["demixCompare"]["render"]>>;

describe("the comparison grid in Chromium", () => {
  let page: Page;
  let errors: string[];
  let close: () => Promise<void>;
  let grid: Rendered;
  beforeAll(async () => {
    ({ page, errors, close } = await openPage("/test/browser/pages/viz-compare.html"));
    await page.waitForFunction(() => "demixCompare" in window);
    grid = await page.evaluate(() => window.demixCompare.render({ seed: 5, seconds: 8, sampleRate: 16000 }));
  });
  afterAll(() => close());

  it("has a cell per stem and column, labelled in order", async () => {
    expect(grid.stems).toEqual(["vocals", "accompaniment"]);
    expect(grid.columns).toEqual(["mixture", "IRM", "IBM"]);
    expect(await page.locator(".viz-compare-cell").count()).toBe(6);
    expect(await page.locator(".viz-compare-thumb canvas").count()).toBe(6);
    expect(await page.locator(".viz-compare-column").allTextContents()).toEqual(["mixture", "IRM", "IBM"]);
    expect(await page.locator(".viz-compare-stem strong").allTextContents()).toEqual(["vocals", "accompaniment"]);
    const first = page.locator(".viz-compare-cell").first();
    expect(await first.getAttribute("data-stem")).toBe("vocals");
    expect(await first.getAttribute("data-column")).toBe("mixture");
  });

  it("looks like its reference picture", async () => {
    const r = await comparePicture(page.locator(".viz-compare"), "compare-grid");
    if (r.created) console.log(`reference written: ${r.actual}`);
  });

  it("marks the best column of each stem and metric, and nothing else", async () => {
    const table = await page.evaluate(() => window.demixCompare.table());
    expect(table).toHaveLength(2 * 3 * 3);
    // The best column per (stem, metric), found here from the scores as the table rounds them.
    const metrics = ["sdr", "sir", "sar"] as const;
    const expected = new Set<string>();
    grid.stems.forEach((stem, j) => {
      for (const m of metrics) {
        // The mixture (column 0) is the baseline, never a candidate.
        const shown = grid.scores[j].map((s, c) => (c === 0 ? -Infinity : Math.round(s[m] * 100)));
        const top = Math.max(...shown);
        shown.forEach((v, c) => v === top && expected.add(`${stem}/${grid.columns[c]}/${m}`));
      }
    });
    const marked = table.filter((t) => t.best);
    expect(new Set(marked.map((t) => `${t.stem}/${t.column}/${t.metric}`))).toEqual(expected);
    for (const t of table) {
      expect(t.mark).toBe(t.best ? "★" : "");
      expect(Number(t.weight) >= 700).toBe(t.best);
    }
    // The mixture's SAR (~150 dB: no artefacts in a sum of the references) is not marked.
    expect(marked.some((t) => t.column === "mixture")).toBe(false);
  });

  it("exports a CSV holding the numbers of the table", async () => {
    const csv = await page.evaluate(() => window.demixCompare.csv());
    const [header, ...lines] = csv.trimEnd().split("\n");
    expect(header).toBe("stem,column,sdr_db,sir_db,sar_db");
    const table = await page.evaluate(() => window.demixCompare.table());
    const shown = (stem: string, column: string, metric: string) => table.find((t) => t.stem === stem && t.column === column && t.metric === metric)!.text.replace("−", "-");
    expect(lines).toHaveLength(6);
    for (const line of lines) {
      const [stem, column, sdr, sir, sar] = line.split(",");
      expect([sdr, sir, sar]).toEqual(["sdr", "sir", "sar"].map((m) => shown(stem, column, m)));
    }
  });

  it("downloads the CSV from its button", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "CSV" }).click()]);
    expect(download.suggestedFilename()).toBe("comparison.csv");
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString("utf8")).toBe(await page.evaluate(() => window.demixCompare.csv()));
  });

  it("exports one PNG holding the labels, the thumbnails as shown and the table", async () => {
    const png = await page.evaluate(() => window.demixCompare.png(2, 0, 1));
    expect(png.type).toBe("image/png");
    const gridWidth = await page.locator(".viz-compare-grid").evaluate((e) => e.getBoundingClientRect().width);
    // The grid as on the page, with a 12-px margin, at 2 device pixels per CSS pixel.
    expect(png.width).toBe(2 * (gridWidth + 24));
    expect(png.layout.width).toBe(gridWidth + 24);
    expect(png.height).toBeGreaterThan(2 * png.layout.height);
    // The vocals × IRM thumbnail is in it pixel for pixel, and the picture is far from blank.
    expect(png.thumbnailMaxDiff).toBe(0);
    expect(png.colours).toBeGreaterThan(500);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "PNG" }).click()]);
    expect(download.suggestedFilename()).toBe("comparison.png");
    // Kept for a person to look at: the picture a user gets from the button.
    await download.saveAs(join(ARTIFACTS, "compare-export.png"));
  });

  it("plays a cell's estimate as float WAV at its true level", async () => {
    const played = await page.evaluate(() => window.demixCompare.play(0, 1));
    expect(played).toMatchObject({ created: true, encoding: "float", bits: 32, sampleRate: 16000 });
    if (!played.created) return;
    expect(played.length).toBe(played.expectedLength);
    expect(played.maxDiff).toBe(0);
    expect(errors).toEqual([]);
  });

  it("plays one cell at a time, and a newly started cell takes over where the last one was", async () => {
    const cells = page.locator(".viz-compare-cell");
    const players = () => page.evaluate(() => window.demixCompare.players());
    // The previous test started vocals × IRM; let it run, then switch to accompaniment × IBM.
    await page.waitForFunction(() => window.demixCompare.players()[1].time > 0.3);
    await cells.nth(5).locator("button").click();
    await page.waitForFunction(() => window.demixCompare.players()[5].playing);
    let state = await players();
    expect(state.filter((p) => p.playing).map((p) => `${p.stem}/${p.column}`)).toEqual(["accompaniment/IBM"]);
    // (A seek lands on the media's time grid, a few ms either way.)
    expect(state[5].time).toBeGreaterThanOrEqual(state[1].time - 0.01);
    expect(state[5].button).toBe("❚❚");
    // Every thumbnail shows the playhead at the same moment.
    expect(new Set(state.map((p) => p.playhead)).size).toBe(1);
    expect(state[0].playhead).not.toBeNull();
    // Clicking the middle of a picture plays that estimate from the middle of the song (8 s).
    const thumb = cells.nth(0).locator(".viz-compare-thumb");
    const box = (await thumb.boundingBox())!;
    await thumb.click({ position: { x: box.width / 2, y: box.height / 2 } });
    await page.waitForFunction(() => window.demixCompare.players()[0].playing);
    state = await players();
    expect(state.filter((p) => p.playing).map((p) => p.column + "/" + p.stem)).toEqual(["mixture/vocals"]);
    expect(state[0].time).toBeGreaterThanOrEqual(3.9);
    expect(state[0].time).toBeLessThan(5);
    await cells.nth(0).locator("button").click();
    state = await players();
    expect(state.some((p) => p.playing)).toBe(false);
    expect(state.every((p) => !p.failed)).toBe(true);
    expect(errors).toEqual([]);
  });

  it("gives back every cell's audio when disposed (a cleared or re-run output)", async () => {
    const r = await page.evaluate(() => window.demixCompare.dispose());
    // The previous tests played three cells, so three WAVs were made.
    expect(r.urls).toBe(3);
    expect(r.stillFetchable).toBe(0);
    expect(r.audioLeft).toBe(0);
    // The three refused fetches are logged by the browser; nothing else went wrong.
    expect(errors.filter((e) => !/ERR_FILE_NOT_FOUND|Failed to load resource/.test(e)), errors.join("\n")).toEqual([]);
  });
});

describe("comparison grid of a long song", () => {
  it("draws a 3-minute song at the thumbnails' fixed size", async () => {
    const { page, errors, close } = await openPage("/test/browser/pages/viz-compare.html");
    await page.waitForFunction(() => "demixCompare" in window);
    const long = await page.evaluate(() => window.demixCompare.timing({ seed: 2, seconds: 180, sampleRate: 22050, givenScores: true }));
    expect(long.frames).toBeGreaterThan(1900);
    // Every cell's picture is the thumbnail's size, however long the song.
    expect(long.canvases.length).toBe(2 * 3); // vocals and accompaniment × mixture, IRM, IBM
    for (const [w, h] of long.canvases) expect([w, h]).toEqual([long.thumbnail.frames, long.thumbnail.bins]);
    expect(errors).toEqual([]);
    await close();
  }, 300_000);
});
