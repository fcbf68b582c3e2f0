/**
 * Scores a model against the mixture baseline and the oracle masks on track folders:
 *   npx tsx scripts/evaluate-model.ts --model DIR --tracks DIR [--tracks DIR2 …] [--json OUT]
 * For each folder of tracks it separates every mixture with the model, with the ideal ratio and binary
 * masks (at the model's 8192 Hz) and takes the mixture itself as the estimate, then prints BSS Eval
 * v3 and v4 (SDR, SIR, SAR) per stem, mean over tracks. Mono.
 */
import { writeFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { parseArgs } from "node:util";
import { addSignals, toMono, type AudioSignal } from "../src/audio";
import { initBackend } from "../src/backend";
import { readStemTracks } from "../src/cli/data-dir";
import { bssEvalSources, bssEvalV4 } from "../src/eval";
import { oracleSeparate, separate, type SeparationModels } from "../src/separate";
import { loadModelDir } from "../src/train/model-files";

const { values } = parseArgs({ options: { model: { type: "string" }, tracks: { type: "string", multiple: true }, json: { type: "string" } } });
if (!values.model || !values.tracks?.length) throw new Error("usage: --model DIR --tracks DIR [--tracks DIR…] [--json OUT]");
await initBackend();
const { model, metadata } = await loadModelDir(resolve(values.model));
const target = metadata.target === "accompaniment" ? "accompaniment" : "vocals";
const models: SeparationModels = (model.outputs[0].shape as number[])[3] === 2 ? { kind: "two-mask", model } : { kind: "single", model, target };

type Scores = Record<string, number>;
const METHODS = ["mixture", "model", "irm", "ibm"] as const;
const results: Record<string, Record<string, Scores>> = {};

for (const folder of values.tracks) {
  const tracks = await readStemTracks(resolve(folder));
  const sums: Record<string, Scores> = {};
  for (const t of tracks) {
    // No mixture.wav (16-bit datasets): the sum of the stems is the mixture.
    const mixture = toMono(t.mixture ?? addSignals([t.vocals, t.accompaniment]));
    const refs = [toMono(t.vocals), toMono(t.accompaniment)];
    const estimates: Record<(typeof METHODS)[number], AudioSignal[]> = {
      mixture: [mixture, mixture],
      model: Object.values(await separate(mixture, models)),
      irm: Object.values(oracleSeparate(mixture, { vocals: refs[0], accompaniment: refs[1] }, { mask: "irm" })),
      ibm: Object.values(oracleSeparate(mixture, { vocals: refs[0], accompaniment: refs[1] }, { mask: "ibm" })),
    };
    const lastRow: Record<string, number> = {};
    for (const method of METHODS) {
      const r = refs.map((s) => s.channels[0]);
      const e = estimates[method].map((s) => s.channels[0]);
      const v3 = bssEvalSources(r, e, { computePermutation: false });
      const v4 = bssEvalV4(r, e, { sampleRate: mixture.sampleRate }).median;
      const row: Scores = {
        "v3 vocals SDR": v3.sdr[0], "v3 vocals SIR": v3.sir[0], "v3 vocals SAR": v3.sar[0],
        "v3 accompaniment SDR": v3.sdr[1], "v3 accompaniment SIR": v3.sir[1], "v3 accompaniment SAR": v3.sar[1],
        "v4 vocals SDR": v4.sdr[0], "v4 vocals SIR": v4.sir[0], "v4 vocals SAR": v4.sar[0],
        "v4 accompaniment SDR": v4.sdr[1], "v4 accompaniment SIR": v4.sir[1], "v4 accompaniment SAR": v4.sar[1],
      };
      lastRow[method] = row["v3 vocals SDR"];
      sums[method] ??= {};
      for (const [k, v] of Object.entries(row)) sums[method][k] = (sums[method][k] ?? 0) + v / tracks.length;
    }
    process.stderr.write(`${basename(folder)}/${t.name}: v3 vocals SDR ${METHODS.map((m) => `${m} ${lastRow[m].toFixed(2)}`).join(", ")}\n`);
  }
  results[basename(resolve(folder))] = sums;
  console.log(`\n${folder} (${tracks.length} tracks, mean dB)`);
  const keys = Object.keys(sums.mixture);
  console.log("metric".padEnd(22) + METHODS.map((m) => m.padStart(9)).join(""));
  for (const k of keys) console.log(k.padEnd(22) + METHODS.map((m) => sums[m][k].toFixed(2).padStart(9)).join(""));
  const gap = (sums.model["v3 vocals SDR"] - sums.mixture["v3 vocals SDR"]) / (sums.irm["v3 vocals SDR"] - sums.mixture["v3 vocals SDR"]);
  console.log(`model's vocals SDR (v3) is ${(100 * gap).toFixed(0)}% of the way from the mixture to the IRM`);
}
if (values.json) writeFileSync(values.json, JSON.stringify(results, null, 1) + "\n");
