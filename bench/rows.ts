import type { BenchItem, ReferenceName, Target } from "./items";

/** One measurement of ours: `value` in the item's unit, or null with `note` saying why not. */
export interface Measured {
  name: string;
  value: number | null;
  note?: string;
  /** Shown instead of the number where the number alone would mislead (e.g. "none ≥ 50 ms" for 0). */
  display?: string;
}

/** bench/reference.py's output, read by reference.ts. */
export interface ReferenceTimes {
  items: Partial<Record<ReferenceName, { ms: number; threads: number; what: string; by_threads?: Record<string, number> }>>;
  versions: Record<string, string>;
  /** Why some references could not run ("PyTorch not installed: …"). */
  missing: string[];
}

export interface Row {
  item: BenchItem;
  ours: number | null;
  reference: number | null;
  ratio: number | null;
  /** null when there is no target or nothing to judge it by. */
  met: boolean | null;
  note?: string;
  display?: string;
}

export function ratioOf(item: BenchItem, ours: number | null, reference: number | null): number | null {
  if (ours === null || !(ours > 0)) return null;
  switch (item.ratio) {
    case "vs-reference":
      return reference !== null && reference > 0 ? ours / reference : null;
    case "real-time":
      // For the memory item the value is MB, not a duration: its audio length does not make a speed.
      return item.unit === "ms" && item.audioMs ? item.audioMs / ours : null;
    case "none":
      return null;
  }
}

export function meets(target: Target | undefined, ours: number | null, ratio: number | null): boolean | null {
  if (!target) return null;
  switch (target.kind) {
    case "ratio-at-most":
      return ratio === null ? null : ratio <= target.value;
    case "real-time-at-least":
      return ratio === null ? null : ratio >= target.value;
    case "at-most":
      return ours === null ? null : ours <= target.value;
  }
}

/** Rows in `items` order; an item with no measurement shows as not measured. */
export function makeRows(items: readonly BenchItem[], measured: readonly Measured[], reference: ReferenceTimes | null): Row[] {
  return items.map((item) => {
    const m = measured.find((x) => x.name === item.name);
    const ours = m?.value ?? null;
    const ref = item.reference ? (reference?.items[item.reference]?.ms ?? null) : null;
    const ratio = ratioOf(item, ours, ref);
    return { item, ours, reference: ref, ratio, met: meets(item.target, ours, ratio), note: m ? m.note : "not measured", display: m?.display };
  });
}
