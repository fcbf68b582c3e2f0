import { resampleSignal, toChannelCount, toMono, type AudioSignal } from "../audio";
import { MODEL_SAMPLE_RATE, stft, STFT_PAPER } from "../dsp";
import type { StemTrack, TrackSpectra } from "./spectra";

/** One stem's complex spectrogram per audio channel, frame-major (frames × bins) like the STFT. */
export interface ComplexStem {
  re: Float32Array[];
  im: Float32Array[];
}

/**
 * A track kept as complex stem spectrograms, so that augmentation can rescale and recombine stems:
 * the mixture of a remix is |g_v·V + g_a·A|, which magnitudes alone cannot give. Stereo input keeps
 * both channels (left, right; the mid is their mean, and the STFT is linear, so it is derived per
 * patch rather than stored). Values are divided by `scale`, the largest magnitude of the mid mixture
 * V + A, which is exactly the scaling `trackSpectra` applies to the same track, so an unaugmented mid
 * patch from here matches the magnitude path.
 */
export interface ComplexTrackSpectra {
  name: string;
  frames: number;
  bins: number;
  /** 1 (mono) or 2 (left, right). */
  channels: number;
  vocals: ComplexStem;
  accompaniment: ComplexStem;
  scale: number;
}

export interface ComplexSpectraOptions {
  /** Keep left and right of stereo stems (default true); false averages to mono first, halving memory. */
  stereo?: boolean;
}

/**
 * Caches a track's complex stem spectrograms at the model's settings. A given mixture is ignored:
 * under augmentation the mixture must be the sum of the (changed) stems, so it is always V + A here.
 * Memory: 4 arrays per channel against the magnitude cache's 3 mono ones, ~2.7× for stereo.
 */
export function complexTrackSpectra(track: StemTrack, options: ComplexSpectraOptions = {}): ComplexTrackSpectra {
  const stereo = (options.stereo ?? true) && Math.max(track.vocals.channels.length, track.accompaniment.channels.length) > 1;
  // Beyond two channels only the front pair is kept (toChannelCount), as a surround file's stereo.
  const shape = (s: AudioSignal) => resampleSignal(stereo ? toChannelCount(s, 2) : toMono(s), MODEL_SAMPLE_RATE).channels;
  const vocalsAudio = shape(track.vocals);
  const accAudio = shape(track.accompaniment);
  const length = Math.min(vocalsAudio[0].length, accAudio[0].length);
  if (length === 0) throw new Error(`track ${track.name}: its stems are empty`);
  const spectra = (channels: Float32Array[]): ComplexStem => {
    const specs = channels.map((x) => stft(x.subarray(0, length), STFT_PAPER));
    return { re: specs.map((s) => s.re), im: specs.map((s) => s.im) };
  };
  const vocals = spectra(vocalsAudio);
  const accompaniment = spectra(accAudio);
  const channels = vocals.re.length;
  const cells = vocals.re[0].length;
  let max = 0;
  for (let i = 0; i < cells; i++) {
    let re = 0;
    let im = 0;
    for (let c = 0; c < channels; c++) {
      re += vocals.re[c][i] + accompaniment.re[c][i];
      im += vocals.im[c][i] + accompaniment.im[c][i];
    }
    const m = Math.hypot(re, im) / channels;
    if (m > max) max = m;
  }
  if (!(max > 0)) throw new Error(`track ${track.name}: the mixture is silent, so it cannot teach a mask`);
  for (const stem of [vocals, accompaniment]) for (const a of [...stem.re, ...stem.im]) for (let i = 0; i < a.length; i++) a[i] /= max;
  const bins = STFT_PAPER.nfft / 2 + 1;
  return { name: track.name, frames: cells / bins, bins, channels, vocals, accompaniment, scale: max };
}

/**
 * The mid-channel magnitudes of a complex cache as a TrackSpectra (for fixed patches and unaugmented
 * draws), computed on first use only: an augmenting run rarely reads them, and they would otherwise
 * add the whole magnitude cache's memory again.
 */
export function midMagnitudes(c: ComplexTrackSpectra): TrackSpectra {
  let cached: Pick<TrackSpectra, "mixture" | "vocals" | "accompaniment"> | undefined;
  const get = () => (cached ??= computeMid(c));
  return {
    name: c.name,
    frames: c.frames,
    bins: c.bins,
    scale: c.scale,
    get mixture() {
      return get().mixture;
    },
    get vocals() {
      return get().vocals;
    },
    get accompaniment() {
      return get().accompaniment;
    },
  };
}

function computeMid(c: ComplexTrackSpectra): Pick<TrackSpectra, "mixture" | "vocals" | "accompaniment"> {
  const n = c.frames * c.bins;
  const mixture = new Float32Array(n);
  const vocals = new Float32Array(n);
  const accompaniment = new Float32Array(n);
  const k = 1 / c.channels;
  for (let i = 0; i < n; i++) {
    let vr = 0;
    let vi = 0;
    let ar = 0;
    let ai = 0;
    for (let ch = 0; ch < c.channels; ch++) {
      vr += c.vocals.re[ch][i];
      vi += c.vocals.im[ch][i];
      ar += c.accompaniment.re[ch][i];
      ai += c.accompaniment.im[ch][i];
    }
    vocals[i] = k * Math.hypot(vr, vi);
    accompaniment[i] = k * Math.hypot(ar, ai);
    mixture[i] = k * Math.hypot(vr + ar, vi + ai);
  }
  return { mixture, vocals, accompaniment };
}
