import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { frameCount, resampleSignal, toChannelCount, toMono, trimOrPad, type AudioSignal } from "../../audio";
import { readAudioFile } from "../../audio/node";
import { bssEvalSources, bssEvalV4, siSdr } from "../../eval";
import { note, parseCommandArgs, UsageError, type Command } from "../command";
import { readTrackDir, STEMS, type StemName } from "../track";
import { help } from "./oracle";

const METRICS = ["v3", "v4", "sisdr"] as const;
type Metric = (typeof METRICS)[number];
type Scores = Record<string, number>;

export const evaluate: Command = {
  name: "eval",
  summary: "score separated stems against the true ones (BSS Eval v3, v4, SI-SDR)",
  usage: `demix eval --reference <track-dir> --estimate <dir> [--metric v3|v4|sisdr] [--mono] [--json]

  --reference DIR  the true stems: vocals.wav and accompaniment.wav (or MUSDB's drums,
                   bass and other, summed into the accompaniment)
  --estimate DIR   the separated vocals.wav and accompaniment.wav
  --metric M       v3: mir_eval's bss_eval_sources (whole signal, 512-tap filters; default)
                   v4: museval's BSS Eval (1 s frames, time-invariant filters, median of frames;
                       adds ISR)
                   sisdr: scale-invariant SDR, SIR and SAR (Le Roux et al. 2019)
  --mono           mix every file down to mono first
  --json           print one JSON object: {"metric", "stems": {"vocals": {"SDR", "SIR", "SAR"}, …}}
                   (+Infinity and NaN scores are written as null)

Estimates at another sample rate are resampled to the references' rate, another channel count is
converted, and different lengths are trimmed to the shortest; each adjustment is reported on stderr.
Stems are matched by name: no permutation search.`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, {
      reference: { type: "string" },
      estimate: { type: "string" },
      metric: { type: "string" },
      mono: { type: "boolean" },
      json: { type: "boolean" },
    }, false);
    if (values.help) return help(this);
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (!values.reference || !values.estimate) throw new UsageError("--reference and --estimate are both required");
    const metric = (values.metric ?? "v3") as Metric;
    if (!METRICS.includes(metric)) throw new UsageError(`--metric must be one of ${METRICS.join(", ")}, got "${values.metric}"`);

    const reference = await readTrackDir(resolve(values.reference), false, "reference folder");
    const estimateDir = resolve(values.estimate);
    const estimates = {} as Record<StemName, AudioSignal>;
    for (const stem of STEMS) {
      const path = join(estimateDir, `${stem}.wav`);
      if (!existsSync(path)) throw new Error(`${path} is missing: the estimate folder must hold vocals.wav and accompaniment.wav`);
      estimates[stem] = await readAudioFile(path);
    }
    const { refs, ests } = align(reference.stems, estimates, values.mono ?? false);
    const scores = score(metric, refs, ests);
    if (values.json) {
      process.stdout.write(JSON.stringify({ metric, stems: scores }, (_, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v)) + "\n");
    } else {
      process.stdout.write(table(metric, scores));
    }
    return 0;
  },
};

/** Brings estimates to the references' rate, channel count and a common length, saying what it did. */
function align(refs: Record<StemName, AudioSignal>, ests: Record<StemName, AudioSignal>, mono: boolean) {
  const rate = refs.vocals.sampleRate;
  const out = { refs: { ...refs }, ests: { ...ests } };
  for (const stem of STEMS) {
    if (out.refs[stem].sampleRate !== rate) {
      note(`reference ${stem}.wav is at ${out.refs[stem].sampleRate} Hz, vocals.wav at ${rate} Hz: resampling it to ${rate} Hz`);
      out.refs[stem] = resampleSignal(out.refs[stem], rate);
    }
    if (out.ests[stem].sampleRate !== rate) {
      note(`estimate ${stem}.wav is at ${out.ests[stem].sampleRate} Hz: resampling it to the references' ${rate} Hz`);
      out.ests[stem] = resampleSignal(out.ests[stem], rate);
    }
  }
  const all = () => [...STEMS.map((s) => out.refs[s]), ...STEMS.map((s) => out.ests[s])];
  if (mono) {
    for (const stem of STEMS) {
      out.refs[stem] = toMono(out.refs[stem]);
      out.ests[stem] = toMono(out.ests[stem]);
    }
  } else {
    const channels = out.refs.vocals.channels.length;
    for (const [kind, set] of [["reference", out.refs], ["estimate", out.ests]] as const) {
      for (const stem of STEMS) {
        if (set[stem].channels.length !== channels) {
          note(`${kind} ${stem}.wav has ${set[stem].channels.length} channels, reference vocals.wav ${channels}: converting it`);
          set[stem] = toChannelCount(set[stem], channels);
        }
      }
    }
  }
  const lengths = all().map(frameCount);
  const length = Math.min(...lengths);
  if (lengths.some((n) => n !== length)) {
    note(`files differ in length (${Math.min(...lengths)}–${Math.max(...lengths)} samples): trimming all to ${length} samples (${(length / rate).toFixed(2)} s)`);
    for (const stem of STEMS) {
      out.refs[stem] = trimOrPad(out.refs[stem], length);
      out.ests[stem] = trimOrPad(out.ests[stem], length);
    }
  }
  if (length === 0) throw new Error("the references or the estimates are empty: nothing to score");
  return { ...out, rate };
}

function score(metric: Metric, refs: Record<StemName, AudioSignal>, ests: Record<StemName, AudioSignal>): Record<StemName, Scores> {
  const r = STEMS.map((s) => refs[s].channels);
  const e = STEMS.map((s) => ests[s].channels);
  const result = {} as Record<StemName, Scores>;
  if (metric === "v3") {
    const m = bssEvalSources(r, e, { computePermutation: false });
    STEMS.forEach((s, j) => (result[s] = { SDR: m.sdr[j], SIR: m.sir[j], SAR: m.sar[j] }));
  } else if (metric === "v4") {
    const m = bssEvalV4(r, e, { sampleRate: refs.vocals.sampleRate }).median;
    STEMS.forEach((s, j) => (result[s] = { SDR: m.sdr[j], SIR: m.sir[j], SAR: m.sar[j], ISR: m.isr[j] }));
  } else {
    const m = siSdr(r, e);
    STEMS.forEach((s, j) => (result[s] = { SDR: m.siSdr[j], SIR: m.siSir[j], SAR: m.siSar[j] }));
  }
  return result;
}

function table(metric: Metric, scores: Record<StemName, Scores>): string {
  const keys = Object.keys(scores.vocals);
  const title = { v3: "BSS Eval v3 (bss_eval_sources)", v4: "BSS Eval v4 (museval, median of 1 s frames)", sisdr: "SI-SDR / SI-SIR / SI-SAR" }[metric];
  const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : Number.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf").padStart(9);
  const lines = [title, `${"".padEnd(14)}${keys.map((k) => k.padStart(9)).join("")}  (dB)`];
  for (const stem of STEMS) lines.push(`${stem.padEnd(14)}${keys.map((k) => fmt(scores[stem][k])).join("")}`);
  return lines.join("\n") + "\n";
}
