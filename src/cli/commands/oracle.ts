import { basename, join, resolve } from "node:path";
import { writeWavFile } from "../../audio/node";
import { MODEL_SAMPLE_RATE } from "../../dsp";
// Not the separate/ index: that pulls in tfjs, which this command does not need.
import { isOracleMaskKind, ORACLE_MASK_KINDS } from "../../separate/masks";
import { oracleSeparate } from "../../separate/oracle";
import { note, parseCommandArgs, UsageError, type Command } from "../command";
import { readTrackDir } from "../track";

export const oracle: Command = {
  name: "oracle",
  summary: "separate a track with ideal (oracle) masks computed from its true stems",
  usage: `demix oracle <track-dir> --mask irm|ibm|irm-power [--out DIR] [--rate HZ]

  <track-dir>    a MUSDB18-HQ style folder: mixture.wav, vocals.wav, accompaniment.wav
                 (or drums/bass/other.wav, summed into the accompaniment)
  --mask KIND    ibm: ideal binary mask; irm: ideal ratio mask of magnitudes;
                 irm-power: ideal ratio mask of powers
  --out DIR      where to write vocals.wav and accompaniment.wav
                 (default: out/oracle-<mask>/<track name>)
  --rate HZ      STFT sample rate (default ${MODEL_SAMPLE_RATE}, the model's; STFT 1024/768 Hann)

Output stems have the mixture's sample rate, length and channel count (16-bit PCM).`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, {
      mask: { type: "string" },
      out: { type: "string" },
      rate: { type: "string" },
    });
    if (values.help) return help(this);
    if (positionals.length !== 1) throw new UsageError("give exactly one track folder");
    const mask = values.mask ?? "";
    if (!isOracleMaskKind(mask)) throw new UsageError(`--mask must be one of ${ORACLE_MASK_KINDS.join(", ")}${mask ? `, got "${mask}"` : ""}`);
    const rate = values.rate === undefined ? MODEL_SAMPLE_RATE : Number(values.rate);
    if (!Number.isInteger(rate) || rate < 1000) throw new UsageError(`--rate must be a whole number of Hz ≥ 1000, got "${values.rate}"`);
    const dir = resolve(positionals[0]);
    const out = resolve(values.out ?? join("out", `oracle-${mask}`, basename(dir)));
    const track = await readTrackDir(dir, true);
    const started = performance.now();
    const estimates = oracleSeparate(track.mixture!, track.stems, { mask, sampleRate: rate });
    for (const [name, signal] of Object.entries(estimates)) writeWavFile(join(out, `${name}.wav`), signal);
    note(`oracle ${mask} at ${rate} Hz: wrote vocals.wav and accompaniment.wav to ${out} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    return 0;
  },
};

export function help(command: Command): number {
  process.stdout.write(`${command.summary}\n\n${command.usage}\n`);
  return 0;
}
