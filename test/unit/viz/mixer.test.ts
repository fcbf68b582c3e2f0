import { describe, expect, it } from "vitest";
import { formatClock, mixer, stemGains } from "../../../src/viz/mixer";

const names = ["vocals", "drums", "bass"];

describe("stemGains", () => {
  it("plays every stem at gain 1 with nothing pressed", () => {
    expect(stemGains(names, [], [])).toEqual({ vocals: 1, drums: 1, bass: 1 });
  });

  it("silences muted stems", () => {
    expect(stemGains(names, ["drums"], [])).toEqual({ vocals: 1, drums: 0, bass: 1 });
  });

  it("plays only the soloed stems while any is soloed", () => {
    expect(stemGains(names, [], ["bass"])).toEqual({ vocals: 0, drums: 0, bass: 1 });
    expect(stemGains(names, [], ["bass", "vocals"])).toEqual({ vocals: 1, drums: 0, bass: 1 });
  });

  it("lets solo win over mute, on the same stem and on others", () => {
    expect(stemGains(names, ["vocals"], ["vocals"])).toEqual({ vocals: 1, drums: 0, bass: 0 });
    expect(stemGains(names, ["drums", "bass"], ["drums"])).toEqual({ vocals: 0, drums: 1, bass: 0 });
  });

  it("ignores a solo on a name that is not a stem", () => {
    expect(stemGains(names, ["bass"], ["piano"])).toEqual({ vocals: 1, drums: 1, bass: 0 });
  });
});

describe("mixer", () => {
  const a = { sampleRate: 8192, channels: [Float32Array.from({ length: 8192 }, (_, i) => 0.5 * Math.sin(i / 10))] };
  const b = { sampleRate: 8192, channels: [Float32Array.from({ length: 4096 }, () => 0.05)] };

  it("copies the stems at their true levels and reports each peak in dBFS", () => {
    const m = mixer({ a, b }, { spectrograms: false, waveforms: false });
    expect(m.stems.map((s) => s.name)).toEqual(["a", "b"]);
    expect(m.stems[0].channels[0]).not.toBe(a.channels[0]);
    expect(m.stems[0].channels[0][100]).toBe(a.channels[0][100]);
    expect(m.stems[1].peakDb).toBeCloseTo(20 * Math.log10(0.05), 6);
    expect(m.duration).toBe(1); // the longest stem
    expect(m.caption).toMatch(/2 stems in sync, 1\.00 s, true levels · a −6\.0 dBFS, b −26\.0 dBFS/);
    expect(m.stems[0].spectrogram).toBeUndefined();
  });

  it("adds a spectrogram and a waveform per stem by default, the waveform sharing the copied samples", () => {
    const m = mixer({ a, b });
    expect(m.stems[0].spectrogram?.view).toBe("spectrogram");
    expect(m.stems[0].waveform?.channels[0]).toBe(m.stems[0].channels[0]);
  });

  it("rejects an empty set and a stem that is not audio", () => {
    expect(() => mixer({})).toThrow(/at least one stem/);
    expect(() => mixer({ x: { sampleRate: 8192, channels: [] } })).toThrow(/stem "x" is not an AudioSignal/);
  });
});

describe("formatClock", () => {
  it("reads minutes, seconds and tenths, rounding up across a minute", () => {
    expect(formatClock(0)).toBe("0:00.0");
    expect(formatClock(62.34)).toBe("1:02.3");
    expect(formatClock(59.96)).toBe("1:00.0");
    expect(formatClock(185)).toBe("3:05.0");
  });
});
