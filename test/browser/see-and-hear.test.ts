import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { openPage, screenshot, shutdown } from "./harness";

afterAll(shutdown);

const cell = (title: string) => `.cell[data-title="${title}"]`;

async function runs(page: Page, title: string): Promise<number> {
  return page.$eval(cell(title), (e) => Number((e as HTMLElement).dataset.runs ?? 0));
}

/**
 * Notebook 03 in the workbench: every view of issue 6 drawn from one song separated by the shipped
 * model, and a slider that re-runs the cells depending on it (and only those).
 */
describe("notebook 03: seeing and hearing a separation", () => {
  it("shows every view of a separated song, and a mask slider re-renders the vocals", async () => {
    const { page, errors, close } = await openPage("/?quick#/shipped/03-see-and-hear.ts");
    await page.waitForSelector(cell("Compare"));
    await page.click('.nb-toolbar [data-command="runAll"]');
    await page.waitForFunction(
      () => {
        const cells = [...document.querySelectorAll<HTMLElement>(".cell.code")];
        return cells.length > 0 && cells.every((c) => c.dataset.status === "done");
      },
      null,
      { timeout: 180_000 },
    );
    // Each view where the notebook shows it.
    await page.waitForSelector(`${cell("The song")} .viz-spectrogram canvas`);
    await page.waitForSelector(`${cell("The song")} .viz-waveform`);
    await page.waitForSelector(`${cell("The shipped model")} .viz-summary[data-ready="true"]`);
    expect(await page.$$eval(`${cell("Separate")} .viz-mixer button`, (b) => b.map((x) => x.textContent?.trim()))).toEqual(
      expect.arrayContaining(["▶ Play", "M", "S"]),
    );
    expect(await page.$$eval(`${cell("Separate")} .viz-mixer .viz-spectrogram`, (s) => s.length)).toBe(3);
    await page.waitForSelector(`${cell("The model's mask")} .viz-spectrogram canvas`);
    expect(await page.$$eval(`${cell("Inside the U-Net")} .viz-activations canvas`, (c) => c.length)).toBeGreaterThan(100);
    expect(await page.$$eval(`${cell("Weights")} .viz-weights-cell`, (c) => c.length)).toBe(12);
    // The comparison: 2 stems × (mixture, IRM, IBM, U-Net), and the U-Net beats the mixture on vocals SDR.
    expect(await page.$$eval(`${cell("Compare")} .viz-compare-thumb canvas`, (c) => c.length)).toBe(8);
    const csv = await page.$eval(`${cell("Compare")} .viz-compare`, (e) => (e as HTMLElement & { toCsv(): string }).toCsv());
    const sdr = (column: string) => Number(csv.split("\n").find((l) => l.startsWith(`vocals,${column},`))!.split(",")[2]);
    expect(sdr("shipped U-Net")).toBeGreaterThan(sdr("mixture") + 5);
    await page.$eval(cell("Separate"), (e) => e.scrollIntoView());
    await screenshot(page, "see-and-hear");

    // Drag the threshold slider: the reshaped vocals re-run with it; the controls and the rest do not.
    const before = { reshaped: await runs(page, "Reshaped vocals"), controls: await runs(page, "Mask controls"), compare: await runs(page, "Compare") };
    await page.$eval(`${cell("Mask controls")} form input[type=range]`, (input) => {
      (input as HTMLInputElement).value = "0.5";
      input.dispatchEvent(new Event("input", { bubbles: true }));
    });
    await page.waitForFunction(() => /mask ≥ 0\.5,/.test(document.querySelector('.cell[data-title="Reshaped vocals"] .viz-spectrogram')?.textContent ?? ""), null, { timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector<HTMLElement>('.cell[data-title="Reshaped vocals"]')?.dataset.status === "done");
    expect(await runs(page, "Reshaped vocals")).toBe(before.reshaped + 1);
    expect(await runs(page, "Mask controls")).toBe(before.controls);
    expect(await runs(page, "Compare")).toBe(before.compare);
    expect(await page.$$eval(`${cell("Reshaped vocals")} audio`, (a) => a.length)).toBe(1);
    await page.$eval(cell("Mask controls"), (e) => e.scrollIntoView());
    await screenshot(page, "see-and-hear-slider");
    expect(errors).toEqual([]);
    await close();
  });
});
