import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { magnitude, scaleByPeak, stft, STFT_PAPER } from "../../../src/dsp";
import { createUNet, UNET_TINY } from "../../../src/model";
import { predictMasks, type RemotePredict } from "../../../src/separate";
import { noise } from "../fixtures";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

/** A stand-in for the mask worker: the same model, answering a task later, as a worker's message would. */
function remoteOf(model: tf.LayersModel, log: number[], fail?: (call: number) => string | undefined): RemotePredict {
  let calls = 0;
  return async (patches, count) => {
    const call = calls++;
    log.push(count);
    await new Promise((resolve) => setImmediate(resolve));
    const why = fail?.(call);
    if (why === "throw") throw new Error("the worker died");
    const [bins, frames] = model.inputs[0].shape.slice(1, 3) as number[];
    const out = tf.tidy(() => model.predict(tf.tensor4d(patches.slice(), [count, bins, frames, 1])) as tf.Tensor);
    const values = (await out.data()) as Float32Array;
    out.dispose();
    return why === "short" ? values.subarray(1) : values;
  };
}

describe("predictMasks with a second thread", () => {
  let model: tf.LayersModel;
  beforeAll(() => {
    model = createUNet({ ...UNET_TINY, seed: 4 });
  });
  const spec = stft(noise(8192 * 12, 5, 0.5), STFT_PAPER);
  const mag = magnitude(spec);
  scaleByPeak(mag);
  const options = { batchSize: 1 };

  it("shares the batches and gives the same masks as one thread alone", async () => {
    const [alone] = await predictMasks(model, mag, spec.frames, spec.bins, options);
    const log: number[] = [];
    const progress: number[] = [];
    const [shared] = await predictMasks(model, mag, spec.frames, spec.bins, { ...options, remote: remoteOf(model, log), onBatch: (d) => progress.push(d) });
    expect(shared).toEqual(alone);
    const batches = progress.length;
    expect(batches).toBeGreaterThan(4);
    expect(log.length).toBeGreaterThan(0); // the remote took some batches…
    expect(log.length).toBeLessThan(batches); // …and this thread others
    expect(progress).toEqual(Array.from({ length: batches }, (_, i) => i + 1));
  });

  it("does a batch itself when the other thread fails or answers with the wrong size", async () => {
    const [alone] = await predictMasks(model, mag, spec.frames, spec.bins, options);
    for (const failure of ["throw", "short"]) {
      const log: number[] = [];
      const [masks] = await predictMasks(model, mag, spec.frames, spec.bins, { ...options, remote: remoteOf(model, log, (c) => (c === 1 ? failure : undefined)) });
      expect(masks).toEqual(alone);
      expect(log.length).toBe(2); // asked no more after the failure
    }
  });
});
