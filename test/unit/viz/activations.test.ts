import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { generateSong } from "../../../src/data";
import { magnitude, stft, STFT_PAPER } from "../../../src/dsp";
import { createUNet, probeActivations, UNET_TINY } from "../../../src/model";
import { activations, cutPatch } from "../../../src/viz/activations";
import { poolMap } from "../../../src/viz/feature-maps";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const song = generateSong({ seed: 4, seconds: 6, sampleRate: 8192 });
const spectrogram = stft(song.mixture.channels[0], STFT_PAPER);

/** A [1, 64, 32, 1] patch cut by hand: magnitude over the whole spectrogram's peak, bin-major. */
function handPatch(start: number): tf.Tensor4D {
  const mag = magnitude(spectrogram);
  const peak = Math.max(...mag);
  const out = new Float32Array(64 * 32);
  for (let f = 0; f < 32; f++) for (let b = 0; b < 64; b++) out[b * 32 + f] = start + f < spectrogram.frames ? mag[(start + f) * spectrogram.bins + b] / peak : 0;
  return tf.tensor4d(out, [1, 64, 32, 1]);
}

const pearson = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  const n = a.length;
  const ma = Array.from(a).reduce((s, x) => s + x, 0) / n, mb = Array.from(b).reduce((s, x) => s + x, 0) / n;
  let ab = 0, aa = 0, bb = 0;
  for (let i = 0; i < n; i++) {
    ab += (a[i] - ma) * (b[i] - mb);
    aa += (a[i] - ma) ** 2;
    bb += (b[i] - mb) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
};

describe("activations", () => {
  it("shows each U-Net level's output and the mask, with the model's layer names and shapes, and leaks nothing", async () => {
    const model = createUNet({ ...UNET_TINY, seed: 7 });
    const patch = handPatch(10);
    const before = tf.memory().numTensors;
    const view = await activations(model, patch);
    expect(tf.memory().numTensors).toBe(before);
    expect(patch.isDisposed).toBe(false); // the caller's tensor stays the caller's
    expect(view.layers.map((l) => l.name)).toEqual(["enc1_act", "enc2_act", "enc3_act", "dec1_act", "dec2_act", "mask"]);
    expect(view.layers.map((l) => l.part)).toEqual(["encoder", "encoder", "encoder", "decoder", "decoder", "output"]);
    for (const l of view.layers) {
      expect(l.shape).toEqual((model.getLayer(l.name).outputShape as number[]).slice(1));
      expect(l.maps).toHaveLength(Math.min(16, l.shape[2]));
      expect(l.type).toBe(model.getLayer(l.name).getClassName());
    }
    expect(view.patch).toEqual({ bins: 64, frames: 32 });
    expect(view.caption).toMatch(/most active by mean \|activation\|/);
    patch.dispose();
    model.dispose();
  });

  it("keeps the most active channels, most active first, with their true values and ranges", async () => {
    const model = createUNet({ ...UNET_TINY, seed: 7 });
    // enc1_conv: channel 2 silenced (its batch norm then outputs 0) and channel 1 made 50× louder.
    const conv = model.getLayer("enc1_conv");
    const [kernel, bias] = conv.getWeights();
    const scale = tf.tensor1d([1, 50, 0, 1]);
    const scaled = tf.mul(kernel, scale);
    conv.setWeights([scaled, bias]);
    tf.dispose([scale, scaled]);
    const patch = handPatch(10);
    const view = await activations(model, patch, { maxChannels: 3, layers: ["enc1_act", "enc3_act"] });
    const enc1 = view.layers[0];
    expect(enc1.maps.map((m) => m.channel)[0]).toBe(1);
    expect(enc1.maps.map((m) => m.channel)).not.toContain(2);
    // Independently, by tfjs: mean |a| per channel of every probed layer.
    const probed = probeActivations(model, patch, ["enc1_act", "enc3_act"]);
    for (const l of view.layers) {
      const act = probed.get(l.name)!;
      const meanAbs = Array.from(tf.tidy(() => tf.mean(tf.abs(act), [0, 1, 2])).dataSync());
      const expected = meanAbs.map((v, c) => [v, c]).sort((a, b) => b[0] - a[0]).slice(0, 3).map(([, c]) => c);
      expect(l.maps.map((m) => m.channel)).toEqual(expected);
      for (const m of l.maps) {
        expect(m.meanAbs).toBeCloseTo(meanAbs[m.channel], 5);
        const channel = tf.tidy(() => act.slice([0, 0, 0, m.channel], [1, -1, -1, 1]));
        expect(m.min).toBeCloseTo(channel.min().dataSync()[0], 6);
        expect(m.max).toBeCloseTo(channel.max().dataSync()[0], 6);
        channel.dispose();
      }
    }
    // enc3_act is 8 × 4: small enough to keep whole. Its values are the channel, frame-major.
    const enc3 = view.layers[1];
    expect([enc3.bins, enc3.frames, enc3.pooled]).toEqual([8, 4, [1, 1]]);
    const a3 = probed.get("enc3_act")!.arraySync() as number[][][][];
    const c = enc3.maps[0].channel;
    for (let t = 0; t < 4; t++) for (let b = 0; b < 8; b++) expect(enc3.maps[0].values[t * 8 + b]).toBeCloseTo(a3[0][b][t][c], 6);
    tf.dispose([...probed.values(), patch]);
    model.dispose();
  });

  it("block-averages maps bigger than maxSide", async () => {
    const model = createUNet({ ...UNET_TINY, seed: 7 });
    const patch = handPatch(0);
    const view = await activations(model, patch, { maxSide: 8, layers: ["enc1_act"] });
    const l = view.layers[0]; // 32 bins × 16 frames → blocks of 4 × 2 → 8 × 8
    expect([l.bins, l.frames, l.pooled]).toEqual([8, 8, [4, 2]]);
    const act = probeActivations(model, patch, ["enc1_act"]).get("enc1_act")!;
    const a = act.arraySync() as number[][][][];
    const c = l.maps[0].channel;
    let sum = 0;
    for (let b = 4; b < 8; b++) for (let t = 2; t < 4; t++) sum += a[0][b][t][c]; // block (bins 4–7, frames 2–3)
    expect(l.maps[0].values[1 * 8 + 1]).toBeCloseTo(sum / 8, 6);
    tf.dispose([act, patch]);
    model.dispose();
  });

  it("strip: input, each decoder stage's channel mean with its correlation to the mask, then the mask on 0–1", async () => {
    const model = createUNet({ ...UNET_TINY, seed: 7 });
    const patch = handPatch(10);
    const view = await activations(model, patch);
    expect(view.maskForming.map((s) => s.label)).toEqual(["input", "dec1", "dec2", "mask"]);
    expect(view.maskForming.map((s) => s.scale)).toEqual(["db", "own", "own", "unit"]);
    const probed = probeActivations(model, patch, ["dec2_act", "mask"]);
    const mask = probed.get("mask")!;
    // dec2_act is 32 × 16 × 4: its channel mean, and the mask averaged over 2 × 2 blocks to that size.
    const dec2 = view.maskForming[2];
    expect(dec2.resolution).toEqual([32, 16]);
    const meanMap = tf.tidy(() => tf.mean(probed.get("dec2_act")!, -1).squeeze().transpose()); // frames × bins
    const pooledMask = tf.tidy(() => tf.avgPool(mask as tf.Tensor4D, 2, 2, "valid").squeeze().transpose());
    const expectedMean = meanMap.dataSync();
    for (let i = 0; i < expectedMean.length; i++) expect(dec2.values[i]).toBeCloseTo(expectedMean[i], 6);
    expect(dec2.correlation).toBeCloseTo(pearson(expectedMean, pooledMask.dataSync()), 5);
    // The last picture is the model's own mask (64 × 32 fits: no averaging), frame-major.
    const last = view.maskForming[3];
    const predicted = model.predict(patch) as tf.Tensor;
    const m = tf.tidy(() => predicted.squeeze().transpose()).dataSync();
    expect(last.values).toHaveLength(m.length);
    for (let i = 0; i < m.length; i++) expect(last.values[i]).toBeCloseTo(m[i], 6);
    tf.dispose([meanMap, pooledMask, predicted, patch, ...probed.values()]);
    model.dispose();
  });

  it("cuts the patch from a spectrogram the way separate() scales it, and says what is wrong", async () => {
    const model = createUNet({ ...UNET_TINY, seed: 7 });
    const patch = handPatch(20);
    expect(Array.from(cutPatch(spectrogram, 64, 32, 20))).toEqual(Array.from(patch.dataSync()));
    const before = tf.memory().numTensors;
    const fromSpectrogram = await activations(model, spectrogram, { startFrame: 20 });
    expect(tf.memory().numTensors).toBe(before);
    const fromTensor = await activations(model, patch);
    expect(Array.from(fromSpectrogram.maskForming.at(-1)!.values)).toEqual(Array.from(fromTensor.maskForming.at(-1)!.values));
    expect(fromSpectrogram.patch.startFrame).toBe(20);
    expect(fromSpectrogram.caption).toMatch(/frames 20–51/);
    // Past the end: zeros, as in separate()'s last patch.
    const tail = cutPatch(spectrogram, 64, 32, spectrogram.frames - 4);
    const column = (f: number) => Array.from({ length: 64 }, (_, b) => tail[b * 32 + f]);
    expect(Math.max(...column(3))).toBeGreaterThan(0);
    for (let f = 4; f < 32; f++) expect(Math.max(...column(f))).toBe(0);

    const wrong = tf.zeros([2, 64, 32, 1]);
    await expect(activations(model, wrong)).rejects.toThrow(/must be one tensor of shape \[1,64,32,1\]/);
    await expect(activations(model, patch, { layers: ["enc9_act"] })).rejects.toThrow(/no layer "enc9_act"/);
    await expect(activations(model, spectrogram, { startFrame: 10_000 })).rejects.toThrow(/startFrame must be a whole number from 0/);
    expect(tf.memory().numTensors).toBe(before + 1);
    tf.dispose([wrong, patch]);
    model.dispose();
  });

  it("pools the mean over channels of an NHWC map", () => {
    // 2 bins × 2 frames × 2 channels; channel mean then frame-major.
    const data = [1, 3, 2, 4, 10, 20, 30, 40];
    expect(Array.from(poolMap(data, { bins: 2, frames: 2, channels: 2 }, "mean").values)).toEqual([2, 15, 3, 35]);
    expect(Array.from(poolMap(data, { bins: 2, frames: 2, channels: 2 }, 1, 1).values)).toEqual([(3 + 4 + 20 + 40) / 4]);
  });
});

describe("compact numbers under the feature maps", () => {
  it("fits a range end in about five characters", async () => {
    const { compact } = await import("../../../src/viz/dom/activations");
    expect([0, 0.05, -0.123, 1.53, 12.4, -0.0003, 2500].map(compact)).toEqual(["0", ".05", "−.12", "1.5", "12", "−3e−4", "3e3"]);
  });
});
