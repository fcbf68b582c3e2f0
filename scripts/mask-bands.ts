/**
 * Where a mask model loses voice and lets band in, per frequency band, on track folders:
 *   npx tsx scripts/mask-bands.ts MODEL_DIR TRACKS_DIR [TRACKS_DIR…]
 * For each folder, summed over its tracks at the model's STFT (mono, 8192 Hz), per band of 0–150,
 * 150–300, 300–600, 600–1200, 1200–2400 and 2400–4096 Hz: the voice-to-band ratio of the mixture,
 * how much of the voice the vocals mask M keeps (Σ(M|V|)² / Σ|V|²), and how far the band it lets
 * through stays below that kept voice (Σ(M|A|)² / Σ(M|V|)²), in dB. BSS Eval's SAR and SIR say how
 * much; this says where (README, "The shipped model").
 */
import { resolve } from "node:path";
import { addSignals, resampleSignal, resampleToLength, toMono } from "../src/audio";
import { initBackend } from "../src/backend";
import { readStemTracks } from "../src/cli/data-dir";
import { magnitude, MODEL_SAMPLE_RATE, scaleByPeak, stft, STFT_PAPER } from "../src/dsp";
import { keptInferenceModel } from "../src/model";
import { predictMasks } from "../src/separate/model-masks";
import { loadModelDir } from "../src/train/model-files";

const [modelDir, ...folders] = process.argv.slice(2);
if (!modelDir || !folders.length) throw new Error("usage: MODEL_DIR TRACKS_DIR [TRACKS_DIR…]");
await initBackend();
const model = keptInferenceModel((await loadModelDir(resolve(modelDir))).model);
const EDGES = [0, 150, 300, 600, 1200, 2400, MODEL_SAMPLE_RATE / 2 + 1];
const bands = EDGES.length - 1;
const db = (x: number) => (10 * Math.log10(x)).toFixed(1).padStart(10);

for (const folder of folders) {
  const voice = new Float64Array(bands), kept = new Float64Array(bands), band = new Float64Array(bands), leak = new Float64Array(bands);
  for (const t of await readStemTracks(resolve(folder))) {
    const vocals = toMono(t.vocals), accompaniment = toMono(t.accompaniment);
    const mix = toMono(t.mixture ?? addSignals([t.vocals, t.accompaniment]));
    const m = resampleSignal(mix, MODEL_SAMPLE_RATE).channels[0];
    const spec = stft(m, STFT_PAPER);
    const mag = magnitude(spec);
    scaleByPeak(mag); // as separate() does
    const [mask] = await predictMasks(model, mag, spec.frames, spec.bins);
    const V = magnitude(stft(resampleToLength(vocals, MODEL_SAMPLE_RATE, m.length).channels[0], STFT_PAPER));
    const A = magnitude(stft(resampleToLength(accompaniment, MODEL_SAMPLE_RATE, m.length).channels[0], STFT_PAPER));
    const bandOf = Array.from({ length: spec.bins }, (_, b) => EDGES.findIndex((e) => (b * MODEL_SAMPLE_RATE) / STFT_PAPER.nfft < e) - 1);
    for (let i = 0; i < mask.length; i++) {
      const k = bandOf[i % spec.bins];
      voice[k] += V[i] ** 2;
      band[k] += A[i] ** 2;
      kept[k] += (mask[i] * V[i]) ** 2;
      leak[k] += (mask[i] * A[i]) ** 2;
    }
  }
  const row = (label: string, f: (k: number) => number) => `  ${label.padEnd(22)}${Array.from({ length: bands }, (_, k) => db(f(k))).join("")}`;
  console.log(resolve(folder));
  console.log(`  ${"band (Hz)".padEnd(22)}${Array.from({ length: bands }, (_, k) => `${EDGES[k]}–${Math.min(EDGES[k + 1], MODEL_SAMPLE_RATE / 2)}`.padStart(10)).join("")}`);
  console.log(row("voice / band (dB)", (k) => voice[k] / band[k]));
  console.log(row("voice kept (dB)", (k) => kept[k] / voice[k]));
  console.log(row("let in / kept (dB)", (k) => leak[k] / kept[k]));
}
