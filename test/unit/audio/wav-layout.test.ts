import { describe, expect, it } from "vitest";
import { AudioFormatError, decodeWav } from "../../../src/audio";

/** Hand-built RIFF files: chunk order, sizes and padding exactly as written here. */
const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
function u16(v: number) {
  return new Uint8Array([v & 0xff, v >> 8]);
}
function u32(v: number) {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, v, true);
  return b;
}
function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
/** A chunk with its declared size (default: the body's) and a pad byte after odd bodies (unless pad=false). */
function chunk(id: string, body: Uint8Array, opts: { size?: number; pad?: boolean } = {}): Uint8Array {
  const pad = body.length & 1 && opts.pad !== false ? new Uint8Array(1) : new Uint8Array(0);
  return concat(ascii(id), u32(opts.size ?? body.length), body, pad);
}
function fmt(tag: number, channels: number, rate: number, bits: number, extra?: Uint8Array): Uint8Array {
  const block = channels * Math.ceil(bits / 8);
  return chunk("fmt ", concat(u16(tag), u16(channels), u32(rate), u32(rate * block), u16(block), u16(bits), extra ?? new Uint8Array(0)));
}
function riff(...chunks: Uint8Array[]): Uint8Array {
  const body = concat(ascii("WAVE"), ...chunks);
  return concat(ascii("RIFF"), u32(body.length), body);
}
/** int16 little-endian samples. */
function s16(...values: number[]): Uint8Array {
  const b = new Uint8Array(values.length * 2);
  values.forEach((v, i) => new DataView(b.buffer).setInt16(2 * i, v, true));
  return b;
}
const pcmFmt = fmt(1, 1, 8000, 16);
const samples = (w: { channels: Float32Array[] }) => Array.from(w.channels[0]).map((v) => v * 32768);

describe("WAV chunk layouts", () => {
  it("reads LIST, fact and JUNK chunks before fmt, between fmt and data, and after data", () => {
    const list = chunk("LIST", concat(ascii("INFO"), chunk("INAM", ascii("odd\0"))));
    const bytes = riff(chunk("JUNK", new Uint8Array(28)), list, pcmFmt, chunk("fact", u32(3)), chunk("data", s16(1, -2, 3)), list);
    expect(samples(decodeWav(bytes))).toEqual([1, -2, 3]);
  });

  it("reads fmt after data", () => {
    expect(samples(decodeWav(riff(chunk("data", s16(5, 6)), pcmFmt)))).toEqual([5, 6]);
  });

  it("skips odd-sized chunks with their pad byte, and resyncs when a writer forgot the pad", () => {
    const odd = chunk("odd ", new Uint8Array([1, 2, 3]));
    expect(samples(decodeWav(riff(pcmFmt, odd, chunk("data", s16(7)))))).toEqual([7]);
    const unpadded = chunk("odd ", new Uint8Array([1, 2, 3]), { pad: false });
    expect(samples(decodeWav(riff(pcmFmt, unpadded, chunk("data", s16(8)))))).toEqual([8]);
  });

  it("ignores a wrong RIFF size", () => {
    const bytes = riff(pcmFmt, chunk("data", s16(1, 2)));
    for (const wrong of [0, 4, 0xffffffff, bytes.length * 3]) {
      new DataView(bytes.buffer).setUint32(4, wrong, true);
      expect(samples(decodeWav(bytes))).toEqual([1, 2]);
    }
  });

  it("uses what is there when the data size is unset (0xFFFFFFFF or 0) or larger than the file", () => {
    for (const size of [0xffffffff, 0, 1000]) {
      const w = decodeWav(riff(pcmFmt, chunk("data", s16(1, 2, 3), { size })));
      expect(samples(w)).toEqual([1, 2, 3]);
      expect(w.format.warnings.join()).toMatch(size === 1000 ? /declares 1000 bytes but only 6/ : /unset/);
    }
    // A partial last frame (file cut mid-sample) is dropped with a warning.
    const cut = decodeWav(concat(riff(pcmFmt, chunk("data", s16(1, 2), { size: 0xffffffff })), new Uint8Array([9])));
    expect(samples(cut)).toEqual([1, 2]);
    expect(cut.format.warnings.join()).toMatch(/incomplete frame/);
  });

  it("reads 20-bit samples in 24-bit slots and 12-bit in 16-bit slots by the container size", () => {
    const ext = concat(u16(22), u16(20), u32(4), u16(1), new Uint8Array([0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xaa, 0, 0x38, 0x9b, 0x71]));
    const fmt24 = chunk("fmt ", concat(u16(0xfffe), u16(1), u32(8000), u32(24000), u16(3), u16(24), ext));
    const w = decodeWav(riff(fmt24, chunk("data", new Uint8Array([0x00, 0x00, 0x40]))));
    expect(w.channels[0][0]).toBe(0.5);
    expect(w.format).toMatchObject({ bitsPerSample: 24, validBitsPerSample: 20, formatTag: 0xfffe, channelMask: 4 });
    const fmt12 = chunk("fmt ", concat(u16(1), u16(1), u32(8000), u32(16000), u16(2), u16(12)));
    const w12 = decodeWav(riff(fmt12, chunk("data", s16(-16384))));
    expect(w12.channels[0][0]).toBe(-0.5);
    expect(w12.format).toMatchObject({ bitsPerSample: 16, validBitsPerSample: 12 });
  });

  it("reads RF64 with the data size taken from ds64", () => {
    const ds64 = chunk("ds64", concat(u32(0), u32(0), u32(6), u32(0), u32(3), u32(0), u32(0)));
    const body = concat(ascii("WAVE"), ds64, pcmFmt, chunk("data", s16(4, 5, 6), { size: 0xffffffff }));
    const w = decodeWav(concat(ascii("RF64"), u32(0xffffffff), body));
    expect(samples(w)).toEqual([4, 5, 6]);
    expect(w.format.container).toBe("RF64");
    expect(w.format.warnings).toEqual([]);
  });
});

describe("WAV errors say what is wrong", () => {
  const cases: [string, Uint8Array, RegExp][] = [
    ["empty file", new Uint8Array(0), /the file is empty \(0 bytes\)/],
    ["MP3 with ID3 tag", ascii("ID3\x04\0\0\0\0\0\0"), /this is an MP3 file, not WAV/],
    ["bare MP3 frame", new Uint8Array([0xff, 0xfb, 0x90, 0x64, 0, 0]), /MP3 file, not WAV/],
    ["FLAC", ascii("fLaC\0\0\0\x22"), /this is a FLAC file, not WAV/],
    ["Ogg", ascii("OggS\0\x02"), /this is an Ogg \(Vorbis\/Opus\) file, not WAV/],
    ["M4A", concat(u32(0), ascii("ftypM4A ")), /MP4\/M4A file, not WAV/],
    ["HTML", ascii("<!DOCTYPE html><html>"), /not a RIFF\/WAVE file .*HTML page/],
    ["AVI", riff(chunk("avih", new Uint8Array(4))).map((b, i) => (i >= 8 && i < 12 ? "AVI ".charCodeAt(i - 8) : b)), /RIFF file of type "AVI "/],
    ["truncated header", ascii("RIFF\x10\0\0"), /truncated: 7 bytes is shorter than the 12-byte RIFF\/WAVE header/],
    ["header ends early", ascii("RIFF\x10\0\0\0WAVEfm"), /truncated.*before the fmt chunk/],
    ["truncated fmt", concat(ascii("RIFF\0\0\0\0WAVEfmt "), u32(16), new Uint8Array(6)), /fmt chunk is truncated \(6 bytes, need at least 16\)/],
    ["no fmt", riff(chunk("data", s16(1))), /no fmt chunk/],
    ["no data", riff(pcmFmt, chunk("LIST", ascii("INFO"))), /no data chunk/],
    ["ADPCM", riff(fmt(2, 1, 8000, 4), chunk("data", s16(1))), /unsupported encoding Microsoft ADPCM \(format code 0x0002\)/],
    ["µ-law", riff(fmt(7, 1, 8000, 8), chunk("data", s16(1))), /unsupported encoding µ-law \(format code 0x0007\)/],
    ["unknown code", riff(fmt(0x1234, 1, 8000, 8), chunk("data", s16(1))), /format code 0x1234/],
    ["zero channels", riff(fmt(1, 0, 8000, 16), chunk("data", s16(1))), /0 channels/],
    ["zero sample rate", riff(fmt(1, 1, 0, 16), chunk("data", s16(1))), /sample rate is 0 Hz/],
    ["float16", riff(fmt(3, 1, 8000, 16), chunk("data", s16(1))), /IEEE float with 16 bits per sample is not supported/],
    ["short extensible", riff(fmt(0xfffe, 1, 8000, 16), chunk("data", s16(1))), /EXTENSIBLE fmt chunk is 16 bytes; it needs 40/],
    ["RIFX", ascii("RIFX\0\0\0\0WAVE"), /big-endian RIFX/],
  ];
  for (const [what, bytes, message] of cases) {
    it(what, () => {
      let error: unknown;
      try {
        decodeWav(bytes);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AudioFormatError);
      expect((error as Error).message).toMatch(/^Cannot decode WAV: /);
      expect((error as Error).message).toMatch(message);
    });
  }
});
