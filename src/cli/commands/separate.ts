import { existsSync, openAsBlob } from "node:fs";
import { basename, extname, join, resolve } from "node:path";
import { audioFileSize } from "../../audio/node";
import { isWavBlob } from "../../audio/sniff";
import type { SeparationModels } from "../../separate";
import { note, parseCommandArgs, UsageError, type Command } from "../command";
import { help } from "./oracle";

/** Where shipped models live: `--model NAME` means models/NAME. */
const MODELS_DIR = resolve("models");
const DEFAULT_MODEL = "default";

export const separateCommand: Command = {
  name: "separate",
  summary: "separate songs into vocals and accompaniment with a trained model",
  usage: `demix separate <input>... --out DIR [--model PATH|NAME] [--batch N] [--stereo each|mid]

  <input>        audio files (WAV, or anything ffmpeg reads), any rate, length and channel count
  --out DIR      writes DIR/<input name>/vocals.wav and accompaniment.wav (16-bit PCM, the input's
                 rate and channel count)
  --model M      a model folder (model.json + weights.bin) or the name of one under models/
                 (default: models/${DEFAULT_MODEL})
  --batch N      patches per model call (default 4)
  --stereo S     each (default): the model masks every channel on its own. mid: one mask from the
                 channels' mean for all of them, twice as fast for stereo; as good when the voice is
                 centred, worse when it is panned

Inputs are read and separated a minute at a time (8 s overlaps cross-faded) and written as they go,
so a track of any length fits in memory (formats other than WAV through an ffmpeg pipe). A one-mask model estimates its target; the other stem is the mixture minus that estimate, so the
two always sum to the mixture. A two-mask model gives each stem its own mask.`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, { out: { type: "string" }, model: { type: "string" }, batch: { type: "string" }, stereo: { type: "string" } });
    if (values.help) return help(this);
    if (positionals.length === 0) throw new UsageError("give at least one input file");
    if (!values.out) throw new UsageError("--out is required");
    const batchSize = Number(values.batch ?? "4");
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new UsageError(`--batch must be a whole number ≥ 1, got "${values.batch}"`);
    const stereo = values.stereo ?? "each";
    if (stereo !== "each" && stereo !== "mid") throw new UsageError(`--stereo must be each or mid, got "${values.stereo}"`);
    const dir = modelPath(values.model);
    // tfjs loads only for the commands that use it (~0.4 s of start-up).
    const [{ initBackend }, { loadModelDir }] = await Promise.all([import("../../backend"), import("../../train/model-files")]);
    const backend = await initBackend();
    note(`backend: ${backend.name}; model: ${dir}`);
    const { model, metadata } = await loadModelDir(dir);
    const outputs = (model.outputs[0].shape as number[])[3];
    const target = metadata.target === "accompaniment" ? "accompaniment" : "vocals";
    const models: SeparationModels = outputs === 2 ? { kind: "two-mask", model } : { kind: "single", model, target };
    const { separateToWav, wavBlobSource } = await import("../../separate/long");
    const { ffmpegSource } = await import("../../separate/ffmpeg-source");
    const { fileStemStorage } = await import("../../separate/file-stems");
    for (const input of positionals) {
      const started = performance.now();
      // A chunk at a time, the stems written as they come, so an hour of audio needs the memory of
      // a minute (src/separate/long.ts): WAV read directly, anything else through an ffmpeg pipe.
      const path = resolve(input);
      await audioFileSize(path);
      const blob = await openAsBlob(path);
      const wav = await isWavBlob(blob);
      // ffmpeg decodes a compressed file once to count its samples (the WAV headers need the count), then again in chunks.
      if (!wav) note(`${basename(input)}: counting samples (ffmpeg decodes it once before separating)…`);
      const source = wav ? await wavBlobSource(blob) : await ffmpegSource(path);
      const out = join(resolve(values.out), basename(input, extname(input)));
      try {
        await separateToWav(source, models, {
          batchSize,
          stereo,
          storage: fileStemStorage(out),
          onChunk: (done, total) => total > 1 && note(`${basename(input)}: ${Math.floor((100 * done) / total)}%`),
        });
      } finally {
        source.close();
      }
      const seconds = (performance.now() - started) / 1000;
      const length = source.frames / source.sampleRate;
      note(`${input}: wrote ${out} (${length.toFixed(1)} s of audio in ${seconds.toFixed(1)} s, ${(length / seconds).toFixed(1)}× real time)`);
    }
    return 0;
  },
};

function modelPath(given: string | undefined): string {
  const name = given ?? DEFAULT_MODEL;
  if (existsSync(join(resolve(name), "model.json"))) return resolve(name);
  if (existsSync(join(MODELS_DIR, name, "model.json"))) return join(MODELS_DIR, name);
  if (given === undefined) {
    throw new Error(`no model given and no default model at ${join(MODELS_DIR, DEFAULT_MODEL)}: train one with "demix train" and pass --model PATH`);
  }
  throw new Error(`model "${given}" not found: neither ${resolve(given)} nor ${join(MODELS_DIR, given)} holds a model.json`);
}
