import { afterAll, describe, expect, it } from "vitest";
import { openPage, shutdown } from "./harness";

afterAll(shutdown);

describe("training sessions in a Web Worker (Chromium)", () => {
  it("streams steps in order, stops within one step, resumes exactly in a new worker, and hands the page a working model", async () => {
    const { page, errors, close } = await openPage("/test/browser/pages/session.html");
    await page.waitForFunction(() => "demixSession" in window);
    const r = await page.evaluate(() => window.demixSession.tinyStopAndResume());
    // The worker started tfjs itself: wasm with SIMD, on the page's cross-origin isolation.
    expect(r.backend).toMatchObject({ name: "wasm", simd: true, crossOriginIsolated: true });
    expect(r.straightEnd).toEqual({ stoppedBy: "steps", step: 6 });
    expect(r.firstEnd).toMatchObject({ stoppedBy: "stop" });
    const stoppedAt = (r.firstEnd as { step: number }).step;
    expect(stoppedAt - 2).toBeLessThanOrEqual(1); // asked after the second step: at most one more
    expect(stoppedAt).toBeGreaterThanOrEqual(2);
    expect(r.arrived).toEqual(r.firstSteps);
    expect(r.firstSteps).toEqual([...Array(stoppedAt).keys()]);
    expect(r.savedStep).toBe(stoppedAt);
    expect(r.hasMoments).toBe(true);
    expect(r.secondEnd).toEqual({ stoppedBy: "steps", step: 6 });
    expect(r.secondSteps).toEqual([...Array(6).keys()].slice(stoppedAt));
    expect(r.resumedLosses).toEqual(r.straightLosses); // bit for bit, as if it had never stopped
    expect(r.prediction.shape).toEqual([1, 64, 32, 1]);
    expect(r.prediction.min).toBeGreaterThanOrEqual(0);
    expect(r.prediction.max).toBeLessThanOrEqual(1);
    expect(r.prediction.pageBackend).toBe("wasm");
    expect(r.leaked).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });

  it("keeps the page responsive while the paper U-Net trains, and a stop ends the run within one step", async () => {
    const { page, errors, close } = await openPage("/test/browser/pages/session.html");
    await page.waitForFunction(() => "demixSession" in window);
    const r = await page.evaluate(() => window.demixSession.paperResponsiveness(6));
    console.log(
      `paper U-Net, batch 2, in the worker: median step ${r.medianStepMs.toFixed(0)} ms; largest gap between page ticks ` +
        `${r.largestGapMs.toFixed(1)} ms over ${r.ticks} ticks; stop → end ${r.stopToEndMs.toFixed(0)} ms`,
    );
    expect(r.end).toMatchObject({ stoppedBy: "stop" });
    const end = r.end as { step: number };
    expect(end.step - (r.stepAtStop + 1)).toBeLessThanOrEqual(1);
    // On the page's thread the same step would freeze it for its whole duration.
    expect(r.medianStepMs).toBeGreaterThan(100);
    expect(r.largestGapMs).toBeLessThan(r.medianStepMs / 4);
    expect(r.ticks).toBeGreaterThan(50);
    // The step in progress finishes (at most one step) and nothing more.
    expect(r.stopToEndMs).toBeLessThan(1.5 * Math.max(...r.stepMs) + 200);

    // The control: the same training on the page's thread freezes it for about a step at a time.
    const control = await page.evaluate(() => window.demixSession.paperOnPage(2));
    console.log(`the same on the page's thread: median step ${control.medianStepMs.toFixed(0)} ms; largest gap ${control.largestGapMs.toFixed(0)} ms`);
    expect(control.end).toMatchObject({ stoppedBy: "steps", step: 2 });
    expect(control.largestGapMs).toBeGreaterThan(control.medianStepMs / 2);
    expect(errors).toEqual([]);
    await close();
  });

  it("ends with a message for bad options and a NaN loss, moves the caller's tracks to the worker, and disposes at once", async () => {
    const { page, errors, close } = await openPage("/test/browser/pages/session.html");
    await page.waitForFunction(() => "demixSession" in window);
    const bad = await page.evaluate(() => window.demixSession.badOptions());
    expect(bad.end).toMatchObject({ stoppedBy: "error", step: 0 });
    expect((bad.end as { message: string }).message).toMatch(/steps must be a whole number ≥ 0, got -1/);
    expect((bad.end as { message: string }).message).toMatch(/data\.generated\.songs must be a whole number ≥ 1, got 0/);
    expect(bad.backendError).toMatch(/invalid training options/);
    expect(bad.stateError).toMatch(/has no model: it could not start/);
    expect(bad.nanEnd).toMatchObject({ stoppedBy: "nan", step: 0 });
    expect((bad.nanEnd as { message: string }).message).toMatch(/step 0: the loss became NaN.*Lower the learning rate/);

    const tracks = await page.evaluate(() => window.demixSession.tracks());
    expect(tracks.before).toBe(4 * 8192);
    expect(tracks.after).toBe(0); // transferred, not copied
    expect(tracks.end).toEqual({ stoppedBy: "steps", step: 2 });
    expect(tracks.losses.every((l) => l > 0)).toBe(true);

    const disposed = await page.evaluate(() => window.demixSession.disposeMidRun());
    expect(disposed.end).toMatchObject({ stoppedBy: "stop", message: "the run was disposed" });
    expect(disposed.artifactsError).toMatch(/disposed/);
    expect(errors).toEqual([]);
    await close();
  });
});
