import { addSignals, resampleSignal, toMono, type AudioSignal } from "../audio";
import { magnitude, MODEL_SAMPLE_RATE, scaleByPeak, stft, STFT_PAPER } from "../dsp";

/** A training track's stems as audio, any rate and channel count; the mixture defaults to their sum. */
export interface StemTrack {
  name: string;
  vocals: AudioSignal;
  accompaniment: AudioSignal;
  mixture?: AudioSignal;
}

/**
 * A track ready for patch sampling: mono magnitude spectrograms at the model's settings, frame-major
 * (frames × bins), all divided by the mixture's largest magnitude (the paper's per-track scaling), so
 * a training step never recomputes an STFT.
 */
export interface TrackSpectra {
  name: string;
  frames: number;
  bins: number;
  mixture: Float32Array;
  vocals: Float32Array;
  accompaniment: Float32Array;
  /** The factor the magnitudes were divided by. */
  scale: number;
}

export function trackSpectra(track: StemTrack): TrackSpectra {
  const mono = (s: AudioSignal) => resampleSignal(toMono(s), MODEL_SAMPLE_RATE).channels[0];
  const vocalsAudio = mono(track.vocals);
  const accAudio = mono(track.accompaniment);
  const length = Math.min(vocalsAudio.length, accAudio.length);
  if (length === 0) throw new Error(`track ${track.name}: its stems are empty`);
  const mixAudio = track.mixture ? mono(track.mixture) : mono(addSignals([track.vocals, track.accompaniment]));
  const mag = (x: Float32Array) => magnitude(stft(x.subarray(0, length), STFT_PAPER));
  const mixture = mag(mixAudio);
  const vocals = mag(vocalsAudio);
  const accompaniment = mag(accAudio);
  const max = scaleByPeak(mixture);
  if (!(max > 0)) throw new Error(`track ${track.name}: the mixture is silent, so it cannot teach a mask`);
  for (const a of [vocals, accompaniment]) for (let i = 0; i < a.length; i++) a[i] /= max;
  const bins = STFT_PAPER.nfft / 2 + 1;
  return { name: track.name, frames: mixture.length / bins, bins, mixture, vocals, accompaniment, scale: max };
}

/** Seconds of audio a track's spectrogram covers (for messages). */
export function spectraSeconds(t: TrackSpectra): number {
  return (t.frames * STFT_PAPER.hop) / MODEL_SAMPLE_RATE;
}

