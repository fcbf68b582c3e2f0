import { between, chance, type Rng } from "./choose";

export type VoiceType = "female" | "male";

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
  };
}
