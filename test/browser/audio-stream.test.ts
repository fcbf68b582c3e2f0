import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { openPage, shutdown } from "./harness";
import type { StreamSummary } from "./pages/audio";

/**
 * mediaBlobSource in real Chromium: compressed files decoded a range at a time (WebCodecs through
 * mediabunny), as long files are separated. Fixtures: scripts/fixtures/stream_files.sh (6 s chirps).
 */
let page: Page;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ page, close } = await openPage("/test/browser/pages/audio.html"));
  await page.waitForSelector("body[data-ready=true]");
});
afterAll(async () => {
  await close?.();
  await shutdown();
});

const stream = (file: string, chunk: number): Promise<StreamSummary> =>
  page.evaluate(([url, name, n]) => window.demixAudio.streamUrl(url, name, n), [`/test/fixtures/audio/stream/${file}`, file, chunk] as const);

describe("mediaBlobSource in Chromium", () => {
  for (const [file, rate] of [
    ["chirp_44100_stereo.mp3", 44100],
    ["chirp_44100_stereo.m4a", 44100],
    ["chirp_48000_stereo.opus", 48000],
    ["chirp_32000_stereo.ogg", 32000],
    ["chirp_22050_stereo.flac", 22050],
  ] as const) {
    it(`${file}: rate, length, chunked reads agree, aligned with decodeAudio and the source`, async () => {
      const s = await stream(file, rate);
      expect(s.sampleRate).toBe(rate);
      expect(s.channelCount).toBe(2);
      // The samples decodeAudioData gives (encoder delay and padding cut), and the same whatever the chunks.
      expect(s.frames).toBe(s.wholeFrames);
      expect(Math.abs(s.frames - 6 * rate)).toBeLessThan(1152);
      expect(s.chunkedVsOneRead).toBe(0);
      expect(s.lagVsWhole).toBe(0);
      expect(s.snrVsWhole).toBeGreaterThan(60);
      expect(s.lagVsSource).toBe(0);
      expect(s.snrVsSource).toBeGreaterThan(20);
    }, 60_000);
  }
});

describe("stems in OPFS files (opfsStemStorage)", () => {
  it("holds exactly the bytes a Blob would, and a rerun replaces the last run's file", async () => {
    const r = await page.evaluate(() => window.demixAudio.opfsStems());
    expect(r.opfs).toBe(true);
    expect(r.same).toEqual([true, true]);
    expect(r.sizes).toEqual([5 * 1000 + 17 * 10, 3 * 1000 + 17 * 3]);
  });
});
