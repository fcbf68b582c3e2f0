/**
 * Audio as the library passes it around: planar channels of equal length at one sample rate.
 * Samples are nominally in [-1, 1]; nothing clips them until they are encoded.
 */
export interface AudioSignal {
  sampleRate: number;
  channels: Float32Array[];
}

/** Number of sample frames (samples per channel). */
export function frameCount(signal: AudioSignal): number {
  return signal.channels.length === 0 ? 0 : signal.channels[0].length;
}

/** Duration in seconds. */
export function duration(signal: AudioSignal): number {
  return frameCount(signal) / signal.sampleRate;
}

/** Throws a clear error when a signal is malformed (no channels, ragged channels, bad rate). */
export function assertSignal(signal: AudioSignal, what = "audio"): void {
  if (!Number.isFinite(signal.sampleRate) || signal.sampleRate <= 0) {
    throw new Error(`${what}: sample rate must be a positive number, got ${signal.sampleRate}`);
  }
  if (signal.channels.length === 0) throw new Error(`${what}: has no channels`);
  const n = signal.channels[0].length;
  for (const [i, c] of signal.channels.entries()) {
    if (c.length !== n) throw new Error(`${what}: channel ${i} has ${c.length} samples, channel 0 has ${n}`);
  }
}
