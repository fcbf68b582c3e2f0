import type { AudioSignal } from "../audio";
import { renderBass, renderSineBass } from "./bass";
import { renderBowed } from "./bowed";
import { between, chance, pick, streamFor } from "./choose";
import { writeDrums } from "./drum-patterns";
import { renderDrums } from "./drums";
import { planSong, type SectionName } from "./form";
import { renderKeys } from "./keys";
import { melodyInSeconds, writeMelody, type SungNote } from "./melody";
import { activeBlocks, applyGain, fadeOut, measure, mixStem, rmsOver, type Source } from "./mixdown";
import { writeParts } from "./parts";
import { renderPlucked } from "./plucked";
import type { Delivery, SingerRange, VoiceType } from "./singer";
import { keyName, midiToHz } from "./theory";
import { renderVoice } from "./voice";

export interface SongOptions {
  /** Whole number in [0, 2³²): the same seed always gives the same song, sample for sample. */
  seed: number;
  seconds: number;
  /** Default 44100. */
  sampleRate?: number;
  /** Two channels with the instruments panned and the voice centred; default mono. */
  stereo?: boolean;
  /**
   * Vocals' level relative to the accompaniment (dB, RMS over the sung parts); default: drawn from the
   * seed between −3 and +3 dB, so a set of songs has the spread real mixes have.
   */
  vocalLevelDb?: number;
  /** Which singers to draw: "pop" (default) or "wide" (deeper and higher registers, and spoken lines); see SingerRange. */
  singers?: SingerRange;
  /**
   * "pop" (default): the band as it always was. "wide": in half the songs a pure-sine bass (sustained
   * or 808-style) joins the synth bass in the bass stem, at 55–150 Hz where deep voices sit.
   */
  band?: "pop" | "wide";
}

/** The accompaniment's parts, in the order they are summed into it. */
export const INSTRUMENTS = ["drums", "bass", "keys", "plucked", "bowed"] as const;
export type InstrumentName = (typeof INSTRUMENTS)[number];

export interface SongSection {
  name: SectionName;
  /** Seconds from the start. */
  start: number;
  bars: number;
  chords: string[];
}

export interface GeneratedSong {
  name: string;
  seed: number;
  sampleRate: number;
  seconds: number;
  /** e.g. "Eb major". */
  key: string;
  /** Beats per minute (4/4 throughout). */
  tempo: number;
  /** Chord names of the verse's progression, the song's main loop. */
  progression: string[];
  sections: SongSection[];
  singer: { voice: VoiceType; lowHz: number; highHz: number; delivery: Delivery };
  /** The sung notes, as rendered: the ground truth for a pitch track. */
  melody: SungNote[];
  vocalLevelDb: number;
  /** Common linear gain applied to every stem (after its own level) so that nothing exceeds −1 dBFS. */
  gain: number;
  vocals: AudioSignal;
  /** The sum of the instrument stems. */
  accompaniment: AudioSignal;
  /** vocals + accompaniment, exactly as float32 addition gives it. */
  mixture: AudioSignal;
  /** Every part: the instruments (summing to the accompaniment up to float rounding) and the vocals. */
  stems: Record<InstrumentName | "vocals", AudioSignal>;
}

const PEAK = 10 ** (-1 / 20);

/**
 * Writes and renders a song from its seed: plan (key, tempo, form, chords), melody and band parts,
 * then each part's synthesis, a mix with levels, pans and reverb, and one common gain so that the
 * loudest of the mixture and the stems peaks at −1 dBFS. Pure TypeScript; runs in the browser too.
 */
export function generateSong(options: SongOptions): GeneratedSong {
  const { seed, seconds, sampleRate = 44100, stereo = false } = options;
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) throw new Error(`generateSong: seed must be a whole number in [0, 2^32), got ${seed}`);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) throw new Error(`generateSong: seconds must be in (0, 3600], got ${seconds}`);
  if (!Number.isInteger(sampleRate) || sampleRate < 4000 || sampleRate > 384000) {
    throw new Error(`generateSong: sampleRate must be a whole number of Hz in [4000, 384000], got ${sampleRate}`);
  }
  if (options.vocalLevelDb !== undefined && !Number.isFinite(options.vocalLevelDb)) throw new Error(`generateSong: vocalLevelDb must be a finite number of dB`);
  const length = Math.round(seconds * sampleRate);
  const channels = stereo ? 2 : 1;
  if (options.singers !== undefined && options.singers !== "pop" && options.singers !== "wide") throw new Error(`generateSong: singers must be "pop" or "wide", got ${String(options.singers)}`);
  if (options.band !== undefined && options.band !== "pop" && options.band !== "wide") throw new Error(`generateSong: band must be "pop" or "wide", got ${String(options.band)}`);
  const plan = planSong(seed, seconds, options.singers);
  const melody = melodyInSeconds(writeMelody(plan), plan.beat, streamFor(seed, "voice", 1));
  const parts = writeParts(plan);
  const mix = streamFor(seed, "mix");
  const vocalLevelDb = options.vocalLevelDb ?? between(mix, -3, 3);
  const reverbSeconds = between(mix, 1.2, 2.2);
  const side = pick(mix, [-1, 1]);
  const level = (db: number) => db + between(mix, -2, 2);

  const drums = renderDrums(writeDrums(plan), sampleRate, length, streamFor(seed, "drums", 1));
  const specs: Record<InstrumentName, { sources: Source[]; db: number }> = {
    drums: {
      sources: [
        { mono: drums.kick, pan: 0, send: 0 },
        { mono: drums.snare, pan: 0.08 * side, send: 0.12 },
        { mono: drums.cymbals, pan: -0.3 * side, send: 0.05 },
      ],
      db: level(-14),
    },
    bass: { sources: [{ mono: bassLine(parts.bass, sampleRate, length, seed, options.band ?? "pop"), pan: 0, send: 0 }], db: level(-15) },
    keys: { sources: [{ mono: renderKeys(parts.keys, sampleRate, length), pan: between(mix, 0.15, 0.4) * side, send: 0.2 }], db: level(-19) },
    plucked: {
      sources: [{ mono: renderPlucked(parts.plucked, sampleRate, length, streamFor(seed, "plucked", 1)), pan: -between(mix, 0.3, 0.6) * side, send: 0.18 }],
      db: level(-20),
    },
    bowed: {
      sources: [{ mono: renderBowed(parts.bowed, sampleRate, length, streamFor(seed, "bowed", 1)), pan: between(mix, -0.2, 0.2), send: 0.3 }],
      db: level(-21),
    },
  };
  const voice = renderVoice(melody, plan.singer, sampleRate, length, streamFor(seed, "voice"));
  const vocals = mixStem([{ mono: voice, pan: 0, send: 0.25 }], channels, sampleRate, reverbSeconds);

  // Gains are only worked out here and applied once, at the end, in a single pass over each stem.
  const stems = INSTRUMENTS.map((name) => mixStem(specs[name].sources, channels, sampleRate, reverbSeconds));
  const gains = stems.map((stem, k) => {
    const { powers } = measure([stem], sampleRate);
    const rms = rmsOver(powers, activeBlocks(powers));
    return rms > 0 ? 10 ** (specs[INSTRUMENTS[k]].db / 20) / rms : 1;
  });
  const sungLevel = measure([vocals], sampleRate);
  const sung = activeBlocks(sungLevel.powers);
  const band = measure(stems, sampleRate, gains);
  const voiceRms = rmsOver(sungLevel.powers, sung);
  const bandRms = rmsOver(band.powers, sung);
  const vocalGain = voiceRms > 0 && bandRms > 0 ? (10 ** (vocalLevelDb / 20) * bandRms) / voiceRms : 1;

  const all = [vocals, ...stems];
  const allGains = [vocalGain, ...gains];
  for (const stem of all) fadeOut(stem, sampleRate, Math.min(2, seconds / 10));
  const peaks = [measure(all, sampleRate, allGains).peak, ...all.map((s, k) => measure([s], sampleRate).peak * allGains[k])];
  const gain = PEAK / Math.max(1e-9, ...peaks);
  all.forEach((stem, k) => applyGain(stem, allGains[k] * gain));
  // Rounded to float32 only now, after the gain: the accompaniment is the float sum of its stems and
  // the mixture is vocals + accompaniment as float32 addition, so a loader that adds the two WAVs
  // gets the mixture bit for bit.
  const accompaniment = sumChannels(stems, channels, length);
  const mixture = sumChannels([vocals, accompaniment], channels, length);

  const signal = (c: Float32Array[]): AudioSignal => ({ sampleRate, channels: c });
  return {
    name: `song-${seed}`,
    seed,
    sampleRate,
    seconds: length / sampleRate,
    key: keyName(plan.key),
    tempo: plan.tempo,
    progression: plan.progression,
    sections: plan.sections.map((s) => ({ name: s.name, start: s.startBar * plan.bar, bars: s.bars, chords: s.chords.map((c) => c.name) })),
    singer: { voice: plan.singer.voice, lowHz: midiToHz(plan.singer.low), highHz: midiToHz(plan.singer.high), delivery: plan.singer.delivery },
    melody,
    vocalLevelDb,
    gain,
    vocals: signal(vocals),
    accompaniment: signal(accompaniment),
    mixture: signal(mixture),
    stems: { ...(Object.fromEntries(INSTRUMENTS.map((n, k) => [n, signal(stems[k])])) as Record<InstrumentName, AudioSignal>), vocals: signal(vocals) },
  };
}

/** The bass stem's source: the synth bass, and for a "wide" band sometimes a sine bass with it. */
function bassLine(notes: Parameters<typeof renderBass>[0], sampleRate: number, length: number, seed: number, band: "pop" | "wide"): Float32Array {
  const synth = renderBass(notes, sampleRate, length);
  if (band !== "wide") return synth;
  const rng = streamFor(seed, "band");
  if (!chance(rng, 0.5)) return synth;
  const sines = renderSineBass(notes, sampleRate, length, rng);
  // From a quiet doubling to the sine carrying the bass: the synth bass at 0.2–1 of its level.
  const synthShare = between(rng, 0.2, 1);
  const sineGain = between(rng, 0.5, 1.5) * (rms(synth) / Math.max(rms(sines), 1e-9));
  for (let i = 0; i < length; i++) synth[i] = synthShare * synth[i] + sineGain * sines[i];
  return synth;
}

function rms(x: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += x[i] * x[i];
  return Math.sqrt(sum / Math.max(1, x.length));
}

function sumChannels(signals: readonly Float32Array[][], channels: number, length: number): Float32Array[] {
  return Array.from({ length: channels }, (_, c) => {
    const acc = new Float64Array(length);
    for (const signal of signals) {
      const x = signal[c];
      for (let i = 0; i < length; i++) acc[i] += x[i];
    }
    return new Float32Array(acc);
  });
}
