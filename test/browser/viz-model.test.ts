import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPage, shutdown } from "./harness";
import { comparePicture } from "./pictures";

afterAll(shutdown);

describe("model views in Chromium: activations, weights, loss curve, summary", () => {
  let page: Page;
  let errors: string[];
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ page, errors, close } = await openPage("/test/browser/pages/viz-model.html"));
    await page.waitForFunction(() => "demixVizModel" in window);
    await page.evaluate(() => window.demixVizModel.init());
  });
  afterAll(() => close());

  it("draws a row of feature maps per layer and the mask forming strip, leaking no tensor", async () => {
    const r = await page.evaluate(() => window.demixVizModel.activationsTiny(150));
    console.log(JSON.stringify(r));
    expect(r.leaked).toBe(0);
    expect(r.layers.map((l) => l.name)).toEqual(["enc1_act", "enc2_act", "enc3_act", "dec1_act", "dec2_act", "mask"]);
    expect(r.layers.map((l) => l.maps)).toEqual([4, 8, 16, 8, 4, 1]);
    expect(r.stages.map((s) => s.label)).toEqual(["input", "dec1", "dec2", "mask"]);
    // One canvas per feature map and per strip picture.
    expect(r.canvases).toBe(4 + 8 + 16 + 8 + 4 + 1 + 4);
    expect(await page.locator("#activations .viz-act-layer").count()).toBe(6);
    expect(await page.locator("#activations .viz-act-layer").first().getAttribute("data-layer")).toBe("enc1_act");
    const enc3 = page.locator('#activations .viz-act-layer[data-layer="enc3_act"] .viz-act-map');
    expect(await enc3.count()).toBe(16);
    // Maps come most active first: the first cell is the channel the view ranked first.
    expect(await enc3.first().getAttribute("data-channel")).toBe(String(r.layers[2].channels[0]));
    expect(await page.locator('#activations .viz-act-stage[data-layer="mask"] .viz-act-stage-note').first().textContent()).toMatch(/fixed 0–1 scale/);
    expect(await page.locator("#activations .viz-act-stage-r").count()).toBe(2);
    const picture = await comparePicture(page.locator("#activations figure"), "activations-tiny");
    if (picture.created) console.log(`reference written: ${picture.actual}`);
  });

  it("draws one small histogram per kernel with one rectangle per bin", async () => {
    const r = await page.evaluate(() => window.demixVizModel.weightsTiny());
    expect(r.layers.map((l) => l.name)).toEqual(["enc1_conv", "enc2_conv", "enc3_conv", "dec1_deconv", "dec2_deconv", "mask"]);
    for (const l of r.layers) expect(l.sum).toBe(l.count);
    expect(r.svgs).toBe(6);
    expect(r.rects).toBe(6 * 30);
    expect(await page.locator("#weights .viz-weights-stats").first().textContent()).toMatch(/^n 100 · mean −?[\d.]+ · std 0\.\d{3}$/);
    const picture = await comparePicture(page.locator("#weights figure"), "weights-tiny");
    if (picture.created) console.log(`reference written: ${picture.actual}`);
  });

  it("draws a fixed loss history with tfjs-vis, train and validation together", async () => {
    const r = await page.evaluate(() => window.demixVizModel.lossFixed());
    expect(r.points).toBe(300);
    expect(r.status).toBe("step 300 · loss " + (0.08 + 0.4 * Math.exp(-299 / 80) + 0.015 * Math.sin(299 * 0.7)).toFixed(4) + " · validation " + (0.1 + 0.42 * Math.exp(-299 / 90)).toFixed(4));
    // tfjs-vis (vega) draws into a canvas inside our element, not into its visor.
    expect(await page.locator("#loss .viz-loss-chart canvas").count()).toBe(1);
    // Font rendering moves a few pixels between runs; the curves and axes must stay.
    const picture = await comparePicture(page.locator("#loss .viz-loss"), "loss-fixed", { threshold: 0.2, maxDiffRatio: 0.01 });
    if (picture.created) console.log(`reference written: ${picture.actual}`);
  });

  it("re-renders a live run as records arrive, and stops when it ends", async () => {
    await page.evaluate(() => window.demixVizModel.liveStart());
    const a = await page.evaluate(() => window.demixVizModel.liveAppend(40));
    expect(a.step).toBe(40);
    expect(a.points).toBe(40);
    expect(a.renders).toBeGreaterThan(a.rendersBefore);
    const b = await page.evaluate(() => window.demixVizModel.liveAppend(700));
    expect(b.step).toBe(740);
    expect(b.renders).toBeGreaterThan(a.renders);
    // 740 steps with 500 points at most: buckets of 10 steps, from step 0.
    expect(b.points).toBe(75);
    expect(b.status).toMatch(/^step 740 · loss [\d.]+ · validation [\d.]+ · points average 10 steps$/);
    const end = await page.evaluate(() => window.demixVizModel.liveFinish());
    expect(end.status).toMatch(/run ended$/);
    expect(end.rendersLater).toBe(end.renders);
    expect(end.stopButtons).toBe(1); // the Stop button is gone; the visor button stays
  });

  it("shows the chart in the tfjs-vis visor on request", async () => {
    const { there, back } = await page.evaluate(() => window.demixVizModel.lossVisor());
    expect(there).toEqual({ inline: false, note: "shown in the tfjs-vis visor", open: true, visorCanvases: 1, button: "Show here" });
    expect(back).toEqual({ inline: true, open: false, button: "Show in visor" });
  });

  it("summarises the model with tfjs-vis: one table row per layer", async () => {
    const r = await page.evaluate(() => window.demixVizModel.summaryTiny());
    expect(r.rows.map((row) => row[0])).toEqual(r.layers);
    expect(r.rows.find((row) => row[0] === "enc1_conv")).toEqual(["enc1_conv", "[batch,32,16,4]", "104", "true"]);
    // By hand: enc 112 + 824 + 3 248, dec 3 224 + 1 612, mask 201; batch norm moving stats 2 × (4 + 8 + 16 + 8 + 4).
    expect(r.caption).toBe('Model "unet": 19 layers · 9,221 trainable parameters · 80 non-trainable (batch norm statistics)');
    const picture = await comparePicture(page.locator("#summary figure"), "summary-tiny", { threshold: 0.2, maxDiffRatio: 0.01 });
    if (picture.created) console.log(`reference written: ${picture.actual}`);
  });

  it("the paper model: activations on one patch of a 3-minute song, weights, and a 100 000-step loss", async () => {
    const act = await page.evaluate(() => window.demixVizModel.activationsPaperTiming());
    const weights = await page.evaluate(() => window.demixVizModel.weightsPaperTiming());
    const loss = await page.evaluate(() => window.demixVizModel.lossLongTiming());
    expect(act.leaked).toBe(0);
    expect(act.frames).toBeGreaterThan(1800);
    expect(act.canvases).toBe(16 * 11 + 1 + 7);
    expect(weights.layers).toBe(12);
    expect(weights.rects).toBe(12 * 40);
    expect(loss.points).toBe(101);
    expect(errors).toEqual([]);
  });
});
