import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../src/backend";
import { createUNet, maskedL1Loss, UNET_PAPER, UNET_TINY } from "../../../src/model";
import { separate } from "../../../src/separate";
import { PatchSampler, Trainer, trackSpectra } from "../../../src/train";
import { tinyTracks } from "../../unit/train/tiny-data";

const api = {
  /** Trains the tiny U-Net on the wasm backend for `steps` steps, then separates a track with it. */
  async trainTiny(steps: number) {
    const backend = await initBackend();
    const tracks = tinyTracks().map(trackSpectra);
    const shape = { bins: UNET_TINY.inputBins, frames: UNET_TINY.inputFrames };
    const trainer = new Trainer(createUNet({ ...UNET_TINY, seed: 5 }), new PatchSampler(tracks, shape, "vocals", 5), {
      seed: 5,
      batchSize: 4,
      target: "vocals",
      schedule: { initial: 3e-3 },
      validateEvery: 0,
    });
    await trainer.train({ steps: 1 });
    const tensorsBefore = tf.memory().numTensors;
    const { records } = await trainer.train({ steps: steps - 1 });
    const leaked = tf.memory().numTensors - tensorsBefore;
    const song = tinyTracks(1, 20)[0];
    const mixture = { sampleRate: 8192, channels: [song.vocals.channels[0].map((v, i) => v + song.accompaniment.channels[0][i])] };
    const out = await separate(mixture, { kind: "single", model: trainer.model, target: "vocals" });
    return {
      backend,
      losses: trainer.state.records.map((r) => r.loss),
      leaked,
      separatedLength: out.vocals.channels[0].length,
      mixtureLength: mixture.channels[0].length,
    };
  },

  /** Median time of `runs` paper-model training steps at `batch` (after one warm-up), and of forward passes. */
  async paperTiming(batch: number, runs: number) {
    const backend = await initBackend();
    const model = createUNet(UNET_PAPER);
    const optimizer = tf.train.adam(1e-4);
    const x = tf.randomUniform([batch, 512, 128, 1]) as tf.Tensor4D;
    const y = tf.randomUniform([batch, 512, 128, 1]) as tf.Tensor4D;
    const median = (a: number[]) => a.sort((p, q) => p - q)[Math.floor(a.length / 2)];
    const timeIt = async (f: () => tf.Tensor) => {
      const t0 = performance.now();
      const r = f();
      await r.data();
      r.dispose();
      return performance.now() - t0;
    };
    const step = () => optimizer.minimize(() => maskedL1Loss(model.apply(x, { training: true }) as tf.Tensor4D, x, y), true)!;
    const forward = () => model.predict(x) as tf.Tensor;
    await timeIt(step);
    await timeIt(forward);
    const steps: number[] = [];
    const forwards: number[] = [];
    for (let i = 0; i < runs; i++) steps.push(await timeIt(step));
    for (let i = 0; i < runs; i++) forwards.push(await timeIt(forward));
    tf.dispose([x, y]);
    model.dispose();
    return { backend, stepMs: median(steps), forwardMs: median(forwards) };
  },
};

declare global {
  interface Window {
    demixTrain: typeof api;
  }
}
window.demixTrain = api;
