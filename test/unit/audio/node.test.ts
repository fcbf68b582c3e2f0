import { mkdtempSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AudioFormatError, decodeWav } from "../../../src/audio";
import { readAudioFile, writeWavFile } from "../../../src/audio/node";
import { FIXTURES, fixtureJson, noise, toneAmplitude } from "./helpers";

const tmp = mkdtempSync(join(tmpdir(), "demix-audio-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const file = (name: string) => join(FIXTURES, "files", name);
const manifest = fixtureJson("files", "manifest.json");
const DURATION = manifest.source.compressedDuration;

describe("readAudioFile", () => {
  it("reads WAV in TypeScript (no ffmpeg needed)", async () => {
    const s = await readAudioFile(file("ff_s16_51.wav"), { ffmpegPath: "/nonexistent/ffmpeg" });
    expect(s.sampleRate).toBe(16000);
    expect(s.channels.length).toBe(6);
  });

  it("FLAC through ffmpeg: lossless, so equal to the source up to its generator's precision", async () => {
    const s = await readAudioFile(file("tone_16000_stereo.flac"));
    expect(s.sampleRate).toBe(16000);
    expect(s.channels.length).toBe(2);
    expect(s.channels[0].length).toBe(DURATION * 16000);
    for (const [c, f] of [[0, 440], [1, 660]]) {
      let err = 0;
      s.channels[c].forEach((v, i) => (err = Math.max(err, Math.abs(v - 0.5 * Math.sin((2 * Math.PI * f * i) / 16000)))));
      // lavfi's sine source is an integer approximation (a few LSB off a true sine), hence not 1 LSB.
      expect(err).toBeLessThan(1e-3);
    }
  });

  for (const [name, rate, channels] of [["tone_22050_mono.mp3", 22050, 1], ["tone_32000_stereo.ogg", 32000, 2], ["tone_48000_mono.opus", 48000, 1]] as const) {
    it(`${name} through ffmpeg: native rate, channels, length and tone level (loosely: lossy)`, async () => {
      const s = await readAudioFile(file(name));
      expect(s.sampleRate).toBe(rate);
      expect(s.channels.length).toBe(channels);
      // Codecs pad to whole frames (MP3: 1152 samples); ffmpeg trims most of it using the gapless info.
      expect(Math.abs(s.channels[0].length - DURATION * rate)).toBeLessThan(2 * 1152);
      for (let c = 0; c < channels; c++) {
        const n = s.channels[c].length;
        expect(toneAmplitude(s.channels[c], rate, 440 + 220 * c, Math.floor(n * 0.2), Math.floor(n * 0.8))).toBeCloseTo(0.5, 1);
      }
    });
  }

  it("errors name the file and the problem: missing, directory, empty, corrupt", async () => {
    await expect(readAudioFile(join(tmp, "nope.wav"))).rejects.toThrow(`Cannot read audio file "${join(tmp, "nope.wav")}": no such file.`);
    await expect(readAudioFile(tmp)).rejects.toThrow(/: it is a directory, not a file\./);
    writeFileSync(join(tmp, "empty.mp3"), "");
    await expect(readAudioFile(join(tmp, "empty.mp3"))).rejects.toThrow(/empty\.mp3": the file is empty \(0 bytes\)/);
    writeFileSync(join(tmp, "bad.wav"), "RIFF\0\0\0\0WAVEdata\x04\0\0\0abcd");
    await expect(readAudioFile(join(tmp, "bad.wav"))).rejects.toThrow(/bad\.wav": Cannot decode WAV: no fmt chunk/);
    writeFileSync(join(tmp, "corrupt.mp3"), Buffer.concat([Buffer.from("ID3\x04\0\0\0\0\0\0"), Buffer.from(noise(256).buffer)]));
    const error = await readAudioFile(join(tmp, "corrupt.mp3")).catch((e) => e);
    expect(error).toBeInstanceOf(AudioFormatError);
    expect(error.message).toMatch(/corrupt\.mp3": ffmpeg could not decode it/);
  });

  it("ffmpeg missing: says which formats work without it and how to install it", async () => {
    const expected = /tone_22050_mono\.mp3": it is MP3 audio, and reading formats other than WAV needs ffmpeg, which was not found.*apt-get install ffmpeg/;
    await expect(readAudioFile(file("tone_22050_mono.mp3"), { ffmpegPath: join(tmp, "no-ffmpeg") })).rejects.toThrow(expected);
    const path = process.env.PATH;
    process.env.PATH = tmp; // an ffmpeg-less PATH, as on a machine without it
    try {
      await expect(readAudioFile(file("tone_22050_mono.mp3"))).rejects.toThrow(expected);
    } finally {
      process.env.PATH = path;
    }
  });

  it("refuses files whose decoded samples would not fit the memory limit, for WAV and via ffmpeg", async () => {
    await expect(readAudioFile(file("ff_s16_51.wav"), { maxDecodedBytes: 10_000 })).rejects.toThrow(/over the 0\.0 GiB limit \(maxDecodedBytes\)/);
    await expect(readAudioFile(file("tone_32000_stereo.ogg"), { maxDecodedBytes: 10_000 })).rejects.toThrow(/needs about .* GiB of memory/);
  });
});

describe("writeWavFile", () => {
  it("creates parent directories and writes what decodeWav reads back", () => {
    const path = join(tmp, "deep", "er", "out.wav");
    const signal = { sampleRate: 8000, channels: [new Float32Array([0.5, -0.5]), new Float32Array([0.25, 0])] };
    writeWavFile(path, signal, "float32");
    const back = decodeWav(new Uint8Array(readFileSync(path)));
    expect(back.channels.map((c) => Array.from(c))).toEqual([[0.5, -0.5], [0.25, 0]]);
    expect(back.format.encoding).toBe("float");
  });
});
