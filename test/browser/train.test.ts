import { afterAll, describe, expect, it } from "vitest";
import { openPage, shutdown } from "./harness";

afterAll(shutdown);

describe("training in Chromium", () => {
  it("trains the tiny U-Net on wasm, lowers its loss, leaks nothing, and separates with it", async () => {
    const { page, errors, close } = await openPage("/test/browser/pages/train.html");
    await page.waitForFunction(() => "demixTrain" in window);
    const r = await page.evaluate(() => window.demixTrain.trainTiny(30));
    expect(r.backend.name).toBe("wasm");
    const mean = (a: number[]) => a.reduce((s, x) => s + x, 0) / a.length;
    expect(mean(r.losses.slice(-5))).toBeLessThan(0.6 * mean(r.losses.slice(0, 5)));
    expect(r.leaked).toBe(0);
    expect(r.separatedLength).toBe(r.mixtureLength);
    expect(errors).toEqual([]);
    await close();
  });
});
