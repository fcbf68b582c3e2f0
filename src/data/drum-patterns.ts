import { between, chance, pick, streamFor, type Rng } from "./choose";
import type { SectionName, SongPlan } from "./form";

export type DrumKind = "kick" | "snare" | "hat" | "openhat" | "crash";

export interface DrumHit {
  time: number;
  kind: DrumKind;
  velocity: number;
}

/**
 * One bar of sixteenth-note steps per drum: "x" accent, "o" normal, "g" ghost, "." rest.
 */
type Groove = Partial<Record<DrumKind, string>>;

const GROOVES: Record<string, Groove> = {
  rock: { kick: "x......ox.o.....", snare: "....x.......x...", hat: "x.o.x.o.x.o.x.o." },
  ballad: { kick: "x.......x.......", snare: "....x.......x...", hat: "x...o...x...o..." },
  halfTime: { kick: "x.........o.....", snare: "........x.......", hat: "x.o.x.o.x.o.x.o." },
  fourFloor: { kick: "x...x...x...x...", snare: "....x.......x...", hat: "o.o.o.o.o.o.o.o.", openhat: "..o...o...o...o." },
  sixteenths: { kick: "x..o..x...o..o..", snare: "....x..g.g..x..g", hat: "xoooxoooxoooxooo" },
  push: { kick: "x.....o.x.....o.", snare: "....x.......x..g", hat: "x.o.x.o.x.o.x.oo" },
  sparse: { kick: "x.......x.......", hat: "o...o...o...o..." },
};

const LEVEL: Record<string, number> = { x: 1, o: 0.75, g: 0.3 };
const FILL = "............xxxx";

/**
 * The drummer: a groove per kind of section (chosen from the song's tempo, lighter in verses and
 * bridges, driving in choruses), a snare fill into each new section, and a crash where one starts.
 */
export function writeDrums(plan: SongPlan): DrumHit[] {
  const rng = streamFor(plan.seed, "drums");
  const fast = plan.tempo >= 105;
  const grooves: Record<SectionName, string | null> = {
    intro: chance(rng, 0.5) ? null : "sparse",
    verse: pick(rng, fast ? ["rock", "push", "halfTime"] : ["ballad", "rock", "sixteenths"]),
    chorus: pick(rng, fast ? ["rock", "fourFloor", "push"] : ["rock", "sixteenths", "push"]),
    bridge: pick(rng, ["halfTime", "ballad", "sparse"]),
    outro: pick(rng, ["sparse", "ballad"]),
  };
  const step = plan.beat / 4;
  const hits: DrumHit[] = [];
  plan.sections.forEach((section, s) => {
    const name = grooves[section.name];
    if (!name) return;
    const groove = GROOVES[name];
    const next = plan.sections[s + 1];
    for (let b = 0; b < section.bars; b++) {
      const start = (section.startBar + b) * plan.bar;
      const fill = next && b === section.bars - 1 && chance(rng, 0.8);
      const energy = 0.7 + 0.3 * section.energy;
      for (const [kind, steps] of Object.entries(groove) as Array<[DrumKind, string]>) {
        for (let k = 0; k < 16; k++) {
          if (fill && k >= 12 && kind !== "kick") continue;
          const level = LEVEL[steps[k]];
          if (level) hits.push(hit(rng, start + k * step, kind, level * energy));
        }
      }
      if (fill) for (let k = 12; k < 16; k++) if (FILL[k] === "x") hits.push(hit(rng, start + k * step, "snare", (0.55 + 0.12 * (k - 12)) * energy));
      if (b === 0 && section.name !== "intro" && section.energy >= 0.6) hits.push(hit(rng, start, "crash", 0.9));
    }
  });
  return hits;
}

function hit(rng: Rng, time: number, kind: DrumKind, velocity: number): DrumHit {
  return { time: Math.max(0, time + between(rng, -0.004, 0.004)), kind, velocity: Math.min(1, velocity * between(rng, 0.9, 1.05)) };
}
