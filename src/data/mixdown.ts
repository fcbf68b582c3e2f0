import { addReverb } from "./reverb";

/** A mono part placed in the stereo field and sent to the stem's reverb. */
export interface Source {
  mono: Float32Array;
  /** -1 (left) … 1 (right). */
  pan: number;
  /** Share of the part sent to the reverb. */
  send: number;
}

/**
 * Mixes one stem's parts: DC removed, constant-power panned (stereo) or summed (mono), plus their
 * shared reverb, so that a stem carries its own ambience and the stems still add up to the song.
 */
export function mixStem(sources: readonly Source[], channels: 1 | 2, sampleRate: number, reverbSeconds: number): Float32Array[] {
  const length = sources[0].mono.length;
  const outs = Array.from({ length: channels }, () => new Float32Array(length));
  const send = new Float32Array(length);
  let sends = false;
  // DC blocker (one pole at about 20 Hz) run inline with the panning: one pass over each part.
  const r = Math.exp((-2 * Math.PI * 20) / sampleRate);
  const [left, right] = outs;
  for (const s of sources) {
    const angle = ((s.pan + 1) * Math.PI) / 4;
    const gl = channels === 2 ? Math.cos(angle) * Math.SQRT2 : 1;
    const gr = Math.sin(angle) * Math.SQRT2;
    const x = s.mono;
    const g = s.send;
    if (g > 0) sends = true;
    let x1 = 0;
    let y1 = 0;
    for (let i = 0; i < length; i++) {
      const v = x[i] - x1 + r * y1;
      x1 = x[i];
      y1 = v;
      left[i] += gl * v;
      if (right) right[i] += gr * v;
      send[i] += g * v;
    }
  }
  if (sends) addReverb(send, sampleRate, reverbSeconds, outs);
  return outs;
}

/**
 * Channel `c` of Σ gains[k]·signals[k] in float64, or the signal itself when there is one at unit
 * gain. Summed one signal at a time: a loop over a list of arrays for each sample is several times
 * slower in V8.
 */
function summedChannel(signals: readonly Float32Array[][], gains: readonly number[], c: number): Float32Array | Float64Array {
  if (signals.length === 1 && gains[0] === 1) return signals[0][c];
  const acc = new Float64Array(signals[0][c].length);
  signals.forEach((s, k) => {
    const x = s[c];
    const g = gains[k];
    for (let i = 0; i < acc.length; i++) acc[i] += g * x[i];
  });
  return acc;
}

export interface Measure {
  /** Mean square per ~50 ms block. */
  powers: Float64Array;
  /** Largest absolute sample. */
  peak: number;
}

/**
 * Block powers and peak of Σ gains[k]·signals[k] (each signal a list of channels; gains default to
 * 1), in one pass. Level comparisons use only blocks where something plays, so rests and silent
 * sections do not make a part look quieter than it sounds.
 */
export function measure(signals: readonly Float32Array[][], sampleRate: number, gains: readonly number[] = signals.map(() => 1)): Measure {
  const size = Math.max(1, Math.round(0.05 * sampleRate));
  const channels = signals[0].length;
  const n = signals[0][0].length;
  const powers = new Float64Array(Math.ceil(n / size));
  let peak = 0;
  for (let c = 0; c < channels; c++) {
    const x = summedChannel(signals, gains, c);
    for (let b = 0, i = 0; b < powers.length; b++) {
      let sum = 0;
      for (const end = Math.min(n, i + size); i < end; i++) {
        const v = x[i];
        sum += v * v;
        if (v > peak) peak = v;
        else if (-v > peak) peak = -v;
      }
      powers[b] += sum;
    }
  }
  for (let b = 0; b < powers.length; b++) powers[b] /= size * channels;
  return { powers, peak };
}

/** Blocks within 40 dB of the loudest block. */
export function activeBlocks(powers: Float64Array): boolean[] {
  let max = 0;
  for (const p of powers) if (p > max) max = p;
  return Array.from(powers, (p) => max > 0 && p > max * 1e-4);
}

/** RMS over the chosen blocks (0 when none is chosen). */
export function rmsOver(powers: Float64Array, chosen: readonly boolean[]): number {
  let sum = 0;
  let n = 0;
  for (let b = 0; b < powers.length; b++) {
    if (chosen[b]) {
      sum += powers[b];
      n++;
    }
  }
  return n ? Math.sqrt(sum / n) : 0;
}

/** Multiplies every channel in place. */
export function applyGain(channels: readonly Float32Array[], gain: number): void {
  for (const x of channels) for (let i = 0; i < x.length; i++) x[i] *= gain;
}

/** A raised-cosine fade to silence over the last `seconds`, in place. */
export function fadeOut(channels: readonly Float32Array[], sampleRate: number, seconds: number): void {
  const n = channels[0].length;
  const fade = Math.min(n, Math.round(seconds * sampleRate));
  for (const x of channels) {
    for (let k = 0; k < fade; k++) x[n - fade + k] *= 0.5 + 0.5 * Math.cos((Math.PI * (k + 1)) / fade);
  }
}
