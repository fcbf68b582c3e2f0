import { describe, expect, it } from "vitest";
import { addSignals, mix, scale, toChannelCount, toMono, trimOrPad, type AudioSignal } from "../../../src/audio";

const sig = (...channels: number[][]): AudioSignal => ({ sampleRate: 8000, channels: channels.map((c) => Float32Array.from(c)) });
const values = (s: AudioSignal) => s.channels.map((c) => Array.from(c));

describe("channel operations", () => {
  it("toMono is the mean of the channels and copies a mono input", () => {
    expect(values(toMono(sig([1, 0.5], [0, -0.5], [0.5, 0.5])))).toEqual([[0.5, 0.1666666716337204]]);
    const mono = sig([1, 2]);
    const out = toMono(mono);
    expect(values(out)).toEqual([[1, 2]]);
    expect(out.channels[0]).not.toBe(mono.channels[0]);
  });

  it("toChannelCount: mono → n duplicates, n → 1 mean, others keep the leading channels", () => {
    expect(values(toChannelCount(sig([1, 2]), 3))).toEqual([[1, 2], [1, 2], [1, 2]]);
    expect(values(toChannelCount(sig([1, 3], [3, 5]), 1))).toEqual([[2, 4]]);
    expect(values(toChannelCount(sig([1], [2]), 4))).toEqual([[1], [2], [0], [0]]);
    expect(values(toChannelCount(sig([1], [2], [3], [4], [5], [6]), 2))).toEqual([[1], [2]]);
    const s = sig([1], [2]);
    const same = toChannelCount(s, 2);
    expect(values(same)).toEqual([[1], [2]]);
    expect(same.channels[0]).not.toBe(s.channels[0]);
    expect(() => toChannelCount(s, 0)).toThrow(/≥ 1, got 0/);
  });

  it("addSignals sums sample-wise, pads shorter inputs, and refuses mismatched rates or channel counts", () => {
    expect(values(addSignals([sig([1, 2, 3]), sig([0.5])]))).toEqual([[1.5, 2, 3]]);
    expect(() => addSignals([])).toThrow(/at least one/);
    expect(() => addSignals([sig([1]), { sampleRate: 44100, channels: [new Float32Array(1)] }])).toThrow(/44100 Hz.*resample first/);
    expect(() => addSignals([sig([1]), sig([1], [1])])).toThrow(/2 channels.*toChannelCount/);
  });

  it("mix applies gains; scale multiplies; neither touches its input", () => {
    const a = sig([1, 1]);
    expect(values(mix([a, sig([2, 4])], [0.5, 0.25]))).toEqual([[1, 1.5]]);
    expect(values(mix([a, a]))).toEqual([[2, 2]]);
    expect(() => mix([a], [1, 2])).toThrow(/1 signals but 2 gains/);
    expect(values(scale(a, -2))).toEqual([[-2, -2]]);
    expect(values(a)).toEqual([[1, 1]]);
    expect(() => scale(a, NaN)).toThrow(/finite/);
  });

  it("trimOrPad cuts or zero-pads at the end", () => {
    expect(values(trimOrPad(sig([1, 2, 3], [4, 5, 6]), 2))).toEqual([[1, 2], [4, 5]]);
    expect(values(trimOrPad(sig([1]), 3))).toEqual([[1, 0, 0]]);
    expect(values(trimOrPad(sig([1]), 0))).toEqual([[]]);
    expect(() => trimOrPad(sig([1]), -1)).toThrow(/≥ 0/);
  });
});
