import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { createUNet, formatSummary, groupThousands, summarizeModel, UNET_TINY, type ModelSummary } from "../../../src/model";
import { demix } from "../cli/run-cli";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("model summary", () => {
  it("lists each layer with its type, shape, parameters and inputs", () => {
    const summary = summarizeModel(createUNet(UNET_TINY));
    const byName = new Map(summary.layers.map((l) => [l.name, l]));
    // 5×5×1×4 weights + 4 biases
    expect(byName.get("enc1_conv")).toEqual({
      name: "enc1_conv", type: "Conv2D", outputShape: [null, 32, 16, 4], params: 104, trainableParams: 104, trainable: true, inputs: ["mixture"],
    });
    // γ, β trainable; moving mean and variance not
    expect(byName.get("enc1_bn")).toMatchObject({ type: "BatchNormalization", params: 16, trainableParams: 8 });
    expect(byName.get("dec1_concat")).toMatchObject({ outputShape: [null, 16, 8, 16], inputs: ["dec1_act", "enc2_act"] });
    const layerTotal = summary.layers.reduce((n, l) => n + l.params, 0);
    expect(summary.totalParams).toBe(layerTotal);
    expect(summary.trainableParams + summary.nonTrainableParams).toBe(summary.totalParams);
  });

  it("formats a table with the totals", () => {
    const text = formatSummary(summarizeModel(createUNet(UNET_TINY)));
    expect(text).toMatch(/^enc1_conv\s+Conv2D\s+\[batch, 32, 16, 4\]\s+104\s+mixture$/m);
    expect(text).toMatch(/^Trainable params:\s+9,221$/m);
    expect(text).toMatch(/^Total params:\s+9,301$/m);
    expect(groupThousands(9823313)).toBe("9,823,313");
    expect(groupThousands(999)).toBe("999");
  });
});

describe("demix model", () => {
  it("prints the paper model's summary as JSON", () => {
    const r = demix("model", "--preset", "paper", "--json");
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as ModelSummary;
    expect([summary.trainableParams, summary.nonTrainableParams, summary.totalParams]).toEqual([9_823_313, 3_008, 9_826_321]);
    expect(summary.layers.at(-1)).toMatchObject({ name: "mask", outputShape: [null, 512, 128, 1] });
  });

  it("prints a table for the tiny preset and refuses unknown presets", () => {
    const r = demix("model", "--preset", "tiny", "--outputs", "2");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^mask\s+Conv2DTranspose\s+\[batch, 64, 32, 2\]/m);
    const bad = demix("model", "--preset", "huge");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--preset must be one of paper, tiny/);
  });
});
