/**
 * Accompaniments the song generator cannot make: recorded instrument samples from Debian's
 * fluid-soundfont-gm (FluidR3_GM.sf2, MIT licence) played by fluidsynth from MIDI files written here
 * — piano chords, nylon-guitar arpeggios, a string pad, a fingered bass and a GM drum kit, in a random
 * key, progression and tempo. Deterministic from --seed. Used for the unseen sets of issue 4
 * (scripts/unseen-recorded.sh, scripts/unseen-flite.sh) and, with other seeds, for the shipped
 * model's phase-4 training data (datasets/README.md).
 *
 *   apt-get install fluidsynth fluid-soundfont-gm
 *   npx tsx scripts/soundfont-backings.ts --out DIR [--count 6] [--seconds 30] [--seed 1] [--soundfont SF2]
 *
 * Writes DIR/backing-NN.wav (44.1 kHz mono float32) for scripts/voice-tracks.ts --backings DIR.
 *
 * --palette synth (phase 9's data) plays the same parts on synthesiser programs instead: square, saw
 * and calliope leads, FM electric piano, organs and synth brass for the chords and arpeggios, synth
 * pads, synth bass. A model fine-tuned on real voices over band instruments alone took the espeak
 * set's square-wave stabs and sine bass for voice (README, "The shipped model"). The default palette,
 * "band", draws exactly as before, so earlier data regenerates bit for bit.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { toMono } from "../src/audio";
import { readAudioFile, writeWavFile } from "../src/audio/node";
import { mulberry32 } from "../src/train/random";

const DEFAULT_SOUNDFONT = "/usr/share/sounds/sf2/FluidR3_GM.sf2";
const RATE = 44100;
const TICKS = 480; // per quarter note

const { values } = parseArgs({
  options: {
    out: { type: "string" },
    count: { type: "string", default: "6" },
    seconds: { type: "string", default: "30" },
    seed: { type: "string", default: "1" },
    soundfont: { type: "string", default: DEFAULT_SOUNDFONT },
    palette: { type: "string", default: "band" },
  },
});
if (!values.out) throw new Error("usage: --out DIR [--count N] [--seconds S] [--seed N] [--soundfont SF2] [--palette band|synth]");
// GM programs per part: chords, arpeggio, sustained pad, bass (channel 9 is drums).
const PALETTES: Record<string, readonly (readonly number[])[]> = {
  band: [[0, 1, 4], [24, 25], [48, 49, 89], [33, 34, 32]], // pianos, nylon/steel guitar, strings/pad, basses
  synth: [[80, 81, 5, 16, 62], [80, 82, 17, 84, 11], [88, 89, 90, 94, 50], [38, 39, 87]],
};
const palette = PALETTES[values.palette!];
if (!palette) throw new Error(`--palette must be ${Object.keys(PALETTES).join(" or ")}, got ${values.palette}`);
const SOUNDFONT = values.soundfont!;
const random = mulberry32(Number(values.seed));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];

type NoteEvent = { tick: number; bytes: number[] };

function varLen(n: number): number[] {
  const out = [n & 0x7f];
  while ((n >>= 7)) out.unshift((n & 0x7f) | 0x80);
  return out;
}

/** A format-0 standard MIDI file from absolute-time events. */
function midiFile(events: NoteEvent[], bpm: number): Uint8Array {
  const tempo = Math.round(60_000_000 / bpm);
  const sorted = [{ tick: 0, bytes: [0xff, 0x51, 3, tempo >> 16, (tempo >> 8) & 0xff, tempo & 0xff] }, ...events]
    // Note-offs before note-ons at the same tick, so repeated notes retrigger.
    .sort((a, b) => a.tick - b.tick || (a.bytes[0] & 0xf0) - (b.bytes[0] & 0xf0));
  const track: number[] = [];
  let last = 0;
  for (const e of sorted) {
    track.push(...varLen(e.tick - last), ...e.bytes);
    last = e.tick;
  }
  track.push(0, 0xff, 0x2f, 0);
  const u32 = (n: number) => [n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
  return new Uint8Array([
    ...[0x4d, 0x54, 0x68, 0x64], ...u32(6), 0, 0, 0, 1, TICKS >> 8, TICKS & 0xff,
    ...[0x4d, 0x54, 0x72, 0x6b], ...u32(track.length), ...track,
  ]);
}

function backing(bars: number): { events: NoteEvent[] } {
  const events: NoteEvent[] = [];
  const note = (ch: number, key: number, vel: number, at: number, len: number) => {
    events.push({ tick: at, bytes: [0x90 | ch, key, vel] }, { tick: at + len, bytes: [0x80 | ch, key, 0] });
  };
  const programs = palette.map((choices) => pick(choices));
  programs.forEach((p, ch) => events.push({ tick: 0, bytes: [0xc0 | ch, p] }));
  const tonic = 48 + Math.floor(random() * 12);
  const major = [0, 2, 4, 5, 7, 9, 11];
  const progression = pick([[0, 4, 5, 3], [0, 5, 3, 4], [5, 3, 0, 4], [0, 3, 4, 4], [1, 4, 0, 0]]);
  const bar = 4 * TICKS;
  for (let b = 0; b < bars; b++) {
    const degree = progression[b % progression.length];
    const triad = [0, 2, 4].map((k) => {
      const d = degree + k;
      return tonic + major[d % 7] + 12 * Math.floor(d / 7);
    });
    const at = b * bar;
    for (const k of triad) note(0, k + 12, 60 + Math.floor(random() * 20), at, bar / 2 - 10);
    for (const k of triad) note(0, k + 12, 50 + Math.floor(random() * 20), at + bar / 2, bar / 2 - 10);
    const arpeggio = [...triad, triad[1] + 12, triad[2], triad[1], triad[0] + 12, triad[2]];
    arpeggio.forEach((k, i) => note(1, k, 55 + Math.floor(random() * 25), at + (i * bar) / 8, bar / 8));
    for (const k of triad) note(2, k, 45, at, bar - 5);
    note(3, triad[0] - 12, 90, at, bar / 2 - 20);
    note(3, triad[0] - 12 + (random() < 0.5 ? 7 : 12), 85, at + bar / 2, bar / 2 - 20);
    for (let e = 0; e < 8; e++) note(9, 42, 50 + Math.floor(random() * 30), at + (e * bar) / 8, 60);
    note(9, 36, 100, at, 100);
    note(9, 36, 90, at + (random() < 0.5 ? bar / 2 : (5 * bar) / 8), 100);
    note(9, 38, 95, at + bar / 4, 100);
    note(9, 38, 95, at + (3 * bar) / 4, 100);
  }
  return { events };
}

if (spawnSync("fluidsynth", ["--version"]).status !== 0) {
  throw new Error("needs fluidsynth and its GM soundfont: apt-get install fluidsynth fluid-soundfont-gm");
}
const out = resolve(values.out);
mkdirSync(out, { recursive: true });
const tmp = mkdtempSync(join(tmpdir(), "backings-"));
const seconds = Number(values.seconds);
try {
  for (let i = 0; i < Number(values.count); i++) {
    const bpm = 80 + Math.floor(random() * 50);
    const bars = Math.ceil((seconds * bpm) / 240) + 1;
    const midi = join(tmp, `backing-${i}.mid`);
    const wav = join(tmp, `backing-${i}.wav`);
    writeFileSync(midi, midiFile(backing(bars).events, bpm));
    const r = spawnSync("fluidsynth", ["-ni", "-q", "-g", "0.6", "-r", String(RATE), "-F", wav, SOUNDFONT, midi]);
    if (r.status !== 0) throw new Error(`fluidsynth failed on ${midi}: ${r.stderr}`);
    const signal = toMono(await readAudioFile(wav));
    const samples = signal.channels[0].slice(0, Math.round(seconds * RATE));
    const name = `backing-${String(i).padStart(2, "0")}.wav`;
    writeWavFile(join(out, name), { sampleRate: RATE, channels: [samples] }, "float32");
    console.log(`${name}: ${bpm} BPM, ${(samples.length / RATE).toFixed(1)} s`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
