import type { ComplexStem, ComplexTrackSpectra } from "./complex-spectra";
import type { PatchBatch, PatchShape, TrainingTarget } from "./sampler";

export type ChannelChoice = "left" | "right" | "mid";
export const CHANNEL_CHOICES: readonly ChannelChoice[] = ["left", "right", "mid"];

/**
 * How training patches are varied. Every change acts on the complex stem spectrograms before
 * magnitudes are taken, and the mixture is always |V' + A'| of the changed stems, so mixture and
 * targets stay consistent. Scaling: the cache is divided per track by its mid mixture's largest
 * magnitude (as the unaugmented path), and gains act on top of that, so with gains off an augmented
 * patch has the same scale as an unaugmented one and with gains on it is up to ±gainDb louder or
 * quieter (values up to 2 at +6 dB on both stems) — the loudness variation is the point of the gain.
 */
export interface AugmentOptions {
  /** Probability that a patch's stems get random gains. */
  gain: number;
  /** Gain range: each stem independently, uniform in dB over ±gainDb. */
  gainDb: number;
  /** Probability that the accompaniment comes from another track (another place if there is one track). */
  remix: number;
  /** Channels a patch may be read from, chosen uniformly; a mono track reads its one channel for any. */
  channels: ChannelChoice[];
  /** Probability of a time stretch. */
  stretch: number;
  /** Largest relative change of speed, uniform over 1 ± stretchRange. */
  stretchRange: number;
  /** Probability of a pitch shift. */
  pitch: number;
  /** Largest shift, uniform over ±pitchSemitones. */
  pitchSemitones: number;
  /**
   * Probability that a stem gets a random equaliser: a gain curve through EQ_POINTS control points
   * (log-spaced bins), each uniform over ±eqDb, linear in dB between them over log frequency. Timbre
   * the data lacks — another singer's formants, another sampler's instruments — is what it imitates.
   * 0 (the default) draws nothing, so runs saved before it existed go on exactly as they were.
   */
  eq: number;
  /** Largest gain of an EQ control point in dB. */
  eqDb: number;
}

/** Control points of the random EQ curve, log-spaced over the top 7 octaves of the bins (32 Hz … 4 kHz for the paper's 512). */
export const EQ_POINTS = 5;

export const AUGMENT_DEFAULTS: Readonly<AugmentOptions> = Object.freeze({
  gain: 1,
  gainDb: 6,
  remix: 0.5,
  channels: [...CHANNEL_CHOICES],
  stretch: 0.5,
  stretchRange: 0.05,
  pitch: 0.5,
  pitchSemitones: 1,
  eq: 0,
  eqDb: 6,
});

/** Defaults filled in and every field checked, so a bad value fails before training starts. */
export function resolveAugmentOptions(options: Partial<AugmentOptions> = {}): AugmentOptions {
  const o: AugmentOptions = { ...AUGMENT_DEFAULTS, ...options, channels: [...(options.channels ?? AUGMENT_DEFAULTS.channels)] };
  for (const key of ["gain", "remix", "stretch", "pitch", "eq"] as const) {
    if (!(o[key] >= 0 && o[key] <= 1)) throw new Error(`augment ${key} is a probability in [0, 1], got ${o[key]}`);
  }
  if (!(o.gainDb >= 0 && o.gainDb <= 40)) throw new Error(`augment gainDb must be in [0, 40] dB, got ${o.gainDb}`);
  if (!(o.stretchRange >= 0 && o.stretchRange < 0.5)) throw new Error(`augment stretchRange must be in [0, 0.5), got ${o.stretchRange}`);
  if (!(o.pitchSemitones >= 0 && o.pitchSemitones <= 12)) throw new Error(`augment pitchSemitones must be in [0, 12], got ${o.pitchSemitones}`);
  if (!(o.eqDb >= 0 && o.eqDb <= 24)) throw new Error(`augment eqDb must be in [0, 24] dB, got ${o.eqDb}`);
  if (o.channels.length === 0 || o.channels.some((c) => !CHANNEL_CHOICES.includes(c))) {
    throw new Error(`augment channels must be a non-empty list of ${CHANNEL_CHOICES.join(", ")}, got ${JSON.stringify(o.channels)}`);
  }
  return o;
}

/** Everything one augmented patch was made from: enough to render it again. */
export interface AugmentDraw {
  vocalsTrack: number;
  vocalsStart: number;
  accompanimentTrack: number;
  accompanimentStart: number;
  /** Linear factors. */
  vocalsGain: number;
  accompanimentGain: number;
  channel: ChannelChoice;
  /** Source frames per output frame: 1 unchanged, above 1 faster. */
  stretch: number;
  /** Frequency factor 2^(semitones/12): what was at bin b lands at bin b·pitch. */
  pitch: number;
  /** EQ control points in dB (EQ_POINTS of them), or absent for a flat response. */
  vocalsEq?: number[];
  accompanimentEq?: number[];
}

/** A rendered stem patch, complex, laid out [bin][frame] like the model's input. */
export interface ComplexPatch {
  re: Float32Array;
  im: Float32Array;
}

/**
 * Draws and renders augmented patches from complex caches. Track choice is in proportion to length
 * as in PatchSampler, and uses exactly two numbers of the main stream per patch (track, start) as it
 * does, so with every augmentation off a batch matches the unaugmented one; all other choices take a
 * fixed count from a second stream, so changing one probability does not reshuffle the rest.
 */
export class Augmenter {
  readonly options: AugmentOptions;
  private readonly weights: number[];
  private readonly total: number;

  constructor(
    readonly tracks: ComplexTrackSpectra[],
    readonly shape: PatchShape,
    options: Partial<AugmentOptions> = {},
  ) {
    if (tracks.length === 0) throw new Error("no training tracks to augment");
    for (const t of tracks) if (shape.bins > t.bins) throw new Error(`the model takes ${shape.bins} bins but track ${t.name} has ${t.bins}`);
    this.options = resolveAugmentOptions(options);
    this.weights = tracks.map((t) => Math.max(1, t.frames - shape.frames + 1));
    this.total = this.weights.reduce((a, b) => a + b, 0);
  }

  draw(main: () => number, extra: () => number): AugmentDraw {
    const o = this.options;
    const vocalsTrack = this.pick(main() * this.total, -1);
    const vocalsFraction = main();
    const [doStretch, stretchAmount, doRemix, remixTrack, remixFraction, doGain, vocalsDb, accDb, channelAt, doPitch, pitchAmount] =
      Array.from({ length: 11 }, extra);
    const stretch = doStretch < o.stretch ? 1 + (2 * stretchAmount - 1) * o.stretchRange : 1;
    const start = (track: number, fraction: number) => {
      // Frames the stretched patch reads: the last output frame sits at (frames − 1)·stretch.
      const span = Math.ceil((this.shape.frames - 1) * stretch) + 1;
      return Math.floor(fraction * Math.max(1, this.tracks[track].frames - span + 1));
    };
    let accompanimentTrack = vocalsTrack;
    let accompanimentStart = start(vocalsTrack, vocalsFraction);
    if (doRemix < o.remix) {
      const others = this.tracks.length > 1;
      accompanimentTrack = others ? this.pick(remixTrack * (this.total - this.weights[vocalsTrack]), vocalsTrack) : vocalsTrack;
      accompanimentStart = start(accompanimentTrack, remixFraction);
    }
    const gainOn = doGain < o.gain;
    const dB = (u: number) => (gainOn ? 10 ** (((2 * u - 1) * o.gainDb) / 20) : 1);
    // Only a run that uses EQ takes numbers for it (1 + EQ_POINTS a stem), so older runs replay unchanged.
    const eq = () => {
      const on = extra() < o.eq;
      const points = Array.from({ length: EQ_POINTS }, () => (2 * extra() - 1) * o.eqDb);
      return on ? points : undefined;
    };
    const [vocalsEq, accompanimentEq] = o.eq > 0 ? [eq(), eq()] : [undefined, undefined];
    return {
      ...(vocalsEq ? { vocalsEq } : {}),
      ...(accompanimentEq ? { accompanimentEq } : {}),
      vocalsTrack,
      vocalsStart: start(vocalsTrack, vocalsFraction),
      accompanimentTrack,
      accompanimentStart,
      vocalsGain: dB(vocalsDb),
      accompanimentGain: dB(accDb),
      channel: o.channels[Math.min(o.channels.length - 1, Math.floor(channelAt * o.channels.length))],
      stretch,
      pitch: doPitch < o.pitch ? 2 ** (((2 * pitchAmount - 1) * o.pitchSemitones) / 12) : 1,
    };
  }

  /** The track at position r of the cumulative weights, leaving out track `skip`. */
  private pick(r: number, skip: number): number {
    let acc = 0;
    let last = -1;
    for (let i = 0; i < this.tracks.length; i++) {
      if (i === skip) continue;
      acc += this.weights[i];
      last = i;
      if (r < acc) return i;
    }
    return last;
  }

  /** The gained, warped complex stems of a draw. */
  render(d: AugmentDraw): { vocals: ComplexPatch; accompaniment: ComplexPatch } {
    const v = this.tracks[d.vocalsTrack];
    const a = this.tracks[d.accompanimentTrack];
    return {
      vocals: warpStem(v, v.vocals, d.vocalsStart, d.vocalsGain, d, this.shape, d.vocalsEq),
      accompaniment: warpStem(a, a.accompaniment, d.accompanimentStart, d.accompanimentGain, d, this.shape, d.accompanimentEq),
    };
  }

  /** Renders draws into a batch: mixture |V' + A'| and the target magnitudes. */
  batch(draws: AugmentDraw[], target: TrainingTarget): PatchBatch {
    const { bins, frames } = this.shape;
    const channels = target === "both" ? 2 : 1;
    const per = bins * frames;
    const mixture = new Float32Array(draws.length * per);
    const out = new Float32Array(draws.length * per * channels);
    draws.forEach((d, p) => {
      const { vocals: v, accompaniment: a } = this.render(d);
      const sources = target === "both" ? [v, a] : [target === "vocals" ? v : a];
      for (let i = 0; i < per; i++) {
        mixture[p * per + i] = Math.hypot(v.re[i] + a.re[i], v.im[i] + a.im[i]);
        for (let c = 0; c < channels; c++) out[(p * per + i) * channels + c] = Math.hypot(sources[c].re[i], sources[c].im[i]);
      }
    });
    return { size: draws.length, shape: this.shape, mixture, target: out, targetChannels: channels, draws };
  }
}

/** (channel, weight) pairs that read `choice` from a track's channels. */
function channelWeights(count: number, choice: ChannelChoice): [number, number][] {
  if (count === 1) return [[0, 1]];
  if (choice === "left") return [[0, 1]];
  if (choice === "right") return [[1, 1]];
  return Array.from({ length: count }, (_, c) => [c, 1 / count]);
}

/**
 * The gain of each of `bins` bins for EQ control points in dB: the points sit at log2(bin) =
 * log2(bins) − 7 + 7k/(n−1) (k = 0…n−1; bins 4, 13.5, 45, 152, 512 for the paper's 512), the curve is
 * linear in dB over log2(bin) between them and flat beyond them.
 */
export function eqCurve(points: readonly number[], bins: number): Float32Array {
  const at = points.map((_, k) => Math.log2(bins) - 7 + (7 * k) / Math.max(1, points.length - 1));
  const out = new Float32Array(bins);
  for (let b = 0; b < bins; b++) {
    const x = Math.log2(Math.max(b, 0.5));
    let db: number;
    if (x <= at[0]) db = points[0];
    else if (x >= at[at.length - 1]) db = points[points.length - 1];
    else {
      let k = 0;
      while (x > at[k + 1]) k++;
      const t = (x - at[k]) / (at[k + 1] - at[k]);
      db = points[k] + t * (points[k + 1] - points[k]);
    }
    out[b] = 10 ** (db / 20);
  }
  return out;
}

/**
 * Reads a patch at fractional source positions — frame start + f·stretch, bin b / pitch — by
 * bilinear interpolation of the complex values. Being linear in the spectrogram, warp(V) + warp(A) =
 * warp(V + A), so the warped mixture is still the sum of the warped stems. Interpolating between
 * frames of different phase lowers the magnitude somewhat; at ±5 % and ±1 semitone most reads lie
 * close to a stored cell. Reads past the track's end or above its top bin are zero.
 */
export function warpStem(
  track: ComplexTrackSpectra,
  stem: ComplexStem,
  start: number,
  gain: number,
  d: Pick<AugmentDraw, "channel" | "stretch" | "pitch">,
  shape: PatchShape,
  eq?: readonly number[],
): ComplexPatch {
  const { bins, frames } = shape;
  const curve = eq ? eqCurve(eq, bins) : undefined;
  const re = new Float32Array(bins * frames);
  const im = new Float32Array(bins * frames);
  const taps = channelWeights(track.channels, d.channel);
  const tb = track.bins;
  for (let f = 0; f < frames; f++) {
    const x = start + f * d.stretch;
    const i = Math.floor(x);
    const tx = x - i;
    // A zero weight also marks a read outside the track, which must not touch the arrays.
    const w0 = i < track.frames ? 1 - tx : 0;
    const w1 = i + 1 < track.frames ? tx : 0;
    for (let b = 0; b < bins; b++) {
      const y = b / d.pitch;
      const j = Math.floor(y);
      const ty = y - j;
      const u0 = j < tb ? 1 - ty : 0;
      const u1 = j + 1 < tb ? ty : 0;
      let sr = 0;
      let si = 0;
      for (const [c, cw] of taps) {
        const R = stem.re[c];
        const I = stem.im[c];
        const corner = (w: number, cell: number) => {
          if (w === 0) return;
          sr += w * cw * R[cell];
          si += w * cw * I[cell];
        };
        corner(w0 * u0, i * tb + j);
        corner(w0 * u1, i * tb + j + 1);
        corner(w1 * u0, (i + 1) * tb + j);
        corner(w1 * u1, (i + 1) * tb + j + 1);
      }
      const g = curve ? gain * curve[b] : gain;
      re[b * frames + f] = g * sr;
      im[b * frames + f] = g * si;
    }
  }
  return { re, im };
}
