import { between, chance, pick, streamFor } from "./choose";
import { chooseProgressions } from "./progressions";
import { chooseSinger, widenSinger, type Singer, type SingerRange } from "./singer";
import { chordFromNumeral, type Chord, type Key, type Mode } from "./theory";

export type SectionName = "intro" | "verse" | "chorus" | "bridge" | "outro";

export interface SectionPlan {
  name: SectionName;
  /** Which occurrence of this section (0 for the first verse, 1 for the second…). */
  occurrence: number;
  startBar: number;
  bars: number;
  /** Bars a full section of this kind has; `bars` is smaller only where the song ends inside it. */
  fullBars: number;
  /** One chord per bar. */
  chords: Chord[];
  sung: boolean;
  /** 0..1: how much the band plays (instruments, drum pattern, loudness). */
  energy: number;
}

/** Everything about a song that is decided before a sample is rendered. */
export interface SongPlan {
  seed: number;
  seconds: number;
  key: Key;
  tempo: number;
  /** Seconds per beat and per 4/4 bar. */
  beat: number;
  bar: number;
  sections: SectionPlan[];
  singer: Singer;
  /** Chord names of the verse progression, the song's main loop. */
  progression: string[];
}

const ENERGY: Record<SectionName, number> = { intro: 0.35, verse: 0.6, chorus: 1, bridge: 0.5, outro: 0.4 };

/**
 * The song's key, tempo, form and chords. The form follows pop convention (intro, verse, chorus,
 * verse, chorus, bridge, chorus…), cut to the length asked for; a song long enough for one ends on an
 * outro that lands on the tonic, a shorter one simply fades (see mixdown).
 */
export function planSong(seed: number, seconds: number, singers: SingerRange = "pop"): SongPlan {
  const rng = streamFor(seed, "form");
  const mode: Mode = chance(rng, 0.65) ? "major" : "minor";
  const key: Key = { tonic: Math.floor(rng() * 12), mode };
  const tempo = Math.round(between(rng, 70, 140));
  const beat = 60 / tempo;
  const bar = 4 * beat;
  const progressions = chooseProgressions(rng, mode);
  const popSinger = chooseSinger(rng);
  const singer = singers === "wide" ? widenSinger(popSinger, streamFor(seed, "singer")) : popSinger;

  const totalBars = Math.ceil(seconds / bar);
  const short = seconds < 45;
  const lengths: Record<SectionName, number> = {
    intro: seconds < 20 ? 1 : seconds < 60 ? 2 : pick(rng, [2, 4]),
    verse: short ? 4 : pick(rng, [4, 8, 8]),
    chorus: short ? 4 : pick(rng, [4, 8, 8]),
    bridge: 4,
    outro: pick(rng, [2, 4]),
  };
  const outroBars = seconds >= 60 ? lengths.outro : 0;
  const body: SectionName[] = ["intro", "verse", "chorus", "verse", "chorus", "bridge", "chorus"];
  while (body.length < 64) body.push("verse", "chorus", "chorus");

  const sections: SectionPlan[] = [];
  const seen: Partial<Record<SectionName, number>> = {};
  let startBar = 0;
  const add = (name: SectionName, bars: number, fullBars: number) => {
    const numerals = name === "outro" ? outroNumerals(mode, fullBars) : name === "intro" ? progressions.verse : progressions[name];
    const chords = Array.from({ length: bars }, (_, i) => chordFromNumeral(numerals[i % numerals.length], key));
    const occurrence = seen[name] ?? 0;
    seen[name] = occurrence + 1;
    sections.push({ name, occurrence, startBar, bars, fullBars, chords, sung: name !== "intro" && name !== "outro", energy: ENERGY[name] });
    startBar += bars;
  };
  for (const name of body) {
    const left = totalBars - outroBars - startBar;
    if (left <= 0) break;
    add(name, Math.min(lengths[name], left), lengths[name]);
  }
  if (outroBars) add("outro", outroBars, outroBars);

  const progression = progressions.verse.map((n) => chordFromNumeral(n, key).name);
  return { seed, seconds, key, tempo, beat, bar, sections, singer, progression };
}

/** A cadence onto the tonic, held for the last bar(s). */
function outroNumerals(mode: Mode, bars: number): string[] {
  const cadence = mode === "major" ? ["IV", "V", "I", "I"] : ["iv", "V", "i", "i"];
  return bars >= 4 ? cadence : cadence.slice(1, 3);
}
