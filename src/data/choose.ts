import { stepRandom } from "../train/random";

export type Rng = () => number;

/**
 * One random stream per part of the song, so that a change to how one part draws (say, a new bass
 * pattern) leaves every other part of every seed exactly as it was.
 */
const STREAMS = {
  form: 1,
  melody: 2,
  lyrics: 3,
  voice: 4,
  bass: 5,
  keys: 6,
  plucked: 7,
  bowed: 8,
  drums: 9,
  mix: 10,
  singer: 11,
  speech: 12,
  band: 13,
} as const;

export type StreamName = keyof typeof STREAMS;

export function streamFor(seed: number, name: StreamName, sub = 0): Rng {
  return stepRandom(seed, STREAMS[name] * 1000 + sub);
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)];
}

export function between(rng: Rng, lo: number, hi: number): number {
  return lo + (hi - lo) * rng();
}

export function chance(rng: Rng, p: number): boolean {
  return rng() < p;
}

/** Index drawn with probability proportional to its weight. */
export function weighted(rng: Rng, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let r = rng() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i];
    if (r < 0) return i;
  }
  return weights.length - 1;
}
