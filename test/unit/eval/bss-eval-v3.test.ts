import { afterAll, describe, expect, it } from "vitest";
import { bssEval, bssEvalImages, bssEvalSources } from "../../../src/eval";
import { expectClose, loadCase, loadCases, reportWorst } from "./fixtures";

/** Target of the port: 0.01 dB from mir_eval on every metric, source and fixture. */
const TOL = 0.01;

describe("BSS Eval v3 against mir_eval 0.7", () => {
  for (const c of loadCases()) {
    const { refs, ests } = loadCase(c);
    const images = c.expected.v3Images as Record<string, never>;
    const sources = c.expected.v3Sources as Record<string, never> | undefined;

    it(`${c.name}: bss_eval_images`, () => {
      const r = bssEvalImages(refs, ests);
      expect(r.permutation).toEqual(images.permutation);
      for (const m of ["sdr", "isr", "sir", "sar"] as const) expectClose(r[m], images[m], TOL, `v3 images ${m}`);
    });

    if (sources) {
      it(`${c.name}: bss_eval_sources`, () => {
        const r = bssEvalSources(refs, ests);
        expect(r.permutation).toEqual(sources.permutation);
        for (const m of ["sdr", "sir", "sar"] as const) expectClose(r[m], sources[m], TOL, `v3 sources ${m}`);
      });
    }

    const framewise = c.expected.v3Framewise as Record<string, never> | undefined;
    if (framewise) {
      it(`${c.name}: framewise v3 images (museval bss_eval_images_framewise, overlapping frames)`, () => {
        const r = bssEval(refs, ests, { window: framewise.window, hop: framewise.hop, framewiseFilters: true });
        for (const m of ["sdr", "isr", "sir", "sar"] as const) {
          (framewise[m] as never[][]).forEach((row, j) => expectClose(r[m][j], row, TOL, `v3 framewise ${m}`));
        }
      });
    }
  }

  it("without the permutation search, swapped estimates score against the wrong references", () => {
    const c = loadCases().find((x) => x.name === "mono2Swapped")!;
    const { refs, ests } = loadCase(c);
    const searched = bssEvalImages(refs, ests);
    const fixed = bssEvalImages(refs, ests, { computePermutation: false });
    expect(fixed.permutation).toEqual([0, 1]);
    expect(searched.permutation).toEqual([1, 0]);
    expect(Math.max(...fixed.sir)).toBeLessThan(Math.min(...searched.sir));
  });

  afterAll(() => reportWorst("v3 vs mir_eval"));
});
