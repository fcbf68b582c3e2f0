import { describe, expect, it } from "vitest";
import { decodeWav, encodeWav, WAV_SAMPLE_FORMATS, type AudioSignal, type WavSampleFormat } from "../../../src/audio";
import { noise } from "./helpers";

const BITS: Record<WavSampleFormat, number> = { pcm8: 8, pcm16: 16, pcm24: 24, pcm32: 32, float32: 32, float64: 64 };

/** Values exactly representable in `format`: k / 2^(bits-1) for integers in range. */
function representable(format: WavSampleFormat, n: number, seed: number): Float32Array {
  const x = noise(n, seed);
  if (format.startsWith("float")) return x;
  // float32 holds 24 significant bits, so 32-bit integers are exact only when their low bits are 0.
  const bits = Math.min(BITS[format], 24);
  const scale = 2 ** (bits - 1);
  const out = x.map((v) => Math.min(Math.round(v * scale), scale - 1) / scale + 0); // + 0 turns -0 into 0, as integers have no -0
  out[0] = -1;
  out[1] = (scale - 1) / scale;
  return out;
}

function signal(channels: number, frames: number, format: WavSampleFormat, rate = 44100): AudioSignal {
  return { sampleRate: rate, channels: Array.from({ length: channels }, (_, c) => representable(format, frames, c + 1)) };
}

describe("WAV round trip", () => {
  for (const format of WAV_SAMPLE_FORMATS) {
    it(`${format}: representable values come back bit-exactly, mono to 6 channels`, () => {
      for (const nch of [1, 2, 3, 6]) {
        const s = signal(nch, 257, format, 22050);
        const back = decodeWav(encodeWav(s, format));
        expect(back.sampleRate).toBe(22050);
        expect(back.channels.length).toBe(nch);
        expect(back.format.encoding).toBe(format.startsWith("float") ? "float" : "pcm");
        expect(back.format.bitsPerSample).toBe(BITS[format]);
        expect(back.format.warnings).toEqual([]);
        for (let c = 0; c < nch; c++) expect(Array.from(back.channels[c])).toEqual(Array.from(s.channels[c]));
      }
    });
  }

  it("reads data at any byte alignment (a view at an odd offset, a Node Buffer from the shared pool)", () => {
    for (const format of WAV_SAMPLE_FORMATS) {
      const s = signal(2, 33, format);
      const bytes = encodeWav(s, format);
      const host = new Uint8Array(bytes.length + 3);
      host.set(bytes, 3);
      const pooled = Buffer.concat([Buffer.from([1]), Buffer.from(bytes)]).subarray(1);
      for (const view of [host.subarray(3), pooled]) {
        const back = decodeWav(view);
        expect(back.channels.map((c) => Array.from(c))).toEqual(s.channels.map((c) => Array.from(c)));
      }
    }
  });

  it("float formats keep values beyond ±1 and tiny values unchanged", () => {
    const x = new Float32Array([1.5, -3.25, 1e-30, -0, 0.1]);
    for (const format of ["float32", "float64"] as const) {
      expect(Array.from(decodeWav(encodeWav({ sampleRate: 8000, channels: [x] }, format)).channels[0])).toEqual(Array.from(x));
    }
  });

  it("integer formats round to nearest and clip to range (no dither)", () => {
    const x = new Float32Array([1.0, 2.0, -1.0, -2.0, 0.4 / 32768, 0.6 / 32768, -0.6 / 32768, NaN]);
    const back = decodeWav(encodeWav({ sampleRate: 8000, channels: [x] }, "pcm16")).channels[0];
    expect(Array.from(back).map((v) => v * 32768)).toEqual([32767, 32767, -32768, -32768, 0, 1, -1, 0]);
    const u8 = encodeWav({ sampleRate: 8000, channels: [new Float32Array([-1, 0, 1, 0.5])] }, "pcm8");
    expect(Array.from(u8.subarray(44))).toEqual([0, 128, 255, 192]);
    // Encoding the same signal twice gives the same bytes: nothing random is added.
    const y = noise(1000, 9);
    expect(encodeWav({ sampleRate: 8000, channels: [y] }, "pcm24")).toEqual(encodeWav({ sampleRate: 8000, channels: [y] }, "pcm24"));
  });

  it("writes a 44-byte canonical header for 16-bit stereo PCM", () => {
    const bytes = encodeWav(signal(2, 10, "pcm16"), "pcm16");
    const view = new DataView(bytes.buffer);
    expect(bytes.length).toBe(44 + 40);
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe("RIFF");
    expect(view.getUint32(4, true)).toBe(bytes.length - 8);
    expect(view.getUint16(20, true)).toBe(1);
    expect(view.getUint32(28, true)).toBe(44100 * 4);
    expect(view.getUint16(32, true)).toBe(4);
  });

  it("uses WAVE_FORMAT_EXTENSIBLE for more than 2 channels or more than 16 bits, with a speaker mask", () => {
    const cases: [number, WavSampleFormat, number, number, number][] = [
      // channels, format, expected tag, sub-format, mask
      [1, "pcm16", 1, 1, 0],
      [2, "float32", 0xfffe, 3, 3],
      [2, "pcm24", 0xfffe, 1, 3],
      [6, "pcm16", 0xfffe, 1, 0x3f],
      [1, "float64", 0xfffe, 3, 4],
    ];
    for (const [nch, format, tag, sub, mask] of cases) {
      const decoded = decodeWav(encodeWav(signal(nch, 4, format), format));
      expect(decoded.format.formatTag).toBe(tag);
      if (tag === 0xfffe) {
        expect(decoded.format.channelMask).toBe(mask);
        const bytes = encodeWav(signal(nch, 4, format), format);
        expect(new DataView(bytes.buffer).getUint16(44, true)).toBe(sub);
      }
    }
  });

  it("float files carry a fact chunk with the frame count", () => {
    const bytes = encodeWav(signal(2, 123, "float32"), "float32");
    const text = new TextDecoder("latin1").decode(bytes.subarray(0, 100));
    const at = text.indexOf("fact");
    expect(at).toBeGreaterThan(0);
    expect(new DataView(bytes.buffer).getUint32(at + 8, true)).toBe(123);
  });

  it("pads an odd-sized data chunk and still reads it back", () => {
    const s = signal(1, 3, "pcm8");
    const bytes = encodeWav(s, "pcm8");
    expect(bytes.length).toBe(44 + 3 + 1);
    expect(Array.from(decodeWav(bytes).channels[0])).toEqual(Array.from(s.channels[0]));
  });

  it("encodes zero-length signals and rejects bad input with clear errors", () => {
    const empty = decodeWav(encodeWav({ sampleRate: 8000, channels: [new Float32Array(0)] }));
    expect(empty.channels[0].length).toBe(0);
    expect(() => encodeWav({ sampleRate: 8000, channels: [] })).toThrow(/no channels/);
    expect(() => encodeWav({ sampleRate: 44100.5, channels: [new Float32Array(1)] })).toThrow(/whole-number sample rate/);
    expect(() => encodeWav({ sampleRate: 8000, channels: [new Float32Array(1)] }, "pcm12" as WavSampleFormat)).toThrow(/unknown sample format "pcm12"/);
  });
});
