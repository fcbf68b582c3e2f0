import { afterAll, describe, expect, it } from "vitest";
import { encodeWav } from "../../src/audio";
import { openPage, screenshot, shutdown } from "./harness";

afterAll(shutdown);

describe("the app page", () => {
  it("loads, is cross-origin isolated, shows its backend and opens the first shipped notebook", async () => {
    const { page, errors, close } = await openPage("/");
    await page.waitForSelector(".brand strong");
    expect(await page.title()).toBe("Demix Lab");
    expect(await page.textContent(".brand strong")).toBe("Demix Lab");
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    expect(await page.textContent('[data-status="isolation"]')).toBe("isolated");
    // No GPU here: the models run on wasm with SIMD, and the sidebar says so.
    await page.waitForFunction(() => !document.querySelector('[data-status="backend"]')?.textContent?.includes("starting"));
    expect(await page.textContent('[data-status="backend"]')).toMatch(/^wasm · SIMD · \d+ threads?$/);
    // With nothing opened before, the first shipped notebook opens, as the user's editable copy.
    await page.waitForSelector(".notebook .cell");
    expect(page.url()).toMatch(/#\/notebook\/[\w-]+$/);
    expect(await page.textContent(".sidebar a.active")).toBe("From a song to its masks");
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
    const { page, errors, close } = await openPage("/#/tool/inspect");
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

  it("reads long and compressed files a minute at a time: facts of the whole, a picture of the first ten minutes", async () => {
    const { page, errors, close } = await openPage("/#/tool/inspect");
    await page.setInputFiles(".inspector input[type=file]", "test/fixtures/audio/stream/chirp_44100_stereo.mp3");
    await page.waitForSelector(".inspector canvas.spectrogram");
    let info = await page.$$eval(".inspector table.info tr", (rows) => rows.map((r) => r.textContent));
    expect(info).toContain("duration6.00 s (264600 samples)"); // decodeAudioData's length: the MP3's delay and padding cut
    expect(info).toContain("channels2");
    // 12 minutes of quiet noise at 8 kHz, one loud sample near the end: the peak is the whole file's.
    const rate = 8000, n = 12 * 60 * rate;
    const x = Float32Array.from({ length: n }, (_, i) => 0.01 * Math.sin(i * 0.37) * Math.sin(i * 0.0013));
    x[n - 100] = 0.5;
    await page.setInputFiles(".inspector input[type=file]", { name: "long.wav", mimeType: "audio/wav", buffer: Buffer.from(encodeWav({ sampleRate: rate, channels: [x] }, "pcm16")) });
    await page.waitForFunction(() => document.querySelector(".inspector table.info")?.textContent?.includes("long.wav"));
    info = await page.$$eval(".inspector table.info tr", (rows) => rows.map((r) => r.textContent));
    expect(info).toContain(`duration720.00 s (${n} samples)`);
    expect(info).toContain("peak-6.0 dBFS");
    expect(info.find((r) => r?.startsWith("spectrogram"))).toMatch(/the first 10 of 12\.0 minutes$/);
    const width = await page.$eval(".inspector canvas.spectrogram", (c) => (c as HTMLCanvasElement).width);
    expect(Math.abs(width - (600 * 8192) / 768)).toBeLessThan(3);
    expect(errors).toEqual([]);
    await close();
  });

  it("says what is wrong with a file that is not audio", async () => {
    const { page, close } = await openPage("/#/tool/inspect");
    await page.setInputFiles(".inspector input[type=file]", { name: "notes.wav", mimeType: "audio/wav", buffer: Buffer.from("just some text") });
    await page.waitForFunction(() => document.querySelector(".inspector .error")?.textContent !== "");
    expect(await page.textContent(".inspector .error")).toMatch(/notes\.wav: .+/);
    await close();
  });
});

describe("the separator panel", () => {
  it("loads a saved model and a song, and gives vocals and accompaniment to play and download", async () => {
    const tf = await import("@tensorflow/tfjs");
    const { createUNet, UNET_TINY } = await import("../../src/model");
    const { saveModelDir } = await import("../../src/train/model-files");
    const { mkdtempSync, readFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    await tf.setBackend("cpu");
    const dir = join(mkdtempSync(join(tmpdir(), "demix-model-")), "tiny");
    await saveModelDir(createUNet({ ...UNET_TINY, seed: 2 }), dir, { metadata: { target: "vocals" } });

    const rate = 22050;
    const song = encodeWav({ sampleRate: rate, channels: [Float32Array.from({ length: rate * 4 }, (_, i) => 0.3 * Math.sin(i / 7) + 0.1 * Math.sin(i / 31))] }, "pcm16");
    const { page, errors, close } = await openPage("/#/tool/separate");
    await page.waitForSelector(".separator button");
    await page.selectOption('.separator select[name="source"]', "files");
    await page.setInputFiles('.separator input[name="model"]', [
      { name: "model.json", mimeType: "application/json", buffer: readFileSync(join(dir, "model.json")) },
      { name: "weights.bin", mimeType: "application/octet-stream", buffer: readFileSync(join(dir, "weights.bin")) },
    ]);
    await page.setInputFiles('.separator input[name="song"]', { name: "song.wav", mimeType: "audio/wav", buffer: Buffer.from(song) });
    await page.click(".separator button");
    await page.waitForSelector('.separator .stem[data-stem="accompaniment"]', { timeout: 60_000 });
    expect(await page.$$eval(".separator .stem a", (as) => as.map((a) => (a as HTMLAnchorElement).download))).toEqual(["song-vocals.wav", "song-accompaniment.wav"]);
    // The stems decode as WAV at the song's rate and length.
    const info = await page.$eval('.separator .stem[data-stem="vocals"] a', async (a) => {
      const bytes = new Uint8Array(await (await fetch((a as HTMLAnchorElement).href)).arrayBuffer());
      const view = new DataView(bytes.buffer);
      return { rate: view.getUint32(24, true), bytes: bytes.length };
    });
    expect(info.rate).toBe(rate);
    expect(info.bytes).toBe(44 + rate * 4 * 2);
    await screenshot(page, "app-separator");

    // Stereo with one mask for both channels: two channels back, at the same length.
    const left = Float32Array.from({ length: rate * 3 }, (_, i) => 0.3 * Math.sin(i / 7));
    const stereoSong = encodeWav({ sampleRate: rate, channels: [left, left.map((v, i) => 0.5 * v + 0.1 * Math.sin(i / 13))] }, "pcm16");
    await page.selectOption('.separator select[name="stereo"]', "mid");
    await page.setInputFiles('.separator input[name="song"]', { name: "stereo.wav", mimeType: "audio/wav", buffer: Buffer.from(stereoSong) });
    await page.click(".separator button");
    await page.waitForSelector('.separator .stem[data-stem="accompaniment"] a[download="stereo-accompaniment.wav"]', { timeout: 60_000 });
    const stereoInfo = await page.$eval('.separator .stem[data-stem="vocals"] a', async (a) => {
      const bytes = new Uint8Array(await (await fetch((a as HTMLAnchorElement).href)).arrayBuffer());
      const view = new DataView(bytes.buffer);
      return { channels: view.getUint16(22, true), bytes: bytes.length };
    });
    expect(stereoInfo).toEqual({ channels: 2, bytes: 44 + rate * 3 * 2 * 2 });

    // A compressed song is decoded in pieces (WebCodecs): stems at its rate, as long as decodeAudioData makes it.
    await page.setInputFiles('.separator input[name="song"]', "test/fixtures/audio/stream/chirp_44100_stereo.mp3");
    await page.click(".separator button");
    await page.waitForSelector('.separator .stem[data-stem="accompaniment"] a[download="chirp_44100_stereo-accompaniment.wav"]', { timeout: 60_000 });
    const mp3Info = await page.$eval('.separator .stem[data-stem="vocals"] a', async (a) => {
      const bytes = new Uint8Array(await (await fetch((a as HTMLAnchorElement).href)).arrayBuffer());
      const view = new DataView(bytes.buffer);
      return { channels: view.getUint16(22, true), rate: view.getUint32(24, true), bytes: bytes.length };
    });
    expect(mp3Info).toEqual({ channels: 2, rate: 44100, bytes: 44 + 6 * 44100 * 2 * 2 });
    // A broken one gets decodeAudioData's verdict, which says what to do.
    await page.setInputFiles('.separator input[name="song"]', { name: "broken.mp3", mimeType: "audio/mpeg", buffer: Buffer.from([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 0, ...Array.from({ length: 300 }, (_, i) => (i * 29) & 0xff)]) });
    await page.click(".separator button");
    await page.waitForFunction(() => document.querySelector(".separator .error")?.textContent !== "");
    expect(await page.textContent(".separator .error")).toMatch(/Cannot decode "broken\.mp3".*converting it to WAV/);
    expect(errors).toEqual([]);
    await close();
  });

  it("says which files a model needs", async () => {
    const { page, close } = await openPage("/#/tool/separate");
    await page.waitForSelector(".separator button");
    await page.selectOption('.separator select[name="source"]', "files");
    await page.setInputFiles('.separator input[name="model"]', { name: "model.json", mimeType: "application/json", buffer: Buffer.from("{}") });
    await page.setInputFiles('.separator input[name="song"]', { name: "song.wav", mimeType: "audio/wav", buffer: Buffer.from(encodeWav({ sampleRate: 8000, channels: [new Float32Array(8000)] })) });
    await page.click(".separator button");
    await page.waitForFunction(() => document.querySelector(".separator .error")?.textContent !== "");
    expect(await page.textContent(".separator .error")).toMatch(/model\.json and its weights\.bin/);
    await close();
  });
});
