import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../src/backend";
import { generateSong } from "../../../src/data";
import { stft, STFT_PAPER } from "../../../src/dsp";
import { createUNet, UNET_PAPER, UNET_TINY } from "../../../src/model";
import { PatchSampler, Trainer, trackSpectra, type StepRecord } from "../../../src/train";
import { activations } from "../../../src/viz/activations";
import { drawActivations } from "../../../src/viz/dom/activations";
import { drawLossCurve, drawModelSummary } from "../../../src/viz/dom/training";
import { drawWeights } from "../../../src/viz/dom/weights";
import { weightHistograms } from "../../../src/viz/weights";

/** Draws the model views (activations, weights, loss curve, summary) for test/browser/viz-model.test.ts. */
const host = document.querySelector<HTMLElement>("#host")!;

function place(id: string, element: HTMLElement): HTMLElement {
  const box = document.createElement("div");
  box.id = id;
  box.append(element);
  document.getElementById(id)?.remove();
  host.append(box);
  return element;
}

/** A deterministic run's records: a decaying loss with a wiggle, validation every `every` steps. */
function records(steps: number, every = 25, from = 0): StepRecord[] {
  return Array.from({ length: steps }, (_, k) => {
    const step = from + k;
    const r: StepRecord = { step, loss: 0.08 + 0.4 * Math.exp(-step / 80) + 0.015 * Math.sin(step * 0.7), learningRate: 1e-3, ms: 20, examplesPerSecond: 200 };
    if ((step + 1) % every === 0) r.validationLoss = 0.1 + 0.42 * Math.exp(-step / 90);
    return r;
  });
}

const song = (seconds: number) => generateSong({ seed: 3, seconds, sampleRate: 8192 });
const waitFor = async (test: () => boolean, ms = 20_000) => {
  const t0 = performance.now();
  while (!test()) {
    if (performance.now() - t0 > ms) throw new Error("timed out waiting for the view to render");
    await new Promise((r) => setTimeout(r, 20));
  }
};

let live: { records: StepRecord[]; finish(): void; element: HTMLElement } | undefined;

const api = {
  async init() {
    return initBackend();
  },

  /**
   * The tiny U-Net (seed 11) trained for `steps` steps on a generated song's vocals (an untrained
   * mask is 0.5 everywhere and shows nothing forming), then shown on that song's patch from frame 20.
   */
  async activationsTiny(steps: number) {
    const model = createUNet({ ...UNET_TINY, seed: 11 });
    const s = song(20);
    const t0 = performance.now();
    if (steps > 0) {
      const tracks = [trackSpectra({ name: "song", vocals: s.vocals, accompaniment: s.accompaniment })];
      const shape = { bins: UNET_TINY.inputBins, frames: UNET_TINY.inputFrames };
      const trainer = new Trainer(model, new PatchSampler(tracks, shape, "vocals", 5), { seed: 5, batchSize: 4, target: "vocals", schedule: { initial: 3e-3 }, validateEvery: 0 });
      await trainer.train({ steps });
    }
    const trainMs = performance.now() - t0;
    const spectrogram = stft(s.mixture.channels[0], STFT_PAPER);
    const before = tf.memory().numTensors;
    const view = await activations(model, spectrogram, { startFrame: 20 });
    const leaked = tf.memory().numTensors - before;
    const element = place("activations", drawActivations(view));
    model.dispose();
    return {
      leaked,
      layers: view.layers.map((l) => ({ name: l.name, shape: l.shape, maps: l.maps.length, channels: l.maps.map((m) => m.channel) })),
      stages: view.maskForming.map((s) => ({ label: s.label, scale: s.scale, correlation: s.correlation })),
      canvases: element.querySelectorAll("canvas").length,
      caption: view.caption,
      trainMs,
    };
  },

  /** activations() and drawActivations() for the paper's U-Net on one 512 × 128 patch of a 3-minute song. */
  async activationsPaperTiming(keep = false) {
    const model = createUNet(UNET_PAPER);
    const spectrogram = stft(song(180).mixture.channels[0], STFT_PAPER);
    const before = tf.memory().numTensors;
    const times: { build: number; draw: number }[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const view = await activations(model, spectrogram, { startFrame: 600 });
      const t1 = performance.now();
      const element = place("activations-paper", drawActivations(view));
      void element.getBoundingClientRect();
      times.push({ build: t1 - t0, draw: performance.now() - t1 });
    }
    const leaked = tf.memory().numTensors - before;
    const canvases = document.querySelectorAll("#activations-paper canvas").length;
    if (!keep) document.getElementById("activations-paper")?.remove();
    model.dispose();
    return { frames: spectrogram.frames, bins: spectrogram.bins, times, leaked, canvases };
  },

  weightsTiny() {
    const model = createUNet({ ...UNET_TINY, seed: 11 });
    const view = weightHistograms(model, { bins: 30 });
    const element = place("weights", drawWeights(view));
    model.dispose();
    return { layers: view.layers.map((l) => ({ name: l.layer, count: l.count, sum: l.counts.reduce((a, b) => a + b, 0) })), rects: element.querySelectorAll("svg rect").length, svgs: element.querySelectorAll("svg").length };
  },

  weightsPaperTiming() {
    const model = createUNet(UNET_PAPER);
    const t0 = performance.now();
    const view = weightHistograms(model);
    const t1 = performance.now();
    const element = place("weights-paper", drawWeights(view));
    void element.getBoundingClientRect();
    const t2 = performance.now();
    const rects = element.querySelectorAll("svg rect").length;
    document.getElementById("weights-paper")?.remove();
    model.dispose();
    return { buildMs: t1 - t0, drawMs: t2 - t1, layers: view.layers.length, values: view.layers.reduce((n, l) => n + l.count, 0), rects };
  },

  /** A fixed 300-step history drawn once. */
  async lossFixed() {
    const element = place("loss", drawLossCurve(records(300), { width: 640, height: 240 }));
    await waitFor(() => element.dataset.renders === "1" && element.querySelector("canvas") !== null);
    return { points: Number(element.dataset.points), status: element.querySelector(".viz-loss-status")!.textContent, xLabelSteps: 1 };
  },

  /** Starts a live run (records appended by liveAppend) drawn every 100 ms. */
  liveStart() {
    let finish!: () => void;
    const run = { records: [] as StepRecord[], done: new Promise<void>((r) => (finish = r)), stop: async () => finish() };
    const element = place("live", drawLossCurve(run, { refreshMs: 100 }));
    live = { records: run.records, finish, element };
    return true;
  },

  /** Appends `n` steps and waits until the chart shows them; returns what the element says it drew. */
  async liveAppend(n: number) {
    if (!live) throw new Error("liveStart() first");
    const l = live;
    const rendersBefore = Number(l.element.dataset.renders);
    l.records.push(...records(n, 25, l.records.length));
    const target = String(l.records.length);
    await waitFor(() => l.element.dataset.step === target && !!l.element.querySelector("canvas"));
    return { renders: Number(l.element.dataset.renders), rendersBefore, step: Number(l.element.dataset.step), points: Number(l.element.dataset.points), status: l.element.querySelector(".viz-loss-status")!.textContent };
  },

  async liveFinish() {
    if (!live) throw new Error("liveStart() first");
    const l = live;
    l.finish();
    await waitFor(() => /run ended/.test(l.element.querySelector(".viz-loss-status")!.textContent ?? ""));
    const renders = Number(l.element.dataset.renders);
    // Ended: no more polling, so appending draws nothing.
    l.records.push(...records(5, 25, l.records.length));
    await new Promise((r) => setTimeout(r, 400));
    return { renders, rendersLater: Number(l.element.dataset.renders), status: l.element.querySelector(".viz-loss-status")!.textContent, stopButtons: l.element.querySelectorAll("button").length };
  },

  /** drawLossCurve of a 100 000-step history: the time to the first drawn chart. */
  async lossLongTiming() {
    const many = records(100_000, 50);
    const t0 = performance.now();
    const element = place("loss-long", drawLossCurve(many));
    await waitFor(() => element.dataset.renders === "1");
    const ms = performance.now() - t0;
    const points = Number(element.dataset.points);
    document.getElementById("loss-long")?.remove();
    return { ms, points };
  },

  /** Shows the fixed chart in the tfjs-vis visor, then back here. */
  async lossVisor() {
    const vis = await import("@tensorflow/tfjs-vis");
    const element = place("loss-visor", drawLossCurve(records(100)));
    await waitFor(() => element.dataset.renders === "1");
    const button = element.querySelector<HTMLButtonElement>("button")!;
    button.click();
    await waitFor(() => element.dataset.renders === "2");
    const visorCanvases = document.querySelectorAll("#tfjs-visor-container canvas").length;
    const there = { inline: element.querySelector("canvas") !== null, note: element.querySelector(".viz-loss-empty")?.textContent, open: vis.visor().isOpen(), visorCanvases, button: button.textContent };
    button.click();
    await waitFor(() => element.dataset.renders === "3");
    const back = { inline: element.querySelector("canvas") !== null, open: vis.visor().isOpen(), button: button.textContent };
    document.getElementById("loss-visor")?.remove();
    return { there, back };
  },

  async summaryTiny() {
    const model = createUNet({ ...UNET_TINY, seed: 11 });
    const element = place("summary", drawModelSummary(model));
    await waitFor(() => element.dataset.ready === "true");
    const rows = [...element.querySelectorAll("tbody tr")].map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? ""));
    return { layers: model.layers.map((l) => l.name), rows, caption: element.querySelector("figcaption")!.textContent };
  },
};

declare global {
  interface Window {
    demixVizModel: typeof api;
  }
}
window.demixVizModel = api;
