import { between, chance, pick, streamFor, type Rng } from "./choose";
import type { SectionName, SectionPlan, SongPlan } from "./form";
import type { Chord } from "./theory";

/** A note for an instrument, in seconds. */
export interface NoteEvent {
  start: number;
  duration: number;
  midi: number;
  velocity: number;
}

/** [beat in bar, length in beats, velocity scale] for the chord instruments. */
type Hit = readonly [number, number, number];

const COMPING: Record<string, Hit[]> = {
  whole: [[0, 4, 1]],
  halves: [[0, 2, 1], [2, 2, 0.85]],
  pushes: [[0, 1.5, 1], [1.5, 1.5, 0.85], [3, 1, 0.8]],
  quarters: [[0, 1, 1], [1, 1, 0.7], [2, 1, 0.85], [3, 1, 0.7]],
  offbeats: [[0.5, 0.45, 0.9], [1.5, 0.45, 0.8], [2.5, 0.45, 0.9], [3.5, 0.45, 0.8]],
  anticipated: [[0, 2.5, 1], [2.5, 1.5, 0.85]],
};

/** The whole band's notes (drums aside), by instrument. */
export interface BandParts {
  bass: NoteEvent[];
  keys: NoteEvent[];
  plucked: NoteEvent[];
  bowed: NoteEvent[];
}

/**
 * Which instruments play where and how: the band thins out for the intro, bridge and outro and fills
 * in for the chorus, and each instrument keeps one pattern per kind of section, so a chorus that comes
 * back sounds like the same chorus.
 */
export function writeParts(plan: SongPlan): BandParts {
  return {
    bass: writeBass(plan, streamFor(plan.seed, "bass")),
    keys: writeKeys(plan, streamFor(plan.seed, "keys")),
    plucked: writePlucked(plan, streamFor(plan.seed, "plucked")),
    bowed: writeBowed(plan, streamFor(plan.seed, "bowed")),
  };
}

/** Nudges a note off the grid, as players do. */
function human(rng: Rng, start: number, velocity: number): [number, number] {
  return [Math.max(0, start + between(rng, -0.006, 0.006)), Math.min(1, Math.max(0.1, velocity + between(rng, -0.07, 0.07)))];
}

function patternPerSection<T>(choose: (name: SectionName) => T): Map<SectionName, T> {
  const names: SectionName[] = ["intro", "verse", "chorus", "bridge", "outro"];
  return new Map(names.map((n) => [n, choose(n)]));
}

/**
 * The chord `tones` stacked from `low` in the inversion closest to `previous` (smooth voice leading), or
 * nearest the middle of the range for the first chord; `count` may exceed the tones (doubling).
 */
export function voiceChord(tones: readonly number[], count: number, low: number, high: number, previous: readonly number[] | null): number[] {
  let best: number[] = [];
  let bestCost = Infinity;
  for (let inversion = 0; inversion < tones.length; inversion++) {
    for (let base = low; base < low + 12; base++) {
      if ((base - tones[inversion] + 1200) % 12 !== 0) continue;
      const notes = [base];
      for (let k = 1; k < count; k++) {
        const pc = tones[(inversion + k) % tones.length];
        let m = notes[k - 1] + 1;
        while ((m - pc + 1200) % 12 !== 0) m++;
        notes.push(m);
      }
      if (notes[count - 1] > high) continue;
      const cost = previous
        ? notes.reduce((s, m, k) => s + Math.abs(m - (previous[k] ?? previous[previous.length - 1])), 0)
        : Math.abs(notes.reduce((s, m) => s + m, 0) / count - (low + high) / 2);
      if (cost < bestCost) {
        bestCost = cost;
        best = notes;
      }
    }
  }
  return best;
}

function eachBar(plan: SongPlan, visit: (section: SectionPlan, bar: number, chord: Chord, next: Chord, start: number) => void): void {
  const all = plan.sections.flatMap((s) => s.chords.map((c, i) => ({ section: s, chord: c, bar: s.startBar + i })));
  all.forEach(({ section, chord, bar }, i) => visit(section, bar, chord, (all[i + 1] ?? all[i]).chord, bar * plan.bar));
}

function writeBass(plan: SongPlan, rng: Rng): NoteEvent[] {
  type Step = readonly [number, number, "R" | "5" | "8" | "A", number];
  const PATTERNS: Record<string, Step[]> = {
    whole: [[0, 3.8, "R", 1]],
    rootFifth: [[0, 1.9, "R", 1], [2, 1.9, "5", 0.85]],
    pop: [[0, 1.4, "R", 1], [1.5, 0.45, "R", 0.7], [2, 1.4, "R", 0.9], [3.5, 0.45, "A", 0.75]],
    walking: [[0, 0.95, "R", 1], [1, 0.95, "5", 0.8], [2, 0.95, "8", 0.85], [3, 0.95, "A", 0.8]],
    eighths: Array.from({ length: 8 }, (_, i) => [i / 2, 0.45, i === 7 ? "A" : i === 3 || i === 6 ? "8" : "R", i % 2 ? 0.7 : 0.95] as Step),
  };
  const choice = patternPerSection((name) =>
    name === "chorus" ? pick(rng, ["pop", "eighths", "walking"]) : name === "verse" ? pick(rng, ["pop", "rootFifth", "walking"]) : pick(rng, ["whole", "rootFifth"]),
  );
  const introBass = chance(rng, 0.4);
  const out: NoteEvent[] = [];
  const register = (pc: number) => 28 + ((pc - 4 + 12) % 12);
  eachBar(plan, (section, _bar, chord, next, start) => {
    if (section.name === "intro" && !introBass) return;
    const root = register(chord.root);
    for (const [beat, beats, role, vel] of PATTERNS[choice.get(section.name)!]) {
      const nextRoot = register(next.root);
      const midi = role === "R" ? root : role === "5" ? root + 7 : role === "8" ? root + 12 : nextRoot + (nextRoot > root ? -1 : 1);
      const [t, v] = human(rng, start + beat * plan.beat, vel * (0.75 + 0.25 * section.energy));
      out.push({ start: t, duration: beats * plan.beat, midi, velocity: v });
    }
  });
  return out;
}

function writeKeys(plan: SongPlan, rng: Rng): NoteEvent[] {
  const names = Object.keys(COMPING);
  const choice = patternPerSection((name) =>
    name === "chorus" ? pick(rng, ["pushes", "quarters", "offbeats", "anticipated"]) : name === "verse" ? pick(rng, names) : pick(rng, ["whole", "halves"]),
  );
  const count = pick(rng, [3, 4]);
  const out: NoteEvent[] = [];
  let previous: number[] | null = null;
  eachBar(plan, (section, _bar, chord, _next, start) => {
    const voicing = voiceChord(chord.tones, count, 53, 76, previous);
    previous = voicing;
    for (const [beat, beats, vel] of COMPING[choice.get(section.name)!]) {
      for (const midi of voicing) {
        const [t, v] = human(rng, start + beat * plan.beat, vel * (0.6 + 0.3 * section.energy));
        out.push({ start: t, duration: beats * plan.beat * 0.95, midi, velocity: v });
      }
    }
    // With no bass yet (a sparse intro), the left hand plays the root.
    if (section.name === "intro") out.push({ start, duration: plan.bar, midi: 36 + ((chord.root + 12) % 12), velocity: 0.7 });
  });
  return out;
}

function writePlucked(plan: SongPlan, rng: Rng): NoteEvent[] {
  const slow = plan.tempo < 100;
  const ARPEGGIOS = [
    [0, 1, 2, 3, 4, 3, 2, 1],
    [0, 2, 1, 3, 2, 4, 3, 5],
    [0, 3, 1, 4, 2, 5, 3, 4],
    [0, 1, 2, 1, 3, 2, 4, 2],
  ];
  const arpeggio = pick(rng, ARPEGGIOS);
  const strum = chance(rng, 0.35);
  const step = slow && chance(rng, 0.5) ? 0.25 : 0.5;
  const silentIn = new Set<SectionName>(["bridge", ...(chance(rng, 0.5) ? (["verse"] as const) : [])]);
  const out: NoteEvent[] = [];
  let previous: number[] | null = null;
  eachBar(plan, (section, _bar, chord, _next, start) => {
    const voicing = voiceChord(chord.tones, 6, 52, 81, previous);
    previous = voicing;
    if (silentIn.has(section.name)) return;
    if (strum) {
      // Down, down-up, up-down strums: strings struck 12 ms apart, upstrokes from the top, softer.
      for (const [beat, up] of [[0, false], [1.5, false], [2, true], [2.5, false], [3, false], [3.5, true]] as const) {
        const order = up ? [...voicing].reverse().slice(0, 4) : voicing;
        order.forEach((midi, k) => {
          const [t, v] = human(rng, start + beat * plan.beat + k * 0.012, (up ? 0.55 : 0.8) * (0.7 + 0.3 * section.energy));
          out.push({ start: t, duration: 0.5 * plan.beat, midi, velocity: v });
        });
      }
      return;
    }
    const steps = Math.round(4 / step);
    for (let k = 0; k < steps; k++) {
      const midi = voicing[arpeggio[k % arpeggio.length] % voicing.length];
      const [t, v] = human(rng, start + k * step * plan.beat, (k % (1 / step) === 0 ? 0.9 : 0.7) * (0.7 + 0.3 * section.energy));
      out.push({ start: t, duration: Math.min(1.5, 2 * plan.beat), midi, velocity: v });
    }
  });
  return out;
}

function writeBowed(plan: SongPlan, rng: Rng): NoteEvent[] {
  const playsIn = new Set<SectionName>(["chorus", "bridge", "outro", ...(chance(rng, 0.35) ? (["intro"] as const) : []), ...(chance(rng, 0.3) ? (["verse"] as const) : [])]);
  const low = pick(rng, [48, 55]);
  const out: NoteEvent[] = [];
  let previous: number[] | null = null;
  const held = new Map<number, NoteEvent>();
  eachBar(plan, (section, _bar, chord, _next, start) => {
    if (!playsIn.has(section.name)) {
      held.clear();
      previous = null;
      return;
    }
    const voicing = voiceChord(chord.tones, 3, low, low + 24, previous);
    previous = voicing;
    const velocity = 0.6 + 0.35 * section.energy;
    const next = new Map<number, NoteEvent>();
    for (const midi of voicing) {
      // A note common to both chords is held over, not bowed again.
      const tied = held.get(midi);
      if (tied) {
        tied.duration += plan.bar;
        next.set(midi, tied);
        continue;
      }
      const note = { start, duration: plan.bar, midi, velocity };
      out.push(note);
      next.set(midi, note);
    }
    held.clear();
    for (const [m, n] of next) held.set(m, n);
  });
  return out;
}
