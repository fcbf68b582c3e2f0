/** A span of samples [start, end) scored as one BSS Eval frame. */
export interface Frame {
  start: number;
  end: number;
}

/**
 * museval's Framing: frames of `window` samples every `hop` samples, the last partial window
 * dropped, nwin = ⌊(n − window + hop) / hop⌋; a window at least as long as the signal (or
 * Infinity) gives one frame over the whole signal.
 */
export function frames(length: number, window = Infinity, hop = window): Frame[] {
  checkSpan("window", window);
  checkSpan("hop", hop);
  if (!(window < length)) return [{ start: 0, end: length }];
  if (!Number.isFinite(hop)) return [{ start: 0, end: window }];
  const count = Math.floor((length - window + hop) / hop);
  const out: Frame[] = [];
  for (let t = 0; t < count; t++) {
    const start = t * hop;
    out.push({ start, end: Math.min(start + window, length) });
  }
  return out;
}

function checkSpan(name: string, value: number): void {
  if (value === Infinity) return;
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`BSS Eval: ${name} must be a positive whole number of samples or Infinity, got ${value}`);
  }
}
