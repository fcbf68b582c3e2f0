/**
 * The few filters the synthesisers need. Frequencies are clamped below Nyquist so that every
 * instrument still works at the model's 8192 Hz (a hi-hat's 8 kHz band simply lands near the top).
 */
export const clampHz = (hz: number, sampleRate: number) => Math.min(Math.max(hz, 10), 0.45 * sampleRate);

export type BiquadKind = "lowpass" | "highpass" | "bandpass" | "peaking";

/** RBJ cookbook biquad, transposed direct form II. The bandpass has 0 dB peak gain. */
export class Biquad {
  private b0 = 1;
  private b1 = 0;
  private b2 = 0;
  private a1 = 0;
  private a2 = 0;
  private z1 = 0;
  private z2 = 0;

  constructor(kind: BiquadKind, hz: number, q: number, sampleRate: number, gainDb = 0) {
    this.set(kind, hz, q, sampleRate, gainDb);
  }

  set(kind: BiquadKind, hz: number, q: number, sampleRate: number, gainDb = 0): void {
    const w = (2 * Math.PI * clampHz(hz, sampleRate)) / sampleRate;
    const cos = Math.cos(w);
    const alpha = Math.sin(w) / (2 * q);
    let b0: number, b1: number, b2: number, a0: number, a1: number, a2: number;
    if (kind === "peaking") {
      const A = 10 ** (gainDb / 40);
      [b0, b1, b2] = [1 + alpha * A, -2 * cos, 1 - alpha * A];
      [a0, a1, a2] = [1 + alpha / A, -2 * cos, 1 - alpha / A];
    } else {
      [a0, a1, a2] = [1 + alpha, -2 * cos, 1 - alpha];
      if (kind === "lowpass") [b0, b1, b2] = [(1 - cos) / 2, 1 - cos, (1 - cos) / 2];
      else if (kind === "highpass") [b0, b1, b2] = [(1 + cos) / 2, -(1 + cos), (1 + cos) / 2];
      else [b0, b1, b2] = [alpha, 0, -alpha];
    }
    this.b0 = b0 / a0;
    this.b1 = b1 / a0;
    this.b2 = b2 / a0;
    this.a1 = a1 / a0;
    this.a2 = a2 / a0;
  }

  process(x: number): number {
    const y = this.b0 * x + this.z1;
    this.z1 = this.b1 * x - this.a1 * y + this.z2;
    this.z2 = this.b2 * x - this.a2 * y;
    return y;
  }

  /** Filters `buffer[from, to)` in place. */
  run(buffer: Float32Array, from = 0, to = buffer.length): void {
    for (let i = from; i < to; i++) buffer[i] = this.process(buffer[i]);
  }
}

/**
 * Topology-preserving state-variable low-pass (Simper/Zavalishin): stays stable while its cut-off
 * sweeps every few samples, which a biquad recomputed that fast does not guarantee.
 */
export class SweepLowpass {
  private g = 0;
  private k = 1;
  private ic1 = 0;
  private ic2 = 0;

  tune(hz: number, q: number, sampleRate: number): void {
    this.g = Math.tan((Math.PI * clampHz(hz, sampleRate)) / sampleRate);
    this.k = 1 / q;
  }

  process(x: number): number {
    const { g, k } = this;
    const a1 = 1 / (1 + g * (g + k));
    const v1 = a1 * this.ic1 + g * a1 * (x - this.ic2);
    const v2 = this.ic2 + g * v1;
    this.ic1 = 2 * v1 - this.ic1;
    this.ic2 = 2 * v2 - this.ic2;
    return v2;
  }
}
