/**
 * A plain array of doubles, for the FFT's scratch and tables. Plain arrays rather than
 * Float64Array because once any ArrayBuffer in the process has been detached (transferred to a
 * worker; tsx's module loader does it at start-up, an app that posts buffers to a worker does it
 * too) V8 checks every typed-array access for detachment, and the FFT's passes ran ~1.5× slower
 * (measured 6.8 vs 4.5 ms for 1921 frames). A plain array has no buffer to detach.
 *
 * The array is built so that V8 stores it unboxed (double elements) from the start: a first
 * element that is not an integer fixes that kind, and it never changes back.
 */
export function doubles(source: ArrayLike<number> | number): number[] {
  const n = typeof source === "number" ? source : source.length;
  const out = [0.5];
  for (let i = 1; i < n; i++) out.push(0);
  out.length = n;
  if (typeof source === "number") {
    if (n > 0) out[0] = 0;
  } else {
    for (let i = 0; i < n; i++) out[i] = source[i];
  }
  return out;
}
