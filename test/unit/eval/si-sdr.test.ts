import { afterAll, describe, expect, it } from "vitest";
import { siSdr } from "../../../src/eval";
import { expectClose, loadCase, loadCases, reportWorst } from "./fixtures";

describe("SI-SDR family against numpy", () => {
  for (const c of loadCases()) {
    const { refs, ests } = loadCase(c);
    for (const [key, zeroMean] of [["siSdr", false], ["siSdrZeroMean", true]] as const) {
      it(`${c.name}: ${zeroMean ? "zero-mean" : "plain"}`, () => {
        const r = siSdr(refs, ests, { zeroMean });
        const want = c.expected[key] as Record<string, never>;
        for (const m of ["siSdr", "siSir", "siSar", "sdSdr"] as const) expectClose(r[m], want[m], 1e-6, `${key} ${m}`);
      });
    }
  }
  afterAll(() => reportWorst("SI-SDR vs numpy"));
});

describe("SI-SDR properties", () => {
  const n = 4000;
  const s = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 0.05) + 0.3 * Math.sin(i * 0.31));
  const o = Float64Array.from({ length: n }, (_, i) => Math.cos(i * 0.013) * Math.sin(i * 0.7));

  it("ignores the estimate's gain but SD-SDR does not", () => {
    const noisy = s.map((v, i) => v + 0.1 * Math.sin(i * 1.7));
    const a = siSdr([s, o], [noisy, o]);
    const b = siSdr([s, o], [noisy.map((v) => 3 * v), o]);
    expect(b.siSdr[0]).toBeCloseTo(a.siSdr[0], 10);
    expect(b.sdSdr[0]).toBeLessThan(a.sdSdr[0] - 5);
  });

  it("splits the error into interference and artifacts: 10^(−SDR/10) = 10^(−SIR/10) + 10^(−SAR/10)", () => {
    const y = s.map((v, i) => v + 0.2 * o[i] + 0.05 * Math.sin(i * 2.1));
    const r = siSdr([s, o], [y, o]);
    const inv = (db: number) => 10 ** (-db / 10);
    expect(inv(r.siSdr[0])).toBeCloseTo(inv(r.siSir[0]) + inv(r.siSar[0]), 12);
  });

  it("is +Infinity for a scaled copy, −Infinity for a silent estimate, and rejects a silent reference", () => {
    const r = siSdr([s], [s.map((v) => 0.5 * v)]);
    expect(r.siSdr[0]).toBe(Infinity);
    const silent = siSdr([s], [new Float64Array(n)]);
    expect(silent.siSdr[0]).toBe(-Infinity);
    expect(silent.sdSdr[0]).toBe(-Infinity);
    expect(silent.siSir[0]).toBeNaN();
    expect(() => siSdr([new Float64Array(n)], [s])).toThrow(/reference source 0 is silent/);
  });
});
