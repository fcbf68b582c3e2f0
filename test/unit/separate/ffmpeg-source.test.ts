import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readAudioFile } from "../../../src/audio/node";
import { ffmpegSource } from "../../../src/separate/ffmpeg-source";

const MP3 = "test/fixtures/audio/stream/chirp_44100_stereo.mp3";

describe("ffmpegSource: a compressed file a chunk at a time through an ffmpeg pipe", () => {
  it("has ffmpeg's frames, and chunked reads (forward, then back) give exactly what decoding it whole gives", async () => {
    const whole = await readAudioFile(MP3);
    const source = await ffmpegSource(MP3);
    expect([source.sampleRate, source.channelCount, source.frames]).toEqual([44100, 2, whole.channels[0].length]);
    const chunk = 50_000;
    for (const start of [0, 37_500, 75_000, 150_000, 250_000, 10_000]) {
      const piece = await source.read(start, chunk);
      const expected = whole.channels.map((c) => c.subarray(start, start + chunk));
      expect(piece.map((c) => c.length)).toEqual(expected.map((c) => c.length));
      piece.forEach((c, ch) => expect(c).toEqual(expected[ch]));
    }
    source.close();
  });

  it("says what is wrong with a file ffmpeg cannot decode, and when ffmpeg is missing", async () => {
    const broken = join(tmpdir(), "demix-broken.mp3");
    writeFileSync(broken, Uint8Array.from({ length: 500 }, (_, i) => (i * 29) & 0xff));
    await expect(ffmpegSource(broken)).rejects.toThrow(/Cannot read audio file ".*demix-broken\.mp3": ffmpeg could not decode it/);
    await expect(ffmpegSource(MP3, "/nonexistent/ffmpeg")).rejects.toThrow(/needs ffmpeg, which was not found/);
  });
});
