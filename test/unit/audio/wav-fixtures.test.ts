import { describe, expect, it } from "vitest";
import { decodeWav } from "../../../src/audio";
import { fixtureBytes, fixtureF32, fixtureJson } from "./helpers";

/** WAV files written by other tools (see scripts/fixtures/audio_files.sh). */
const manifest = fixtureJson("files", "manifest.json");
const DIVISOR: Record<string, (v: number) => number> = {
  uint8: (v) => (v - 128) / 128,
  int16: (v) => v / 32768,
  int32: (v) => v / 2 ** 31,
  float32: (v) => v,
  float64: (v) => v,
};

describe("WAV files written by scipy.io.wavfile", () => {
  for (const f of manifest.scipy) {
    it(`${f.file}: ${f.dtype}, ${f.channels} ch, ${f.sampleRate} Hz`, () => {
      const w = decodeWav(fixtureBytes("files", f.file));
      expect(w.sampleRate).toBe(f.sampleRate);
      expect(w.channels.length).toBe(f.channels);
      expect(w.format.encoding).toBe(f.dtype.startsWith("float") ? "float" : "pcm");
      expect(w.format.warnings).toEqual([]);
      for (let c = 0; c < f.channels; c++) {
        // What scipy stored, normalised as the decoder promises, rounded to float32 like its output.
        const expected = f.values[c].map((v: number) => Math.fround(DIVISOR[f.dtype](v)));
        expect(Array.from(w.channels[c])).toEqual(expected);
      }
    });
  }
});

describe("WAV files written by ffmpeg", () => {
  for (const f of manifest.ffmpegWav) {
    it(`${f.file}: ${f.encoding} ${f.bitsPerSample}-bit, ${f.channels} ch, equals ffmpeg's own decoding`, () => {
      const w = decodeWav(fixtureBytes("files", f.file));
      expect(w.sampleRate).toBe(f.sampleRate);
      expect(w.channels.length).toBe(f.channels);
      expect(w.format).toMatchObject({ encoding: f.encoding, bitsPerSample: f.bitsPerSample, warnings: [] });
      const interleaved = fixtureF32("files", f.expected);
      const frames = interleaved.length / f.channels;
      expect(w.channels[0].length).toBe(frames);
      for (let c = 0; c < f.channels; c++) {
        const expected = Array.from({ length: frames }, (_, i) => interleaved[i * f.channels + c]);
        expect(Array.from(w.channels[c])).toEqual(expected);
      }
    });
  }

  it("the 5.1 file is EXTENSIBLE with the 5.1 speaker mask", () => {
    expect(decodeWav(fixtureBytes("files", "ff_s16_51.wav")).format).toMatchObject({ formatTag: 0xfffe, channelMask: 0x3f });
  });

  it("the LIST-chunk file really has a LIST chunk before its data", () => {
    const text = new TextDecoder("latin1").decode(fixtureBytes("files", "ff_s16_list.wav").subarray(0, 100));
    expect(text.indexOf("LIST")).toBeGreaterThan(0);
    expect(text.indexOf("LIST")).toBeLessThan(text.indexOf("data"));
  });
});
