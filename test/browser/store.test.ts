import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { openPage, shutdown } from "./harness";

afterAll(shutdown);

describe("the store in Chromium", () => {
  it("keeps a saved model and notebook across a reload, and the model predicts the same numbers", async () => {
    const { page, errors, close } = await openPage("/test/browser/pages/store.html");
    await page.waitForFunction(() => "demixStore" in window);
    const saved = await page.evaluate(() => window.demixStore.save());
    expect(saved.backend).toBe("wasm");
    expect(saved.estimate.usage).toBeGreaterThan(0);
    expect(saved.estimate.quota).toBeGreaterThan(saved.estimate.usage!);

    // Reload at once: a save that resolved before its transaction committed would be lost here.
    await page.reload();
    await page.waitForFunction(() => "demixStore" in window);
    const found = await page.evaluate(() => window.demixStore.find());
    expect(found.models).toEqual([{ id: saved.modelId, name: "tiny before reload" }]);
    expect(found.notebooks).toEqual([{ id: saved.notebookId, name: "reload test", source: "// %% Reload test\nconst answer = 42;\n" }]);
    expect(found.prediction.length).toBe(64 * 32);
    expect(found.prediction).toEqual(saved.prediction);
    expect(errors).toEqual([]);
    await close();
  });

  it("imports the shipped paper model, which predicts as tfjs's http loader does and exports byte for byte", async () => {
    const { page, errors, close } = await openPage("/test/browser/pages/store.html");
    await page.waitForFunction(() => "demixStore" in window);
    const r = await page.evaluate(() => window.demixStore.shipped());
    console.log(`shipped model (19.6 MB): import ${r.importMs.toFixed(0)} ms, load ${r.loadMs.toFixed(0)} ms`);
    expect(r.record).toEqual({ target: "vocals", preset: "paper", trainingStep: JSON.parse(readFileSync("models/default/recipe.json", "utf8")).steps, bytes: 19_652_642 });
    expect(r.same).toBe(true);
    expect(r.weightsIdentical).toBe(true);
    expect(errors).toEqual([]);
    await close();
  });

  it("saves the paper U-Net with its Adam moments and loads them unchanged", async () => {
    const { page, errors, close } = await openPage("/test/browser/pages/store.html");
    await page.waitForFunction(() => "demixStore" in window);
    const r = await page.evaluate(() => window.demixStore.paperWithOptimizer());
    console.log(`paper model + Adam moments (${(r.bytes / 1e6).toFixed(1)} MB): save ${r.saveMs.toFixed(0)} ms, load ${r.loadMs.toFixed(0)} ms; usage ${r.estimate.usage} of ${r.estimate.quota}`);
    // Weights, BN statistics and two moments per trainable weight, float32 (+ the int32 iteration count).
    expect(r.bytes).toBe((9_826_321 + 2 * 9_823_313) * 4 + 4);
    expect(r.resumable).toBe(true);
    expect(r.momentsEqual).toBe(true);
    expect(errors).toEqual([]);
    await close();
  });
});
