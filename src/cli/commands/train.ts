import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { UNetConfig } from "../../model";
import type { TrainingState, TrainingTarget } from "../../train";
import { note, parseCommandArgs, UsageError, type Command } from "../command";
import { readStemTrackDirs, readStemTracks } from "../data-dir";
import { help } from "./oracle";

const PRESETS = ["paper", "tiny"];
const TARGETS: TrainingTarget[] = ["vocals", "accompaniment", "both"];

export const train: Command = {
  name: "train",
  summary: "train a U-Net mask model on stems, step by step, resumable",
  usage: `demix train (--data DIR | --musdb ROOT) --steps N --model PATH [--resume] [options]

  --data DIR         a track folder, or a folder of track folders (vocals.wav + accompaniment.wav,
                     mixture.wav optional)
  --musdb ROOT       MUSDB18-HQ folder (train/, test/): trains on the standard 86 training tracks
                     and validates on the 14 validation tracks (instead of --data and --valid)
  --steps N          training steps to run in this call
  --model PATH       model folder to write (model.json, weights.bin, training.json)
  --resume           continue the run saved in --model: same optimizer moments, step count,
                     learning-rate schedule and data order as if it had never stopped
  --init DIR         start a new run from the weights of the model in DIR (fine-tuning: fresh
                     optimizer and step count, this call's data, seed and options); the preset and
                     target are DIR's
  --valid DIR        validation tracks (same layout as --data); loss on fixed patches of them
  --validate-every N steps between validation losses (default 50; needs --valid)
  --preset NAME      paper (default: Jansson et al. 2017, 512×128 patches) or tiny (64×32, for trials)
  --target T         vocals (default), accompaniment, or both (a two-mask model)
  --batch N          patches per step (default 8)
  --lr X             Adam learning rate (default 1e-4)
  --decay F          multiply the learning rate by F (0 < F ≤ 1) every --decay-every steps
  --decay-every N    steps between decays (default 500; needs --decay)
  --seed N           seed for the weights and the data order (default 1)
  --save-every N     also save every N steps (default 100)
  --augment          vary training patches: per-stem gain ±6 dB, remixing stems of different
                     tracks, left/right/mid channel, ±5 % time stretch, ±1 semitone pitch shift
                     (kept with the run, so --resume goes on augmenting)
  --augment-eq P     with --augment: give each stem a random equaliser (±6 dB at 5 log-spaced
                     points) with probability P (default 0: none) — timbres the data lacks
  --augment-pitch S  with --augment: shift pitch (and formants: the spectrum moves along the
                     bins) by up to ±S semitones instead of ±1 — voices higher and lower than the data's

Prints one line per step: loss (L1, summed over a patch, mean over the batch), learning rate, step
time and examples per second. Ctrl-C stops after the current step and saves.`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, {
      data: { type: "string" },
      steps: { type: "string" },
      model: { type: "string" },
      resume: { type: "boolean" },
      valid: { type: "string" },
      "validate-every": { type: "string" },
      preset: { type: "string" },
      target: { type: "string" },
      batch: { type: "string" },
      lr: { type: "string" },
      seed: { type: "string" },
      "save-every": { type: "string" },
      musdb: { type: "string" },
      augment: { type: "boolean" },
      "augment-eq": { type: "string" },
      "augment-pitch": { type: "string" },
      init: { type: "string" },
      decay: { type: "string" },
      "decay-every": { type: "string" },
    }, false);
    if (values.help) return help(this);
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if ((!values.data && !values.musdb) || !values.steps || !values.model) throw new UsageError("--data (or --musdb), --steps and --model are required");
    if (values.musdb && (values.data || values.valid)) throw new UsageError("--musdb picks the training and validation tracks itself: leave out --data and --valid");
    if (values.init && values.resume) throw new UsageError("--init starts a new run from a model's weights and --resume continues a run: use one of them");
    if (values.init && (values.preset || values.target)) throw new UsageError("--init: the preset and target come from the initial model; leave out --preset and --target");
    if (values["decay-every"] && !values.decay) throw new UsageError("--decay-every needs --decay");
    for (const flag of ["augment-eq", "augment-pitch"] as const) {
      if (values[flag] !== undefined && (!values.augment || values.resume)) {
        throw new UsageError(`--${flag} sets how a new run augments: give it with --augment, and not with --resume (a resumed run keeps its settings)`);
      }
    }
    const eq = values["augment-eq"] === undefined ? undefined : Number(values["augment-eq"]);
    if (eq !== undefined && !(eq >= 0 && eq <= 1)) throw new UsageError(`--augment-eq is a probability from 0 to 1, got ${values["augment-eq"]}`);
    const pitchSemitones = values["augment-pitch"] === undefined ? undefined : Number(values["augment-pitch"]);
    if (pitchSemitones !== undefined && !(pitchSemitones >= 0 && pitchSemitones <= 12)) {
      throw new UsageError(`--augment-pitch is a number of semitones from 0 to 12, got ${values["augment-pitch"]}`);
    }
    const steps = wholeNumber(values.steps, "--steps", 1);
    const modelDir = resolve(values.model);
    const saveEvery = wholeNumber(values["save-every"] ?? "100", "--save-every", 1);

    // tfjs and the model code load only for the commands that use them (~0.4 s of start-up).
    const [
      { initBackend },
      { createUNet, UNET_PAPER, UNET_TINY },
      { PatchSampler, Trainer, trackSpectra, complexTrackSpectra, resolveAugmentOptions },
      { loadModelDir, saveModelDir },
      { musdbSplit },
    ] = await Promise.all([
      import("../../backend"),
      import("../../model"),
      import("../../train"),
      import("../../train/model-files"),
      import("../../data/musdb-node"),
    ]);
    const backend = await initBackend();
    note(`backend: ${backend.name} (${backend.threads} thread${backend.threads === 1 ? "" : "s"}${backend.simd ? ", SIMD" : ""})`);

    let model;
    let state: Omit<TrainingState, "records" | "step"> & Partial<TrainingState>;
    let metadata: Record<string, unknown>;
    if (values.resume) {
      if (!existsSync(modelDir)) throw new Error(`--resume: ${modelDir} does not exist; train without --resume to start a run`);
      const saved = await loadModelDir(modelDir);
      if (!saved.training) throw new Error(`--resume: ${modelDir} has no training.json, so there is no run to continue`);
      model = saved.model;
      state = saved.training;
      metadata = saved.metadata;
      if (values.augment && !state.augment) throw new UsageError("--augment: the run in --model was trained without augmentation; a resumed run keeps its settings");
      note(`resuming ${modelDir} at step ${state.step}`);
    } else {
      const seed = wholeNumber(values.seed ?? "1", "--seed", 0);
      let target: TrainingTarget;
      if (values.init) {
        const initDir = resolve(values.init);
        const start = await loadModelDir(initDir);
        model = start.model;
        target = (start.training?.target ?? start.metadata.target ?? "vocals") as TrainingTarget;
        metadata = { ...start.metadata, initialisedFrom: { model: initDir, step: start.training?.step ?? null } };
        note(`starting from the weights of ${initDir} (target ${target})`);
      } else {
        if (!PRESETS.includes(values.preset ?? "paper")) throw new UsageError(`--preset must be one of ${PRESETS.join(", ")}`);
        const preset: UNetConfig = values.preset === "tiny" ? UNET_TINY : UNET_PAPER;
        target = (values.target ?? "vocals") as TrainingTarget;
        if (!TARGETS.includes(target)) throw new UsageError(`--target must be one of ${TARGETS.join(", ")}`);
        const config: UNetConfig = { ...preset, outputs: target === "both" ? 2 : 1, seed };
        model = createUNet(config);
        metadata = { config, target, preset: values.preset ?? "paper" };
      }
      const lr = Number(values.lr ?? "1e-4");
      const decay = values.decay === undefined ? undefined : { factor: Number(values.decay), every: wholeNumber(values["decay-every"] ?? "500", "--decay-every", 1) };
      state = {
        seed,
        batchSize: wholeNumber(values.batch ?? "8", "--batch", 1),
        target,
        schedule: { initial: lr, ...(decay ? { decay } : {}) },
        validateEvery: values.valid || values.musdb ? wholeNumber(values["validate-every"] ?? "50", "--validate-every", 1) : 0,
        ...(values.augment ? { augment: resolveAugmentOptions({ ...(eq === undefined ? {} : { eq }), ...(pitchSemitones === undefined ? {} : { pitchSemitones }) }) } : {}),
      };
    }

    const shape = { bins: model.inputs[0].shape[1] as number, frames: model.inputs[0].shape[2] as number };
    const musdb = values.musdb ? musdbSplit(resolve(values.musdb)) : undefined;
    const stems = musdb ? await readStemTrackDirs(musdb.train) : await readStemTracks(resolve(values.data!));
    // An augmenting run caches complex stems instead (the magnitudes come from them when needed).
    const sampler = state.augment
      ? PatchSampler.augmented(stems.map((t) => complexTrackSpectra(t)), shape, state.target, state.seed, state.augment)
      : new PatchSampler(stems.map(trackSpectra), shape, state.target, state.seed);
    stems.length = 0; // the audio is no longer needed; free it before the validation tracks load
    note(`data: ${sampler.tracks.length} track(s), ${sampler.tracks.reduce((n, t) => n + t.frames, 0)} frames${state.augment ? ", augmented" : ""}`);
    const trainer = new Trainer(model, sampler, state);
    if ((values.valid || musdb) && state.validateEvery > 0) {
      const valid = (musdb ? await readStemTrackDirs(musdb.valid) : await readStemTracks(resolve(values.valid!))).map(trackSpectra);
      trainer.useValidation(new PatchSampler(valid, shape, state.target, state.seed));
    }

    let stop = false;
    // `on`, not `once`: under npm and tsx one Ctrl-C can arrive twice (from the terminal and relayed
    // by tsx), and the second must not kill the process before it saves.
    const onSigint = () => {
      if (!stop) note("stopping after this step…");
      stop = true;
    };
    process.on("SIGINT", onSigint);
    const save = () => saveModelDir(model, modelDir, { training: trainer.state, metadata });
    const last = trainer.state.step + steps;
    const outcome = await trainer.train({
      steps,
      shouldStop: () => stop,
      onStep: async (r) => {
        const valid = r.validationLoss === undefined ? "" : `  valid ${r.validationLoss.toFixed(3)}`;
        process.stdout.write(
          `step ${r.step + 1}/${last}  loss ${r.loss.toFixed(3)}${valid}  lr ${r.learningRate.toExponential(1)}  ` +
            `${(r.ms / 1000).toFixed(2)} s/step  ${r.examplesPerSecond.toFixed(1)} ex/s\n`,
        );
        if ((r.step + 1) % saveEvery === 0) await save();
      },
    });
    process.off("SIGINT", onSigint);
    await save();
    note(`saved ${modelDir} at step ${trainer.state.step}`);
    if (outcome.stoppedBy === "nan") {
      note(outcome.message!);
      return 1;
    }
    return 0;
  },
};

function wholeNumber(text: string, flag: string, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} must be a whole number ≥ ${min}, got "${text}"`);
  return n;
}
