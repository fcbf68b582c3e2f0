import { describe, expect, it } from "vitest";
import { configProblems, paperDropout, resolveConfig, UNET_PAPER, UNET_TINY, validateConfig, type UNetConfig } from "../../../src/model";

describe("U-Net config", () => {
  it("the presets are valid and the paper preset is the paper's", () => {
    expect(configProblems(UNET_PAPER)).toEqual([]);
    expect(configProblems(UNET_TINY)).toEqual([]);
    expect(UNET_PAPER.encoderFilters).toEqual([16, 32, 64, 128, 256, 512]);
    expect(UNET_PAPER.decoderDropout).toEqual([0.5, 0.5, 0.5, 0, 0]);
    expect(UNET_PAPER.encoderActivation).toEqual({ kind: "leakyRelu", alpha: 0.2 });
    expect([UNET_PAPER.inputBins, UNET_PAPER.inputFrames, UNET_PAPER.maskActivation]).toEqual([512, 128, "sigmoid"]);
  });

  it("fills a partial config from the paper, following the paper's dropout rule for a new depth", () => {
    expect(resolveConfig()).toEqual(UNET_PAPER);
    expect(resolveConfig({ encoderFilters: [8, 16, 32] }).decoderDropout).toEqual([0.5, 0.5]);
    expect(resolveConfig({ encoderFilters: [8, 16, 32], decoderDropout: [0.1, 0] }).decoderDropout).toEqual([0.1, 0]);
    expect(paperDropout(1)).toEqual([]);
  });

  it("never aliases a preset's arrays", () => {
    const config = resolveConfig(UNET_TINY);
    config.encoderFilters.push(32);
    config.kernel[0] = 3;
    expect(UNET_TINY.encoderFilters).toEqual([4, 8, 16]);
    expect(UNET_TINY.kernel).toEqual([5, 5]);
  });

  it("says what is wrong, all at once", () => {
    const bad = (patch: Partial<UNetConfig>) => configProblems({ ...UNET_PAPER, ...patch }).join("\n");
    expect(bad({ inputBins: 500 })).toMatch("inputBins (500) must be divisible by stride[0]^depth = 2^6 = 64");
    expect(bad({ inputFrames: 100 })).toMatch("inputFrames (100) must be divisible by stride[1]^depth = 2^6 = 64");
    expect(bad({ decoderDropout: [0.5] })).toMatch("decoderDropout must have depth − 1 = 5 entries");
    expect(bad({ decoderDropout: [1, 0, 0, 0, 0] })).toMatch("rates must be in [0, 1)");
    expect(bad({ encoderFilters: [] })).toMatch("encoderFilters must list at least one level");
    expect(bad({ encoderFilters: [16, 0.5, 64, 128, 256, 512] })).toMatch("whole numbers ≥ 1");
    expect(bad({ kernel: [5, 0] })).toMatch("kernel must be [height, width]");
    expect(bad({ maskActivation: "tanh" as never })).toMatch('maskActivation must be one of sigmoid, relu, linear, got "tanh"');
    expect(bad({ outputs: 3 as never })).toMatch("outputs must be 1");
    expect(bad({ encoderActivation: { kind: "leakyRelu", alpha: -1 } })).toMatch("encoderActivation.alpha");
    expect(bad({ batchNormMomentum: 1 })).toMatch("batchNormMomentum");
    expect(bad({ seed: 1.5 })).toMatch("seed must be a whole number");
    expect(() => validateConfig({ ...UNET_PAPER, inputBins: 500, seed: NaN })).toThrow(/invalid U-Net config:\n {2}- inputBins[^]*\n {2}- seed/);
  });
});
