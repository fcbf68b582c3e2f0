import { assertSignal, frameCount, type AudioSignal } from "./signal";

/**
 * Channel-count and level operations on planar signals. Every function returns new arrays and leaves
 * its input untouched, so a signal can be shared between views (players, spectrograms) safely.
 */

/** Mean of all channels (not the sum: a mono file stays as loud, and full-scale stereo cannot clip). */
export function toMono(signal: AudioSignal): AudioSignal {
  assertSignal(signal, "toMono");
  const n = frameCount(signal);
  const out = new Float32Array(n);
  if (signal.channels.length === 1) {
    out.set(signal.channels[0]);
    return { sampleRate: signal.sampleRate, channels: [out] };
  }
  const acc = new Float64Array(n);
  for (const ch of signal.channels) for (let i = 0; i < n; i++) acc[i] += ch[i];
  const k = 1 / signal.channels.length;
  for (let i = 0; i < n; i++) out[i] = acc[i] * k;
  return { sampleRate: signal.sampleRate, channels: [out] };
}

/**
 * Converts to `count` channels:
 * - same count: a copy;
 * - to 1: the mean of all channels (`toMono`);
 * - from 1: the mono channel duplicated into every output channel (no level change);
 * - otherwise (e.g. 2 → 6, 6 → 2): the first min(from, to) channels are kept as they are, extra
 *   output channels are silent. WAV and most codecs store front left/right first, so stereo lands on
 *   the front pair of a surround layout and a surround file keeps its front pair as stereo; a true
 *   downmix would need the speaker layout, which a bare signal does not carry.
 */
export function toChannelCount(signal: AudioSignal, count: number): AudioSignal {
  assertSignal(signal, "toChannelCount");
  if (!Number.isInteger(count) || count < 1) throw new Error(`toChannelCount: channel count must be a whole number ≥ 1, got ${count}`);
  const from = signal.channels;
  if (count === 1) return toMono(signal);
  if (from.length === 1) return { sampleRate: signal.sampleRate, channels: Array.from({ length: count }, () => from[0].slice()) };
  const n = frameCount(signal);
  return {
    sampleRate: signal.sampleRate,
    channels: Array.from({ length: count }, (_, c) => (c < from.length ? from[c].slice() : new Float32Array(n))),
  };
}

/**
 * Sample-wise sum of signals, e.g. stems into a mixture. All must share the sample rate and channel
 * count; lengths may differ (the result is as long as the longest, shorter ones count as silence).
 * The sum is not normalised or clipped: stems that sum past full scale stay that way, visibly.
 */
export function addSignals(signals: readonly AudioSignal[]): AudioSignal {
  if (signals.length === 0) throw new Error("addSignals: needs at least one signal");
  signals.forEach((s, i) => assertSignal(s, `addSignals: signal ${i}`));
  const { sampleRate } = signals[0];
  const nch = signals[0].channels.length;
  for (const [i, s] of signals.entries()) {
    if (s.sampleRate !== sampleRate) {
      throw new Error(`addSignals: signal ${i} is at ${s.sampleRate} Hz, signal 0 at ${sampleRate} Hz; resample first (resampleSignal)`);
    }
    if (s.channels.length !== nch) {
      throw new Error(`addSignals: signal ${i} has ${s.channels.length} channels, signal 0 has ${nch}; convert first (toChannelCount)`);
    }
  }
  const n = Math.max(...signals.map(frameCount));
  const channels = Array.from({ length: nch }, (_, c) => {
    const acc = new Float32Array(n);
    for (const s of signals) {
      const x = s.channels[c];
      for (let i = 0; i < x.length; i++) acc[i] += x[i];
    }
    return acc;
  });
  return { sampleRate, channels };
}

/**
 * Weighted sum: Σ gains[i] · signals[i] (gains default to 1). Same rules as `addSignals`. For an
 * average of k signals pass gains of 1/k.
 */
export function mix(signals: readonly AudioSignal[], gains?: readonly number[]): AudioSignal {
  if (gains && gains.length !== signals.length) throw new Error(`mix: ${signals.length} signals but ${gains.length} gains`);
  return addSignals(gains ? signals.map((s, i) => scale(s, gains[i])) : signals);
}

/** Multiplies every sample by `gain` (linear, not dB). */
export function scale(signal: AudioSignal, gain: number): AudioSignal {
  assertSignal(signal, "scale");
  if (!Number.isFinite(gain)) throw new Error(`scale: gain must be a finite number, got ${gain}`);
  return {
    sampleRate: signal.sampleRate,
    channels: signal.channels.map((x) => {
      const y = new Float32Array(x.length);
      for (let i = 0; i < x.length; i++) y[i] = x[i] * gain;
      return y;
    }),
  };
}

/** Cuts or zero-pads every channel at the end to exactly `frames` samples. */
export function trimOrPad(signal: AudioSignal, frames: number): AudioSignal {
  assertSignal(signal, "trimOrPad");
  if (!Number.isInteger(frames) || frames < 0) throw new Error(`trimOrPad: frame count must be a whole number ≥ 0, got ${frames}`);
  return {
    sampleRate: signal.sampleRate,
    channels: signal.channels.map((x) => {
      const y = new Float32Array(frames);
      y.set(x.length > frames ? x.subarray(0, frames) : x);
      return y;
    }),
  };
}
