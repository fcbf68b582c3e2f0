import * as tf from "@tensorflow/tfjs";
import { createUNet, formatSummary, summarizeModel, UNET_PAPER, UNET_TINY, type UNetConfig } from "../../model";
import { parseCommandArgs, UsageError, type Command } from "../command";
import { help } from "./oracle";

const PRESETS: Record<string, UNetConfig> = { paper: UNET_PAPER, tiny: UNET_TINY };

export const modelCommand: Command = {
  name: "model",
  summary: "show the U-Net's layers and parameter counts",
  usage: `demix model [--preset paper|tiny] [--outputs 1|2] [--json]

  --preset NAME  paper (default: Jansson et al. 2017, 512 bins × 128 frames, 9,823,313 trainable
                 parameters) or tiny (64 × 32, 3 levels, for trials)
  --outputs N    1 (default): one mask; 2: a two-mask model (vocals, accompaniment)
  --json         print the summary as JSON: layers (name, type, outputShape, params,
                 trainableParams, trainable, inputs) and the parameter totals`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, { preset: { type: "string" }, outputs: { type: "string" }, json: { type: "boolean" } }, false);
    if (values.help) return help(this);
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const name = values.preset ?? "paper";
    const preset = PRESETS[name];
    if (!preset) throw new UsageError(`--preset must be one of ${Object.keys(PRESETS).join(", ")}, got "${name}"`);
    const outputs = Number(values.outputs ?? "1");
    if (outputs !== 1 && outputs !== 2) throw new UsageError(`--outputs must be 1 or 2, got "${values.outputs}"`);
    // Building only initialises weights, which the CPU backend does in about a second even for the
    // paper model; no accelerator is needed or wanted just to describe a model.
    await tf.setBackend("cpu");
    const model = createUNet({ ...preset, outputs });
    const summary = summarizeModel(model);
    model.dispose();
    process.stdout.write(values.json ? JSON.stringify(summary, null, 2) + "\n" : formatSummary(summary) + "\n");
    return 0;
  },
};
