import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { fixtureJson, toneAmplitude } from "../unit/audio/helpers";
import { openPage, shutdown } from "./harness";
import type { DecodedSummary } from "./pages/audio";

/**
 * decodeAudio in real Chromium: compressed fixtures go through Web Audio's decodeAudioData at the
 * native rate probed from their headers (the fixtures use rates no AudioContext defaults to).
 */
const manifest = fixtureJson("files", "manifest.json");
const DURATION: number = manifest.source.compressedDuration;

let page: Page;
let errors: string[];
let close: () => Promise<void>;

beforeAll(async () => {
  ({ page, errors, close } = await openPage("/test/browser/pages/audio.html"));
  await page.waitForSelector("body[data-ready=true]");
});
afterAll(async () => {
  await close?.();
  await shutdown();
});

const decode = (file: string): Promise<DecodedSummary> =>
  page.evaluate(([url, name]) => window.demixAudio.decodeUrl(url, name), [`/test/fixtures/audio/files/${file}`, file] as const);

function checkTones(s: DecodedSummary, tolerance: number): void {
  s.channels.forEach((samples, c) => {
    const x = Float32Array.from(samples);
    const amplitude = toneAmplitude(x, s.sampleRate, 440 + 220 * c, Math.floor(x.length * 0.2), Math.floor(x.length * 0.8));
    expect(Math.abs(amplitude - 0.5)).toBeLessThan(tolerance);
  });
}

describe("decodeAudio in Chromium", () => {
  it("FLAC at 16 kHz: native rate, exact length, samples equal the source within its precision", async () => {
    const s = await decode("tone_16000_stereo.flac");
    expect(s.sampleRate).toBe(16000);
    expect(s.channels.length).toBe(2);
    expect(s.channels[0].length).toBe(DURATION * 16000);
    s.channels.forEach((x, c) => {
      const f = 440 + 220 * c;
      const err = Math.max(...x.map((v, i) => Math.abs(v - 0.5 * Math.sin((2 * Math.PI * f * i) / 16000))));
      expect(err).toBeLessThan(1e-3);
    });
  });

  for (const [file, rate, channels] of [
    ["tone_32000_stereo.ogg", 32000, 2],
    ["tone_22050_mono.mp3", 22050, 1],
    ["tone_48000_mono.opus", 48000, 1],
  ] as const) {
    it(`${file}: ${rate} Hz, ${channels} ch, length and tone level (loosely: lossy)`, async () => {
      const s = await decode(file);
      expect(s.sampleRate).toBe(rate);
      expect(s.channels.length).toBe(channels);
      // Codec frame padding and priming may add up to a couple of frames (MP3: 1152 samples each).
      expect(Math.abs(s.channels[0].length - DURATION * rate)).toBeLessThan(2 * 1152 + 1);
      checkTones(s, 0.05);
    });
  }

  it("WAV is decoded by the TypeScript decoder, exactly", async () => {
    const left = [0, 0.5, -0.5, 0.25];
    const right = [1 - 1 / 32768, -1, 0, 1 / 32768];
    const s = await page.evaluate(([l, r]) => window.demixAudio.wavRoundTrip(11025, [l, r]), [left, right]);
    expect(s).toEqual({ sampleRate: 11025, channels: [left, right] });
    const fixture = await decode("ff_s16_51.wav");
    expect(fixture.sampleRate).toBe(16000);
    expect(fixture.channels.length).toBe(6);
  });

  it("clear errors: empty input, corrupt compressed data", async () => {
    expect(await page.evaluate(() => window.demixAudio.decodeError([], "x.ogg"))).toBe('AudioFormatError: Cannot decode "x.ogg": the file is empty (0 bytes).');
    const corrupt = [..."OggS"].map((c) => c.charCodeAt(0)).concat(Array.from({ length: 200 }, (_, i) => (i * 37) & 0xff));
    const message = await page.evaluate((bytes) => window.demixAudio.decodeError(bytes, "broken.ogg"), corrupt);
    expect(message).toMatch(/^AudioFormatError: Cannot decode "broken.ogg" \(Ogg \(Vorbis\/Opus\)\): .*corrupt/);
  });

  it("logged no page errors", () => {
    expect(errors).toEqual([]);
  });
});
