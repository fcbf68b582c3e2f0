/**
 * Tracks whose vocals are voices the song generator cannot make: recorded human speech from Debian's
 * asterisk-core-sounds-*-wav packages (8 kHz telephone prompts) or Festival's voices rendered by
 * text2wave (diphone and HTS, 16–32 kHz) — any folder of WAV utterances — strung into lines with
 * pauses, each utterance slowed or sped (pitch and formants together, −6…+3 semitones) so that one
 * voice stands in for several, over the accompaniment stems of generated tracks (--accompaniment) or
 * over plain WAV backings (--backings, e.g. scripts/soundfont-backings.ts). Deterministic from --seed.
 * Voices, licences and the commands that made the shipped model's data: datasets/README.md.
 *
 *   npx tsx scripts/voice-tracks.ts --voices /usr/share/asterisk/sounds/en_US_f_Allison \
 *     --voices …/it_IT_m_Carlo --accompaniment TRACKS_DIR --tracks 84 --seed 1 --out DIR
 *
 * Why: a model trained on the generator alone misses spoken and low male voices it never heard
 * (README, "The shipped model").
 */
import { mkdirSync, readdirSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { addSignals, resample, toMono, type AudioSignal } from "../src/audio";
import { readAudioFile, writeWavFile } from "../src/audio/node";
import { readStemTracks } from "../src/cli/data-dir";
import { mulberry32 } from "../src/train/random";

const RATE = 44100;
const { values } = parseArgs({
  options: {
    voices: { type: "string", multiple: true },
    accompaniment: { type: "string" },
    backings: { type: "string" },
    tracks: { type: "string", default: "40" },
    seed: { type: "string", default: "1" },
    out: { type: "string" },
  },
});
if (!values.voices?.length || !(values.accompaniment || values.backings) || !values.out) {
  throw new Error(
    "usage: --voices DIR [--voices DIR…] (--accompaniment TRACKS_DIR | --backings WAV_DIR) --out DIR [--tracks N] [--seed N]",
  );
}
const random = mulberry32(Number(values.seed));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];

function wavFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? wavFiles(p) : name.endsWith(".wav") ? [p] : [];
    });
}

// Files under 16 kB (a second of 8 kHz 16-bit) are mostly single digits and beeps.
const voices: { name: string; files: string[] }[] = [];
for (const dir of values.voices) {
  const files: string[] = [];
  for (const f of wavFiles(resolve(dir))) if (statSync(f).size > 16000) files.push(f);
  if (!files.length) throw new Error(`${dir} holds no WAV utterances over 16 kB: give a folder of spoken or sung lines`);
  voices.push({ name: basename(dir), files });
  console.log(`${basename(dir)}: ${files.length} utterances`);
}
// Backings come from the accompaniment stems of track folders, or from a folder of plain WAVs
// (scripts/soundfont-backings.ts writes such a folder).
const backings: AudioSignal[] = values.accompaniment
  ? (await readStemTracks(resolve(values.accompaniment))).map((t) => toMono(t.accompaniment))
  : await Promise.all(wavFiles(resolve(values.backings!)).map(async (f) => toMono(await readAudioFile(f))));
if (!backings.length) throw new Error(`${values.backings} holds no WAV files to use as backings`);

const rms = (x: Float32Array) => Math.sqrt(x.reduce((s, v) => s + v * v, 0) / Math.max(1, x.length));

// Each file is decoded once: a track draws a dozen utterances from a few hundred, many more than once.
const decoded = new Map<string, AudioSignal>();

/** One utterance at 44.1 kHz, played at a rate that moves its pitch by `semitones`. */
async function utterance(file: string, semitones: number): Promise<Float32Array> {
  let signal = decoded.get(file);
  if (!signal) decoded.set(file, (signal = toMono(await readAudioFile(file))));
  // Rates on a 100 Hz grid keep the polyphase plan small (gcd with 44100 is at least 100).
  const playedAt = Math.round((signal.sampleRate * 2 ** (semitones / 12)) / 100) * 100;
  return resample(signal.channels[0], playedAt, RATE);
}

mkdirSync(resolve(values.out), { recursive: true });
const count = Number(values.tracks);
for (let i = 0; i < count; i++) {
  const voice = voices[i % voices.length];
  const backing = backings[Math.floor(random() * backings.length)];
  const n = backing.channels[0].length;
  const vocals = new Float32Array(n);
  // One speaker per track at one register: a female voice lowered by up to 6 semitones is a low voice.
  const register = -6 + random() * 9;
  let at = Math.floor((0.2 + random() * 1.5) * RATE);
  while (at < n) {
    const u = await utterance(pick(voice.files), register + (random() - 0.5));
    const gain = 10 ** ((random() - 0.5) * 6 / 20) / Math.max(1e-6, rms(u));
    for (let k = 0; k < u.length && at + k < n; k++) vocals[at + k] = u[k] * gain;
    at += u.length + Math.floor((0.15 + random() * 1.2) * RATE);
  }
  // Voice-to-band level from −6 to +6 dB, the spread of the generator's songs and the unseen tracks.
  const level = (10 ** ((random() * 12 - 6) / 20) * rms(backing.channels[0])) / Math.max(1e-9, rms(vocals));
  for (let k = 0; k < n; k++) vocals[k] *= level;
  const voiceSignal: AudioSignal = { sampleRate: RATE, channels: [vocals] };
  const dir = join(resolve(values.out), `voice-${String(i).padStart(3, "0")}`);
  mkdirSync(dir, { recursive: true });
  writeWavFile(join(dir, "vocals.wav"), voiceSignal, "float32");
  writeWavFile(join(dir, "accompaniment.wav"), backing, "float32");
  writeWavFile(join(dir, "mixture.wav"), addSignals([backing, voiceSignal]), "float32");
  console.log(`${basename(dir)}: ${voice.name}, ${register.toFixed(1)} semitones, ${(n / RATE).toFixed(1)} s`);
}
