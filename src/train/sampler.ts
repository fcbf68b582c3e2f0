import { Augmenter, type AugmentDraw, type AugmentOptions } from "./augment";
import { midMagnitudes, type ComplexTrackSpectra } from "./complex-spectra";
import { stepRandom } from "./random";
import type { TrackSpectra } from "./spectra";

/** Which magnitude the model learns to produce: one mask, or two stacked on the channel axis. */
export type TrainingTarget = "vocals" | "accompaniment" | "both";

export interface PatchShape {
  bins: number;
  frames: number;
}

/** One batch as flat arrays in the model's NHWC layout, [batch, bins, frames, channels]. */
export interface PatchBatch {
  size: number;
  shape: PatchShape;
  mixture: Float32Array;
  /** 1 channel, or 2 (vocals, accompaniment) for target "both". */
  target: Float32Array;
  targetChannels: number;
  /** For augmented batches: what each patch was made from. */
  draws?: AugmentDraw[];
}

export interface SamplerOptions {
  /**
   * Augment the batches of `batch()` (never `fixed()`): complex caches of the same tracks in the
   * same order, and the augmentation settings (defaults: AUGMENT_DEFAULTS).
   */
  augment?: { tracks: ComplexTrackSpectra[]; options?: Partial<AugmentOptions> };
}

// Augmentation choices come from their own stream, so the track and start draws stay those of an
// unaugmented run with the same seed.
const AUGMENT_STREAM = 0x41756721;

/**
 * Draws random patches (bins 0..shape.bins−1, shape.frames consecutive frames) from cached track
 * spectrograms. Batch n is a pure function of (seed, n): resuming a run at step n draws the same
 * patches an uninterrupted run would. Tracks are chosen in proportion to their length; a track
 * shorter than a patch is zero-padded.
 */
export class PatchSampler {
  readonly shape: PatchShape;
  readonly target: TrainingTarget;
  readonly augmenter?: Augmenter;
  private readonly cumulative: number[];

  constructor(
    readonly tracks: TrackSpectra[],
    shape: PatchShape,
    target: TrainingTarget,
    readonly seed: number,
    options: SamplerOptions = {},
  ) {
    if (tracks.length === 0) throw new Error("no training tracks: give at least one track with vocals and accompaniment");
    for (const t of tracks) {
      if (shape.bins > t.bins) throw new Error(`the model takes ${shape.bins} bins but track ${t.name} has ${t.bins}`);
    }
    this.shape = shape;
    this.target = target;
    let total = 0;
    this.cumulative = tracks.map((t) => (total += Math.max(1, t.frames - shape.frames + 1)));
    const augment = options.augment;
    if (augment) {
      const same = augment.tracks.length === tracks.length && augment.tracks.every((c, i) => c.frames === tracks[i].frames && c.name === tracks[i].name);
      if (!same) throw new Error("the complex tracks to augment must be the sampler's tracks, in the same order");
      this.augmenter = new Augmenter(augment.tracks, shape, augment.options);
    }
  }

  /** A sampler that augments complex caches; its fixed() patches are their unaugmented mid channel. */
  static augmented(tracks: ComplexTrackSpectra[], shape: PatchShape, target: TrainingTarget, seed: number, options?: Partial<AugmentOptions>): PatchSampler {
    return new PatchSampler(tracks.map(midMagnitudes), shape, target, seed, { augment: { tracks, options } });
  }

  get targetChannels(): number {
    return this.target === "both" ? 2 : 1;
  }

  /** The batch for training step `step`. */
  batch(step: number, size: number): PatchBatch {
    const random = stepRandom(this.seed, step);
    if (this.augmenter) {
      const extra = stepRandom(this.seed ^ AUGMENT_STREAM, step);
      const augmenter = this.augmenter;
      return augmenter.batch(Array.from({ length: size }, () => augmenter.draw(random, extra)), this.target);
    }
    const picks = Array.from({ length: size }, () => {
      const r = random() * this.cumulative[this.cumulative.length - 1];
      const index = this.cumulative.findIndex((c) => r < c);
      const track = this.tracks[index];
      const start = Math.floor(random() * Math.max(1, track.frames - this.shape.frames + 1));
      return { track, start };
    });
    return this.assemble(picks);
  }

  /** Patches at fixed places, e.g. a validation set: every `hop` frames of every track; never augmented. */
  fixed(hop = this.shape.frames): PatchBatch {
    const picks = this.tracks.flatMap((track) => {
      const starts: number[] = [];
      for (let s = 0; s === 0 || s + this.shape.frames <= track.frames; s += hop) starts.push(s);
      return starts.map((start) => ({ track, start }));
    });
    return this.assemble(picks);
  }

  private assemble(picks: { track: TrackSpectra; start: number }[]): PatchBatch {
    const { bins, frames } = this.shape;
    const channels = this.targetChannels;
    const size = picks.length;
    const mixture = new Float32Array(size * bins * frames);
    const target = new Float32Array(size * bins * frames * channels);
    picks.forEach(({ track, start }, p) => {
      const sources = this.target === "both" ? [track.vocals, track.accompaniment] : [track[this.target]];
      const end = Math.min(track.frames, start + frames);
      for (let f = start; f < end; f++) {
        const src = f * track.bins;
        for (let b = 0; b < bins; b++) {
          const cell = (p * bins + b) * frames + (f - start); // [p][b][f]
          mixture[cell] = track.mixture[src + b];
          for (let c = 0; c < channels; c++) target[cell * channels + c] = sources[c][src + b];
        }
      }
    });
    return { size, shape: this.shape, mixture, target, targetChannels: channels };
  }
}
