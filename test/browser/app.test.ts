import { afterAll, describe, expect, it } from "vitest";
import { encodeWav } from "../../src/audio";
import { openPage, screenshot, shutdown } from "./harness";

afterAll(shutdown);

describe("the app page", () => {
  it("loads, is cross-origin isolated and shows its title", async () => {
    const { page, errors, close } = await openPage("/");
    await page.waitForSelector("header h1");
    expect(await page.title()).toBe("Demix Lab");
    expect(await page.textContent("header h1")).toBe("Demix Lab");
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    expect(await page.textContent('[data-status="isolation"]')).toBe("cross-origin isolated");
    await screenshot(page, "app-home");
    expect(errors).toEqual([]);
    await close();
  });

  it("inspects a dropped WAV: its facts and its spectrogram", async () => {
    const rate = 44100;
    const n = rate * 3;
    // A 440 Hz tone on the left, a 1 kHz tone on the right.
    const left = Float32Array.from({ length: n }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 440 * i) / rate));
    const right = Float32Array.from({ length: n }, (_, i) => 0.25 * Math.sin((2 * Math.PI * 1000 * i) / rate));
    const wav = encodeWav({ sampleRate: rate, channels: [left, right] }, "pcm16");
    const { page, errors, close } = await openPage("/");
    await page.setInputFiles(".inspector input[type=file]", { name: "tones.wav", mimeType: "audio/wav", buffer: Buffer.from(wav) });
    await page.waitForSelector(".inspector canvas.spectrogram");
    const info = await page.$$eval(".inspector table.info tr", (rows) => rows.map((r) => r.textContent));
    expect(info).toContain("sample rate44100 Hz");
    expect(info).toContain("channels2");
    expect(info.some((r) => r?.startsWith("duration3.00 s"))).toBe(true);
    // The brightest row of the spectrogram is the 440 Hz bin (mono mixdown at 8192 Hz: bin 55).
    const brightest = await page.$eval(".inspector canvas.spectrogram", (c) => {
      const canvas = c as HTMLCanvasElement;
      const data = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
      const x = Math.floor(canvas.width / 2);
      let best = 0, row = -1;
      for (let y = 0; y < canvas.height; y++) {
        const p = (y * canvas.width + x) * 4;
        const v = data[p] + data[p + 1] + data[p + 2];
        if (v > best) { best = v; row = y; }
      }
      return canvas.height - 1 - row;
    });
    expect(Math.abs(brightest - Math.round((440 / 8192) * 1024))).toBeLessThanOrEqual(1);
    await screenshot(page, "app-inspector");
    expect(errors).toEqual([]);
    await close();
  });

  it("says what is wrong with a file that is not audio", async () => {
    const { page, close } = await openPage("/");
    await page.setInputFiles(".inspector input[type=file]", { name: "notes.wav", mimeType: "audio/wav", buffer: Buffer.from("just some text") });
    await page.waitForFunction(() => document.querySelector(".inspector .error")?.textContent !== "");
    expect(await page.textContent(".inspector .error")).toMatch(/notes\.wav: .+/);
    await close();
  });
});
