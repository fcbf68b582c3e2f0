import { describe, expect, it } from "vitest";
import { AudioFormatError, decodeAudio, encodeWav, probeSampleRate, sniffContainer } from "../../../src/audio";
import { fixtureBytes, fixtureJson } from "./helpers";

/** decodeAudio in Node (no Web Audio): WAV decodes, everything else says where to go instead. */
const manifest = fixtureJson("files", "manifest.json");

describe("decodeAudio outside a browser", () => {
  it("decodes WAV whatever the name says", async () => {
    const bytes = encodeWav({ sampleRate: 12000, channels: [new Float32Array([0.5, -0.25])] });
    const s = await decodeAudio(bytes, "actually-a-wav.mp3");
    expect(s.sampleRate).toBe(12000);
    expect(Array.from(s.channels[0])).toEqual([0.5, -0.25]);
    expect(Object.keys(s).sort()).toEqual(["channels", "sampleRate"]);
  });

  it("says empty input is empty, naming the file", async () => {
    await expect(decodeAudio(new Uint8Array(0), "song.flac")).rejects.toThrow('Cannot decode "song.flac": the file is empty (0 bytes).');
  });

  it("compressed formats need Web Audio, and the message points Node users at readAudioFile", async () => {
    const error = await decodeAudio(fixtureBytes("files", "tone_22050_mono.mp3"), "tone.mp3").catch((e) => e);
    expect(error).toBeInstanceOf(AudioFormatError);
    expect(error.message).toMatch(/it is MP3, which needs Web Audio \(a browser\).*readAudioFile\(\)/);
  });

  it("rejects bytes that are no known audio format, saying what they look like", async () => {
    const html = new TextEncoder().encode("<!doctype html><title>404</title>");
    await expect(decodeAudio(html, "x.bin")).rejects.toThrow(/not a recognised audio format \(it looks like an HTML page/);
  });

  it("prefixes WAV errors with the file name", async () => {
    await expect(decodeAudio(new TextEncoder().encode("RIFF\0\0\0\0WAVE"), "bad.wav")).rejects.toThrow(/^"bad.wav": Cannot decode WAV: /);
  });
});

describe("format sniffing and native-rate probing", () => {
  for (const f of manifest.compressed) {
    it(`${f.file}: ${f.sampleRate} Hz from the header`, () => {
      const bytes = fixtureBytes("files", f.file);
      const container = sniffContainer(bytes)!;
      expect(container).toBe(f.file.endsWith(".mp3") ? "mp3" : f.file.endsWith(".flac") ? "flac" : "ogg");
      expect(probeSampleRate(bytes, container)).toBe(f.sampleRate);
    });
  }

  it("MP3 without an ID3 tag, MPEG-2 rates, and AAC (ADTS) with the HE-AAC doubling", () => {
    // MPEG-1 Layer III 128 kbps 44.1 kHz: frame length 417 bytes; two frames so the successor check passes.
    const frame = new Uint8Array(417);
    frame.set([0xff, 0xfb, 0x90, 0x00]);
    const two = new Uint8Array(834 + 4);
    two.set(frame);
    two.set(frame, 417);
    expect(sniffContainer(two)).toBe("mp3");
    expect(probeSampleRate(two, "mp3")).toBe(44100);
    // MPEG-2 (version bits 10), rate index 1 → 24000 Hz; a lone header at the end of the bytes is accepted.
    expect(probeSampleRate(new Uint8Array([0xff, 0xf3, 0x84, 0x00, 0, 0]), "mp3")).toBe(24000);
    // ADTS with sampling index 4 (44.1 kHz) and 7 (22.05 kHz core → 44.1 kHz HE-AAC).
    expect(probeSampleRate(new Uint8Array([0xff, 0xf1, 4 << 2, 0]), "aac-adts")).toBe(44100);
    expect(probeSampleRate(new Uint8Array([0xff, 0xf1, 7 << 2, 0]), "aac-adts")).toBe(44100);
  });
});
