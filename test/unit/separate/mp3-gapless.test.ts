import { openAsBlob } from "node:fs";
import { describe, expect, it } from "vitest";
import { readAudioFile } from "../../../src/audio/node";
import { parseGapless, readMp3Gapless } from "../../../src/separate/mp3-gapless";

const FIXTURE = "test/fixtures/audio/stream/chirp_44100_stereo.mp3";

describe("MP3 gapless tag (LAME/Lavc in the Info frame)", () => {
  it("gives the delay and padding that make the frames ffmpeg decodes", async () => {
    const gapless = await readMp3Gapless(await openAsBlob(FIXTURE));
    expect(gapless).toEqual({ delay: 576, padding: 936 });
    // The Info frame counts 231 frames of 1152 samples; ffmpeg keeps what the tag does not cut.
    const decoded = await readAudioFile(FIXTURE);
    expect(decoded.channels[0].length).toBe(231 * 1152 - gapless!.delay - gapless!.padding);
  });

  it("is undefined for a frame without an Info/Xing tag, and for bytes that are not a frame", () => {
    const frame = new Uint8Array(400);
    frame.set([0xff, 0xfb, 0x90, 0x00]);
    expect(parseGapless(frame)).toBeUndefined();
    expect(parseGapless(new TextEncoder().encode("not an mp3 at all"))).toBeUndefined();
  });
});
