import { pick, type Rng } from "./choose";
import type { Mode } from "./theory";

/**
 * Four-bar diatonic progressions that pop, rock and jazz standards are built from. A song draws one
 * for its verse, another for its chorus and a third for its bridge.
 */
const MAJOR: string[][] = [
  ["I", "V", "vi", "IV"],
  ["vi", "IV", "I", "V"],
  ["I", "vi", "IV", "V"],
  ["I", "IV", "vi", "V"],
  ["IV", "I", "V", "vi"],
  ["I", "iii", "IV", "V"],
  ["I", "bVII", "IV", "I"],
  ["ii7", "V7", "Imaj7", "Imaj7"],
  ["Imaj7", "vi7", "ii7", "V7"],
  ["I", "IV", "ii", "V"],
  ["IV", "V", "iii", "vi"],
];

const MINOR: string[][] = [
  ["i", "VI", "III", "VII"],
  ["i", "iv", "v", "i"],
  ["i", "VII", "VI", "VII"],
  ["i", "iv", "VII", "III"],
  ["i", "VI", "iv", "V"],
  ["VI", "VII", "i", "i"],
  ["iv", "VII", "III", "VI"],
  ["i", "III", "VII", "iv"],
  ["ii°7", "V7", "i", "i"],
];

export interface Progressions {
  verse: string[];
  chorus: string[];
  bridge: string[];
}

export function chooseProgressions(rng: Rng, mode: Mode): Progressions {
  const table = mode === "major" ? MAJOR : MINOR;
  const verse = pick(rng, table);
  const others = table.filter((p) => p !== verse);
  const chorus = pick(rng, others);
  const bridge = pick(rng, others.filter((p) => p !== chorus));
  return { verse, chorus, bridge };
}
