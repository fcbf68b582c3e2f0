import { between, chance, type Rng } from "./choose";

export type VoiceType = "female" | "male";
/** Sung melodies, or lines spoken/rapped in speech rhythm and intonation. */
export type Delivery = "sung" | "spoken";
/**
 * Which singers songs get: "pop" (the default, unchanged since the shipped datasets and model were
 * made) draws a female alto or a male tenor range, always sung; "wide" also draws contralto,
 * soprano, baritone and bass ranges and, in 40 % of songs, spoken delivery. Real voices go lower
 * than the pop ranges: spoken male voices sit at 85–150 Hz, below the tenor's B2 (123 Hz) floor,
 * and a model trained on tenors alone hands them to the band.
 */
export type SingerRange = "pop" | "wide";

/** The voice that sings a song: its range (MIDI notes) and the habits that make it sound sung. */
export interface Singer {
  voice: VoiceType;
  /** Lowest and highest notes the melody may use. */
  low: number;
  high: number;
  /** Vibrato rate in Hz and peak depth in semitones. */
  vibratoRate: number;
  vibratoDepth: number;
  /** Seconds after a note starts before vibrato sets in (singers hold the pitch first). */
  vibratoDelay: number;
  /** Share of aspiration noise in the voiced sound. */
  breathiness: number;
  /** Cut-off (Hz) of the source's spectral tilt: higher is a brighter, more pressed voice. */
  brightness: number;
  delivery: Delivery;
  /** Which consonants the lyrics draw on: the pop set, or speech's larger one (phonemes.ts). */
  lexicon: "pop" | "speech";
}

/** Pop ranges: a female voice around A3–E5, a male around B2–G4. */
export function chooseSinger(rng: Rng): Singer {
  const female = chance(rng, 0.5);
  const shift = Math.round(between(rng, -1.4, 1.4));
  return {
    voice: female ? "female" : "male",
    low: (female ? 57 : 47) + shift,
    high: (female ? 76 : 67) + shift,
    vibratoRate: between(rng, 5, 6),
    vibratoDepth: between(rng, 0.25, 0.5),
    vibratoDelay: between(rng, 0.18, 0.32),
    breathiness: between(rng, 0.04, 0.14),
    brightness: between(rng, 3000, 5000),
    delivery: "sung",
    lexicon: "pop",
  };
}

/** Lowest and highest MIDI notes of each register "wide" draws from (before the ±1 shift). */
const REGISTERS: Record<VoiceType, readonly (readonly [number, number])[]> = {
  female: [[53, 72], [57, 76], [60, 79]], // contralto F3–C5, mezzo (the pop alto), soprano C4–G5
  male: [[40, 60], [43, 64], [47, 67]], // bass E2–C4, baritone G2–E4, tenor (the pop range)
};

/**
 * A "pop" singer moved to a register of its voice type and, sometimes, to spoken delivery. Its own
 * random stream, so that the pop singer (and every song made with "pop") stays as it was.
 */
export function widenSinger(singer: Singer, rng: Rng): Singer {
  const shift = singer.low - (singer.voice === "female" ? 57 : 47);
  const [low, high] = REGISTERS[singer.voice][Math.floor(rng() * 3)];
  const spoken = chance(rng, 0.4);
  return {
    ...singer,
    low: low + shift,
    high: high + shift,
    delivery: spoken ? "spoken" : "sung",
    lexicon: "speech",
    // Speech has no vibrato to speak of and more breath; its brightness varies more between voices.
    vibratoDepth: spoken ? 0.05 : singer.vibratoDepth,
    breathiness: spoken ? between(rng, 0.06, 0.2) : singer.breathiness,
    brightness: spoken ? between(rng, 2200, 5500) : singer.brightness,
  };
}
