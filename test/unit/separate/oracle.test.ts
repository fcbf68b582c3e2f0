import { describe, expect, it } from "vitest";
import { stft } from "../../../src/dsp";
import { oracleMasks, oracleSeparate, type OracleMaskKind } from "../../../src/separate";
import { maxAbs, maxAbsDiff, noise, readF32, readJson } from "../fixtures";

const meta = readJson<{ sample_rate: number; length: number; files: Record<string, string> }>("separate", "oracle.json");
const load = (name: string) => readF32("separate", name);
const mono = (x: Float32Array) => ({ sampleRate: meta.sample_rate, channels: [x] });

describe("oracle masks", () => {
  const a = stft(noise(8192, 1));
  const b = stft(noise(8192, 2, 0.1));
  for (const kind of ["ibm", "irm", "irm-power"] as OracleMaskKind[]) {
    it(`${kind} masks lie in [0, 1] and sum to 1 in every bin`, () => {
      const [ma, mb] = oracleMasks([a, b], kind);
      for (let i = 0; i < ma.length; i++) {
        expect(ma[i]).toBeGreaterThanOrEqual(0);
        expect(ma[i]).toBeLessThanOrEqual(1);
        expect(ma[i] + mb[i]).toBeCloseTo(1, 6);
        if (kind === "ibm") expect(ma[i] === 0 || ma[i] === 1).toBe(true);
      }
    });
  }

  it("irm-power is the square-law version of irm", () => {
    const [irm] = oracleMasks([a, b], "irm");
    const [pow] = oracleMasks([a, b], "irm-power");
    const i = 1234;
    const r = irm[i] / (1 - irm[i]); // |A|/|B|
    expect(pow[i]).toBeCloseTo((r * r) / (1 + r * r), 5);
  });
});

describe("oracle separation against the same masks done with scipy", () => {
  const mixture = mono(load("mixture.f32"));
  const stems = { vocals: mono(load("vocals.f32")), accompaniment: mono(load("accompaniment.f32")) };
  for (const kind of ["ibm", "irm", "irm-power"] as OracleMaskKind[]) {
    it(kind, () => {
      const out = oracleSeparate(mixture, stems, { mask: kind, sampleRate: meta.sample_rate });
      for (const stem of ["vocals", "accompaniment"] as const) {
        const ref = load(meta.files[`${kind}/${stem}`]);
        const ours = out[stem].channels[0];
        expect(ours.length).toBe(meta.length);
        expect(maxAbsDiff(ours, ref) / maxAbs(ref)).toBeLessThan(1e-5);
      }
    });
  }
});
