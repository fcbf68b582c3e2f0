import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import type { AxisPhase } from "./phase-plan";
import { heap, release, transpose, type Info } from "./wasm-calls";

/**
 * The per-phase stride-1 filters of a transposed convolution, cut from its filter, and a small
 * cache of them for inference.
 *
 * Cutting them and having XNNPACK pack them costs ~12 ns per filter element: ~65 ms per forward
 * pass for the U-Net's decoder, a third of a batch-1 forward. In inference the same weights come
 * back call after call, so the filters are kept, and XNNPACK keeps its packed operators with
 * them. In training every weight is replaced after each step, so a filter is used once; to keep
 * training from holding a second copy of every weight, a filter's phases are kept only once the
 * same weights are seen a second time. Entries go when their weights are disposed (checked at
 * every call) or when the cache is full (least recently used first).
 */

/** Weights kept at most; the U-Net uses 6 (inference) to 11 (training) transposed convolutions. */
const MAX_ENTRIES = 24;

interface Entry {
  /** The weights' data id (an object, never reused once disposed). */
  filter: object;
  /** Stride and taps: the weights' phases depend on nothing else. */
  key: string;
  /** null until the weights are seen a second time. */
  filters: (Info | null)[] | null;
}

const caches = new WeakMap<BackendWasm, Entry[]>();

/**
 * The stride-1 filter of one phase, [taps_h, taps_w, Cout, Cin]: taps tap, tap+s, … of the
 * channel-swapped filter, in reverse order (the convolution correlates, the gradient convolves).
 */
function cut(backend: BackendWasm, swapped: Info, r: AxisPhase, c: AxisPhase, sh: number, sw: number): Info {
  const [, kw, cout, cin] = swapped.shape;
  const block = cout * cin;
  const out = backend.makeOutput([r.taps, c.taps, cout, cin], "float32");
  const src = heap(backend, swapped);
  const dst = heap(backend, out);
  for (let u = 0; u < r.taps; u++) {
    const a = r.tap + sh * (r.taps - 1 - u);
    for (let v = 0; v < c.taps; v++) {
      const b = c.tap + sw * (c.taps - 1 - v);
      const from = (a * kw + b) * block;
      dst.set(src.subarray(from, from + block), (u * c.taps + v) * block);
    }
  }
  return out;
}

/** All phases' filters in row-major phase order; null for phases with no output. */
function build(backend: BackendWasm, filter: Info, rows: AxisPhase[], cols: AxisPhase[]): (Info | null)[] {
  const swapped = transpose(backend, filter, [0, 1, 3, 2]);
  const out: (Info | null)[] = [];
  try {
    for (const r of rows) for (const c of cols) out.push(r.rows === 0 || c.rows === 0 ? null : cut(backend, swapped, r, c, rows.length, cols.length));
  } finally {
    release(backend, swapped);
  }
  return out;
}

function drop(backend: BackendWasm, entry: Entry): void {
  if (entry.filters) release(backend, ...entry.filters.filter((f): f is Info => f !== null));
}

/**
 * The phase filters for `filter`. `owned` says whether the caller must release them (false: they
 * belong to the cache and stay valid until the weights are disposed or evicted, never during the
 * caller's kernel call).
 */
export function phaseFilters(backend: BackendWasm, filter: Info, rows: AxisPhase[], cols: AxisPhase[]): { filters: (Info | null)[]; owned: boolean } {
  let cache = caches.get(backend);
  if (!cache) caches.set(backend, (cache = []));
  for (let i = cache.length - 1; i >= 0; i--) {
    if (!backend.dataIdMap.has(cache[i].filter)) {
      drop(backend, cache[i]);
      cache.splice(i, 1);
    }
  }
  const key = `${rows.map((r) => `${r.tap}/${r.taps}`)}|${cols.map((c) => `${c.tap}/${c.taps}`)}`;
  const at = cache.findIndex((e) => e.filter === filter.dataId && e.key === key);
  const entry = at >= 0 ? cache.splice(at, 1)[0] : { filter: filter.dataId, key, filters: null };
  cache.push(entry);
  while (cache.length > MAX_ENTRIES) drop(backend, cache.shift() as Entry);
  if (entry.filters) return { filters: entry.filters, owned: false };
  const filters = build(backend, filter, rows, cols);
  if (at < 0) return { filters, owned: true };
  entry.filters = filters;
  return { filters, owned: false };
}

/** Releases every cached filter of a backend (tests use it to count what is left). */
export function clearPhaseFilterCache(backend: BackendWasm): void {
  for (const entry of caches.get(backend) ?? []) drop(backend, entry);
  caches.delete(backend);
}
