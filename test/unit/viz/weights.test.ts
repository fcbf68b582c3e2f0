import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { createUNet, UNET_TINY } from "../../../src/model";
import { histogram } from "../../../src/viz/histogram";
import { weightHistograms } from "../../../src/viz/weights";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

// Expected counts are numpy 1.24's, from /usr/bin/python3:
//   i = np.arange(200); x = np.sin(i * 0.7) * 0.3 + ((i * 37) % 11 - 5) * 0.01
//   np.histogram(x, bins=12); np.histogram(x, bins=7, range=(-0.2, 0.2)); x.mean(); x.std()
const wave = Array.from({ length: 200 }, (_, i) => Math.sin(i * 0.7) * 0.3 + (((i * 37) % 11) - 5) * 0.01);

describe("histogram (numpy.histogram's bins)", () => {
  it("matches numpy on a smooth signal, with its mean and population std", () => {
    const h = histogram(wave, 12);
    expect(h.counts).toEqual([22, 22, 15, 20, 9, 8, 19, 15, 6, 22, 28, 14]);
    expect(h.edges).toHaveLength(13);
    expect(h.edges[0]).toBeCloseTo(-0.3385654253976665, 15);
    expect(h.edges[5]).toBeCloseTo(-0.05174541518014164, 15);
    expect(h.edges[12]).toBe(h.max);
    expect(h.count).toBe(200);
    expect(h.mean).toBeCloseTo(0.001425888893144987, 12);
    expect(h.std).toBeCloseTo(0.21387792020722113, 12);
  });

  it("puts values lying on (rounded) edges where numpy does, and the maximum in the last bin", () => {
    // linspace(0, 1, 11) has 0.30000000000000004 where 3 / 10 is 0.3: numpy puts 0.3 in bin 2.
    expect(histogram(Array.from({ length: 11 }, (_, i) => i / 10), 10).counts).toEqual([1, 1, 2, 0, 1, 2, 1, 0, 1, 2]);
    expect(histogram(Array.from({ length: 11 }, (_, i) => i), 5).counts).toEqual([2, 2, 2, 2, 3]);
  });

  it("widens a constant sample by ±0.5 and honours a given range", () => {
    const flat = histogram([2, 2, 2], 4);
    expect(flat.edges).toEqual([1.5, 1.75, 2, 2.25, 2.5]);
    expect(flat.counts).toEqual([0, 0, 3, 0]);
    const ranged = histogram(wave, 7, [-0.2, 0.2]);
    expect(ranged.counts).toEqual([19, 16, 6, 12, 21, 10, 10]);
    expect(ranged.count).toBe(200); // the moments still cover every value
  });

  it("leaves NaN and infinities out and says how many", () => {
    const h = histogram([0, 1, NaN, Infinity, -Infinity, 0.5], 2);
    expect(h.counts).toEqual([1, 2]);
    expect(h.nonFinite).toBe(3);
    expect(h.count).toBe(3);
    expect(() => histogram([1], 0)).toThrow(/bins must be a whole number/);
  });
});

describe("weightHistograms", () => {
  it("has one histogram per kernel, in layer order, over every kernel value", () => {
    const model = createUNet({ ...UNET_TINY, seed: 3 });
    const before = tf.memory().numTensors;
    const view = weightHistograms(model, { bins: 20 });
    expect(tf.memory().numTensors).toBe(before);
    expect(view.kind).toBe("view");
    expect(view.view).toBe("weights");
    expect(view.layers.map((l) => l.layer)).toEqual(["enc1_conv", "enc2_conv", "enc3_conv", "dec1_deconv", "dec2_deconv", "mask"]);
    for (const l of view.layers) {
      const kernel = model.getLayer(l.layer).getWeights()[0];
      const values = kernel.dataSync();
      expect(l.shape).toEqual(kernel.shape);
      expect(l.counts.reduce((a, b) => a + b, 0)).toBe(values.length);
      expect(l.count).toBe(values.length);
      expect(l.counts).toEqual(histogram(values, 20).counts);
      // Glorot uniform: limit sqrt(6 / (fanIn + fanOut)), so every value lies inside it.
      const [kh, kw, a, b] = kernel.shape;
      const limit = Math.sqrt(6 / (kh * kw * (a + b)));
      expect(l.min).toBeGreaterThanOrEqual(-limit);
      expect(l.max).toBeLessThanOrEqual(limit);
      expect(Math.abs(l.std / (limit / Math.sqrt(3)) - 1)).toBeLessThan(0.2); // a uniform's std, within sampling error
    }
    expect(view.caption).toMatch(/6 layers/);
    model.dispose();
  });
});
