import { afterAll, describe, expect, it } from "vitest";
import { bssEvalV4 } from "../../../src/eval";
import { expectClose, loadCase, loadCases, reportWorst } from "./fixtures";

const TOL = 0.01;

describe("BSS Eval v4 against the museval 0.4 port", () => {
  for (const c of loadCases()) {
    const { refs, ests } = loadCase(c);
    const v4 = c.expected.v4 as Record<string, never>;

    it(`${c.name}: every frame and the track medians`, () => {
      const r = bssEvalV4(refs, ests, { sampleRate: c.sampleRate, window: v4.window, hop: v4.hop });
      expect(r.frames.length).toBe((v4.sdr as never[][])[0].length);
      for (const m of ["sdr", "isr", "sir", "sar"] as const) {
        (v4[m] as never[][]).forEach((row, j) => expectClose(r[m][j], row, TOL, `v4 ${m}`));
        expectClose(r.median[m], (v4.median as Record<string, never>)[m], TOL, `v4 median ${m}`);
      }
    });
  }

  it("silent frames are NaN and left out of the median; the partial last frame is dropped", () => {
    const c = loadCases().find((x) => x.name === "silent")!;
    const { refs, ests } = loadCase(c);
    const r = bssEvalV4(refs, ests, { sampleRate: c.sampleRate, window: 4000, hop: 4000 });
    expect(r.frames).toEqual([0, 1, 2, 3].map((t) => ({ start: t * 4000, end: t * 4000 + 4000 })));
    for (const j of [0, 1]) {
      expect(Number.isNaN(r.sdr[j][1])).toBe(true); // reference 1 silent
      expect(Number.isNaN(r.sdr[j][3])).toBe(true); // estimate 0 silent
      const kept = [r.sdr[j][0], r.sdr[j][2]];
      expect(r.median.sdr[j]).toBeCloseTo((kept[0] + kept[1]) / 2, 12);
    }
  });

  it("defaults to one-second frames and pads or trims estimates to the references' length", () => {
    const c = loadCases().find((x) => x.name === "mono2")!;
    const { refs, ests } = loadCase(c);
    const exact = bssEvalV4(refs, ests, { sampleRate: 4000 });
    expect(exact.frames.length).toBe(4);
    const longer = ests.map((s) => s.map((ch) => Float32Array.from([...ch, 0.5, 0.5, 0.5])));
    const trimmed = bssEvalV4(refs, longer, { sampleRate: 4000 });
    expect(Array.from(trimmed.sdr[0])).toEqual(Array.from(exact.sdr[0]));
    const shorter = ests.map((s) => s.map((ch) => ch.slice(0, ch.length - 4000)));
    const padded = bssEvalV4(refs, shorter, { sampleRate: 4000 });
    expect(Number.isNaN(padded.sdr[0][3])).toBe(true);
    expect(() => bssEvalV4(refs, shorter, { sampleRate: 4000, padding: false })).toThrow(/same shape/);
  });

  afterAll(() => reportWorst("v4 vs museval port"));
});
