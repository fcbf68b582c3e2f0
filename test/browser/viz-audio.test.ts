import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPage, shutdown } from "./harness";
import { comparePicture } from "./pictures";

afterAll(shutdown);

let page: Page;
let errors: string[];
beforeAll(async () => {
  ({ page, errors } = await openPage("/test/browser/pages/viz-audio.html"));
  await page.waitForFunction(() => "demixVizAudio" in window);
});

/** Page coordinates of a point given in the axis units of the first canvas matching `selector`. */
async function pointAt(selector: string, extent: { time: { start: number; end: number }; frequency?: { start: number; end: number } }, t: number, f = 0) {
  const box = (await page.locator(selector).first().boundingBox())!;
  const fx = (t - extent.time.start) / (extent.time.end - extent.time.start);
  const fy = extent.frequency ? (f - extent.frequency.start) / (extent.frequency.end - extent.frequency.start) : 0.5;
  return { x: box.x + fx * box.width, y: box.y + (1 - fy) * box.height };
}

function parseReadout(text: string | null) {
  const m = /^t = ([\d.]+) s · f = (\d+) Hz · (.+)$/.exec(text ?? "");
  if (!m) throw new Error(`read-out "${text}" is not "t = … s · f = … Hz · value"`);
  return { t: Number(m[1]), f: Number(m[2]), value: m[3] };
}

describe("spectrogram view in Chromium", () => {
  it("draws a generated song with axes in seconds and Hz, a dBFS legend and its caption", async () => {
    const r = await page.evaluate(() => window.demixVizAudio.spectrogramOfSong());
    expect(r.caption).toBe("mixture · 6.00 s at 8192 Hz · hann 1024 / hop 768 · 65 frames × 513 bins (shown 65 × 512, max-pooled) · dBFS, 80 dB range");
    const figure = page.locator(".viz-spectrogram");
    // 512 stored rows are pooled again to the 258 drawn pixel rows; 65 columns are enlarged.
    expect(await figure.locator("canvas").evaluate((c: HTMLCanvasElement) => [c.width, c.height])).toEqual([65, 258]);
    const ticks = await figure.locator("svg.viz-axes text").allTextContents();
    expect(ticks).toEqual(expect.arrayContaining(["time (s)", "frequency (Hz)", "0.0", "6.0", "0", "4000"]));
    expect((await figure.locator(".viz-legend svg text").allTextContents()).join(" ")).toBe("−80 −60 −40 −20 0 dBFS");
    expect((await comparePicture(figure, "spectrogram-song")).ratio).toBeLessThanOrEqual(0.002);
  });

  it("reads out time, frequency and the known level of two sines under the pointer", async () => {
    const r = await page.evaluate(() => window.demixVizAudio.spectrogramOfTones());
    expect([r.columns, r.rows]).toEqual([65, 256]); // cropped at 2040 Hz: bins 0…255, nothing pooled
    // 0.5·sin at 1000 Hz (bin 125) reads 20·log10(0.5) = −6.0 dBFS; 0.1·sin at 2000 Hz reads −20.0 dBFS.
    const canvas = ".viz-spectrogram canvas";
    for (const [t, f, level] of [[1.5, 1000, "−6.0 dBFS"], [4.5, 2000, "−20.0 dBFS"]] as const) {
      const p = await pointAt(canvas, r, t, f);
      await page.mouse.move(p.x, p.y);
      const read = parseReadout(await page.locator(".viz-readout").textContent());
      expect(Math.abs(read.t - t)).toBeLessThan(0.02);
      expect(Math.abs(read.f - f)).toBeLessThanOrEqual(8);
      expect(read.value).toBe(level);
    }
    // Between the tones' bins there is next to nothing (Hann side lobes).
    expect(parseReadout(await page.evaluate(() => window.demixVizAudio.readoutAt(1.5, 1500))).value).toMatch(/^−(\d{3}|[6-9]\d)\.\d dBFS|−∞ dBFS$/);
    await page.mouse.move(0, 0);
    expect(await page.locator(".viz-readout").textContent()).toBe("hover for values");
    expect((await comparePicture(page.locator(".viz-spectrogram"), "spectrogram-tones")).ratio).toBeLessThanOrEqual(0.002);
  });

  it("draws the frequency axis on a log scale on request, each tone at its place and level", async () => {
    const r = await page.evaluate(() => window.demixVizAudio.spectrogramOfTones());
    await page.selectOption(".viz-spectrogram select[data-setting=frequency]", "log");
    expect(await page.evaluate(() => window.demixVizAudio.display())).toMatchObject({ frequency: "log" });
    const ticks = await page.locator(".viz-spectrogram svg.viz-axes g[aria-label='y-axis tick label'] text").allTextContents();
    expect(ticks).toEqual(expect.arrayContaining(["100", "1000"]));
    // On a log axis from 30 Hz to the top, 1000 Hz sits at log(1000/30)/log(top/30) of the height.
    const top = r.frequency.end;
    const canvas = ".viz-spectrogram canvas";
    for (const [t, f, level] of [[1.5, 1000, "−6.0 dBFS"], [4.5, 2000, "−20.0 dBFS"]] as const) {
      const box = (await page.locator(canvas).first().boundingBox())!;
      const fx = (t - r.time.start) / (r.time.end - r.time.start);
      const fy = Math.log(f / 30) / Math.log(top / 30);
      // Rows near 2 kHz are 4 bins tall: hover the middle of the pixel row holding f, not its edge.
      await page.mouse.move(box.x + fx * box.width, box.y + Math.floor((1 - fy) * box.height) + 0.5);
      const read = parseReadout(await page.locator(".viz-readout").textContent());
      expect(Math.abs(read.f - f) / f).toBeLessThan(0.02);
      expect(read.value).toBe(level);
    }
    expect(parseReadout(await page.evaluate(() => window.demixVizAudio.readoutAt(1.5, 1000))).value).toBe("−6.0 dBFS");
    await page.mouse.move(0, 0);
    expect((await comparePicture(page.locator(".viz-spectrogram"), "spectrogram-tones-log")).ratio).toBeLessThanOrEqual(0.002);
    // And back: the linear axis and picture return.
    await page.selectOption(".viz-spectrogram select[data-setting=frequency]", "linear");
    expect((await comparePicture(page.locator(".viz-spectrogram"), "spectrogram-tones")).ratio).toBeLessThanOrEqual(0.002);
  });

  it("repaints with another colour map, range and scale, each pixel the table's colour for its level", async () => {
    await page.evaluate(() => window.demixVizAudio.spectrogramOfTones());
    const pixel = () => page.evaluate(() => window.demixVizAudio.spectrogramPixel(1.5, 1000));
    const entry = (name: string, index: number) => page.evaluate(([n, i]) => window.demixVizAudio.colormapEntry(n as string, i as number), [name, index]);
    // −6.02 dB over an 80 dB range is level 1 − 6.02/80 = 0.9247 → table entry round(255·0.9247) = 236.
    expect(await pixel()).toEqual(await entry("magma", 236));
    await page.selectOption(".viz-spectrogram select[data-setting=colormap]", "viridis");
    expect(await pixel()).toEqual(await entry("viridis", 236));
    await page.locator(".viz-spectrogram input[data-setting=range]").fill("40");
    expect(await page.locator(".viz-range-value").textContent()).toBe("40 dB");
    expect(await pixel()).toEqual(await entry("viridis", 217)); // 1 − 6.02/40 = 0.8495 → 217
    expect((await page.locator(".viz-legend svg text").allTextContents()).join(" ")).toMatch(/^−40 .* 0 dBFS$/);
    await page.selectOption(".viz-spectrogram select[data-setting=scale]", "linear");
    // Linear magnitudes span 0 to the picture's peak (the 1000-Hz tone, half of full scale) so it is the top colour.
    expect(await pixel()).toEqual(await entry("viridis", 255));
    expect((await page.locator(".viz-legend svg text").allTextContents()).join(" ")).toMatch(/^0\.0 .* 0\.5 \|X\| ÷ full-scale sine$/);
    expect(parseReadout(await page.evaluate(() => window.demixVizAudio.readoutAt(1.5, 1000))).value).toBe("0.5 × full scale");
  });

  it("draws the playhead at the given time and emits a seek on a click", async () => {
    const r = await page.evaluate(() => window.demixVizAudio.spectrogramOfTones());
    for (const t of [0, 2.5, 6]) {
      await page.evaluate((at) => window.demixVizAudio.setPlayhead(at), t);
      const p = (await page.evaluate(() => window.demixVizAudio.playheadPx(".viz-spectrogram")))!;
      expect(Math.abs(p.line - (p.left + ((t - r.time.start) / (r.time.end - r.time.start)) * p.width))).toBeLessThan(0.6);
    }
    await page.evaluate(() => window.demixVizAudio.setPlayhead(null));
    expect(await page.evaluate(() => window.demixVizAudio.playheadPx(".viz-spectrogram"))).toBeNull();
    const p = await pointAt(".viz-spectrogram canvas", r, 4, 500);
    await page.mouse.click(p.x, p.y);
    const seeks = await page.evaluate(() => window.demixVizAudio.seeks());
    expect(seeks).toHaveLength(1);
    expect(Math.abs(seeks[0] - 4)).toBeLessThan(0.01);
  });

  it("draws a 3-minute song at the plot's pixel size, and max-pooling keeps a one-frame click visible", async () => {
    const r = await page.evaluate(() => window.demixVizAudio.timeLong());
    expect([r.frames, r.bins]).toEqual([1921, 513]);
    expect(r.stored).toEqual([1200, 512]);
    expect(r.drawn).toEqual([784, 258]); // the plot area in pixels
    expect(parseReadout(r.click).value).toMatch(/^−[0-9]\.\d dBFS$/); // the click, 1/8 s in 3 minutes
    expect(Number(parseReadout(r.before).value.replace("−", "-").split(" ")[0])).toBeLessThan(-60);
  });
});

describe("waveform view in Chromium", () => {
  it("draws a stereo song in two lanes at its true level", async () => {
    const r = await page.evaluate(() => window.demixVizAudio.waveformOfSong(true));
    expect(r.duration).toBe(6);
    const figure = page.locator(".viz-waveform");
    expect(await figure.locator(".viz-level").textContent()).toBe("peak −1.0 dBFS"); // generateSong peaks at −1 dBFS
    expect(await figure.locator("canvas").count()).toBe(2);
    expect(await figure.locator("svg.viz-axes text").allTextContents()).toEqual(expect.arrayContaining(["L", "R", "time (s)", "1", "0", "−1", "6.0"]));
    expect((await comparePicture(figure, "waveform-stereo")).ratio).toBeLessThanOrEqual(0.002);
  });

  it("does not normalise: a half-scale sine fills half the −1…1 lane", async () => {
    const r = await page.evaluate(() => window.demixVizAudio.waveformOfHalfScaleSine());
    expect(Math.abs(r.top - r.height / 4)).toBeLessThanOrEqual(2);
    expect(Math.abs(r.bottom - (3 * r.height) / 4)).toBeLessThanOrEqual(2);
    expect(r.level).toBe("peak −6.0 dBFS");
    // Asked for, the ±peak axis fills the lane and says so.
    const p = await page.evaluate(() => window.demixVizAudio.waveformOfHalfScaleSine("peak"));
    expect(p.top).toBeLessThanOrEqual(1);
    expect(p.bottom).toBeGreaterThanOrEqual(p.height - 2);
    expect(p.level).toBe("peak −6.0 dBFS · axis ±0.5");
    const yTicks = (await page.locator(".viz-waveform svg.viz-axes [aria-label='y-axis tick label'] text").allTextContents()).map((t) => Number(t.replace("−", "-")));
    expect(Math.max(...yTicks)).toBeGreaterThanOrEqual(0.4);
    expect(Math.max(...yTicks)).toBeLessThanOrEqual(0.5);
  });

  it("zooms with buttons, the wheel and a dragged selection; pans; resets; a click seeks", async () => {
    await page.evaluate(() => window.demixVizAudio.waveformOfSong(false));
    const domain = () => page.evaluate(() => window.demixVizAudio.waveformDomain());
    const ticks = () => page.evaluate(() => window.demixVizAudio.waveformTicks());
    expect(await domain()).toEqual([0, 6]);
    expect((await ticks()).at(-1)).toBe("6.0");
    await page.click(".viz-waveform button[data-action='zoom in']");
    expect(await domain()).toEqual([1.5, 4.5]);
    const zoomed = (await ticks()).map(Number);
    expect(zoomed).toEqual(expect.arrayContaining([2, 3, 4]));
    expect(Math.min(...zoomed)).toBeGreaterThanOrEqual(1.5);
    expect(Math.max(...zoomed)).toBeLessThanOrEqual(4.5);
    await page.click(".viz-waveform button[data-action='pan right']");
    expect(await domain()).toEqual([2.25, 5.25]);
    await page.click(".viz-waveform button[data-action='reset']");
    expect(await domain()).toEqual([0, 6]);

    // The wheel zooms about the pointer: the time under it stays under it.
    const canvas = ".viz-waveform canvas";
    const at2 = await pointAt(canvas, { time: { start: 0, end: 6 } }, 2);
    await page.mouse.move(at2.x, at2.y);
    await page.mouse.wheel(0, -300);
    await page.waitForFunction(() => window.demixVizAudio.waveformDomain()[1] - window.demixVizAudio.waveformDomain()[0] < 6);
    const [a, b] = await domain();
    expect(b - a).toBeCloseTo(6 * Math.exp(-300 * 0.0015), 3);
    expect(Math.abs(a + ((at2.x - (await page.locator(canvas).boundingBox())!.x) / (await page.locator(canvas).boundingBox())!.width) * (b - a) - 2)).toBeLessThan(0.01);

    // Drag from 1 s to 2 s of the full view.
    await page.click(".viz-waveform button[data-action='reset']");
    const from = await pointAt(canvas, { time: { start: 0, end: 6 } }, 1);
    const to = await pointAt(canvas, { time: { start: 0, end: 6 } }, 2);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 5 });
    await page.mouse.up();
    const [s, e] = await domain();
    expect(Math.abs(s - 1)).toBeLessThan(0.01);
    expect(Math.abs(e - 2)).toBeLessThan(0.01);
    expect(await page.evaluate(() => window.demixVizAudio.seeks())).toEqual([]);

    // Zoomed to 20 ms the samples themselves are drawn.
    await page.evaluate(() => window.demixVizAudio.setWaveformDomain(2.9, 2.92));
    expect((await comparePicture(page.locator(".viz-waveform"), "waveform-samples")).ratio).toBeLessThanOrEqual(0.002);

    await page.click(".viz-waveform button[data-action='reset']");
    const click = await pointAt(canvas, { time: { start: 0, end: 6 } }, 3);
    await page.mouse.click(click.x, click.y);
    const seeks = await page.evaluate(() => window.demixVizAudio.seeks());
    expect(seeks).toHaveLength(1);
    expect(Math.abs(seeks[0] - 3)).toBeLessThan(0.01);
    expect(await domain()).toEqual([0, 6]);
  });
});

describe("mixer in Chromium", () => {
  it("shows each stem with its peak, waveform and spectrogram on one time scale", async () => {
    const r = await page.evaluate(() => window.demixVizAudio.mixerOfSong());
    expect(r.caption).toMatch(/^song 11 · 2 stems in sync, 6\.00 s, true levels · vocals −\d+\.\d dBFS, accompaniment −\d+\.\d dBFS$/);
    const levels = await page.locator(".viz-stem .viz-level").allTextContents();
    expect(levels).toEqual(r.peaks.map((db) => `peak −${Math.abs(db).toFixed(1)} dBFS`));
    expect(await page.locator(".viz-clock").textContent()).toBe("0:00.0 / 0:06.0");
    expect((await comparePicture(page.locator(".viz-mixer"), "mixer")).ratio).toBeLessThanOrEqual(0.002);
  });

  for (const [press, expected] of [
    [[], { vocals: 1, accompaniment: 1 }],
    [["solo vocals"], { vocals: 1 }],
    [["mute vocals"], { accompaniment: 1 }],
    [["mute vocals", "solo vocals"], { vocals: 1 }],
  ] as const) {
    it(`renders exactly ${Object.keys(expected).join(" + ")} in sync after pressing [${press.join(", ")}] (OfflineAudioContext)`, async () => {
      await page.evaluate(() => window.demixVizAudio.mixerOfSong({ offline: true }));
      for (const label of press) await page.click(`.viz-mixer button[aria-label='${label}']`);
      for (const label of press) expect(await page.getAttribute(`.viz-mixer button[aria-label='${label}']`, "aria-pressed")).toBe("true");
      await page.click(".viz-play");
      const out = await page.evaluate((e) => window.demixVizAudio.renderOffline(e), expected as Record<string, number>);
      expect(out.length).toBe(6 * 8192);
      expect(out.rms).toBeGreaterThan(0.01);
      // Sample for sample the sum of the audible stems at gain 1: started together, never rescaled.
      expect(out.maxErr).toBeLessThan(1e-6);
    });
  }

  it("plays in real time with every stem started on one clock tick; mute, solo, pause and seek act at once", async () => {
    await page.evaluate(() => window.demixVizAudio.mixerOfSong());
    await page.click(".viz-play");
    await page.waitForTimeout(400);
    const s1 = await page.evaluate(() => window.demixVizAudio.mixerState());
    const t1 = Date.now();
    expect(s1.playing).toBe(true);
    expect(s1.sourceStarts).toEqual([s1.startedAt, s1.startedAt]);
    expect(s1.position).toBeCloseTo(s1.contextTime - s1.startedAt!, 6);
    await page.waitForTimeout(500);
    const s2 = await page.evaluate(() => window.demixVizAudio.mixerState());
    const wall = (Date.now() - t1) / 1000;
    expect(Math.abs(s2.position - s1.position - wall)).toBeLessThan(0.15); // the audio clock runs in real time
    // The playheads follow while playing (redrawn every animation frame).
    const moving = (await page.evaluate(() => window.demixVizAudio.playheadPx(".viz-stem[data-stem=vocals] .viz-spectrogram")))!;
    expect(moving.seconds).toBeGreaterThan(s1.position);

    // Seeking while playing restarts every stem there, still together, and keeps playing.
    await page.locator(".viz-seek").fill("2");
    const s3 = await page.evaluate(() => window.demixVizAudio.mixerState());
    expect(s3.playing).toBe(true);
    expect(s3.startOffset).toBe(2);
    expect(s3.sourceStarts).toEqual([s3.startedAt, s3.startedAt]);
    await page.waitForTimeout(300);
    const s4 = await page.evaluate(() => window.demixVizAudio.mixerState());
    expect(s4.position).toBeGreaterThan(2.1);
    expect(s4.position).toBeLessThan(2.6);
    expect((await page.evaluate(() => window.demixVizAudio.playheadPx(".viz-stem[data-stem=vocals] .viz-waveform")))!.seconds).toBeGreaterThan(2);

    await page.click(".viz-mixer button[aria-label='mute vocals']");
    await page.waitForTimeout(150);
    let g = (await page.evaluate(() => window.demixVizAudio.mixerState())).gains;
    expect(g.vocals).toBeLessThan(0.01);
    expect(g.accompaniment).toBe(1);
    await page.click(".viz-mixer button[aria-label='solo vocals']");
    await page.waitForTimeout(150);
    g = (await page.evaluate(() => window.demixVizAudio.mixerState())).gains;
    expect(g.vocals).toBeGreaterThan(0.99);
    expect(g.accompaniment).toBeLessThan(0.01);
    expect(await page.locator(".viz-stem[data-stem=accompaniment]").getAttribute("class")).toMatch(/viz-silent/);

    await page.click(".viz-play");
    const paused = await page.evaluate(() => window.demixVizAudio.mixerState());
    expect(paused.playing).toBe(false);
    // Every picture's playhead sits at the paused position, at the same x in each stem's waveform and spectrogram.
    for (const stem of ["vocals", "accompaniment"]) {
      const w = (await page.evaluate((s) => window.demixVizAudio.playheadPx(`.viz-stem[data-stem=${s}] .viz-waveform`), stem))!;
      const sp = (await page.evaluate((s) => window.demixVizAudio.playheadPx(`.viz-stem[data-stem=${s}] .viz-spectrogram`), stem))!;
      expect(w.seconds).toBeCloseTo(paused.position, 9);
      expect(sp.seconds).toBeCloseTo(paused.position, 9);
      expect(Math.abs(w.line - sp.line)).toBeLessThan(0.6);
    }
    await page.waitForTimeout(200);
    expect((await page.evaluate(() => window.demixVizAudio.mixerState())).position).toBe(paused.position);

    await page.locator(".viz-seek").fill("3");
    expect((await page.evaluate(() => window.demixVizAudio.mixerState())).position).toBe(3);
    expect(await page.locator(".viz-clock").textContent()).toBe("0:03.0 / 0:06.0");
    // A click on a picture seeks there.
    const box = (await page.locator(".viz-stem[data-stem=vocals] .viz-spectrogram canvas").boundingBox())!;
    const r = await page.evaluate(() => ({ start: -384 / 8192, end: 6 + 384 / 8192 }));
    await page.mouse.click(box.x + ((4 - r.start) / (r.end - r.start)) * box.width, box.y + box.height / 2);
    expect(Math.abs((await page.evaluate(() => window.demixVizAudio.mixerState())).position - 4)).toBeLessThan(0.01);
    expect(errors).toEqual([]);
  });
});
