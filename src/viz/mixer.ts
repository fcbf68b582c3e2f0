import type { AudioSignal } from "../audio";
import { spectrogramView, type SpectrogramView, type SpectrogramViewOptions } from "./spectrogram-view";
import type { View } from "./view";
import { formatPeak, peakDb, signalPeak, waveformOf, type WaveformView } from "./waveform";

export interface MixerStem {
  name: string;
  sampleRate: number;
  /** Copies of the stem's samples, played at gain 1: the stems keep their true relative levels. */
  channels: Float32Array[];
  /** Largest |sample| and its dBFS (−∞ for silence). */
  peak: number;
  peakDb: number;
  spectrogram?: SpectrogramView;
  waveform?: WaveformView;
}

/** Several stems played in sync, with mute and solo; drawn by `drawMixer`. */
export interface MixerView extends View {
  view: "mixer";
  title?: string;
  stems: MixerStem[];
  /** Seconds: the longest stem. */
  duration: number;
}

export interface MixerOptions {
  /** Draw each stem's spectrogram with a moving playhead (default true). */
  spectrograms?: boolean;
  /** Draw each stem's waveform with a moving playhead (default true). */
  waveforms?: boolean;
  title?: string;
  /** Passed to every stem's spectrogram (e.g. maxHz, range). */
  spectrogram?: SpectrogramViewOptions;
}

export function mixer(stems: Record<string, AudioSignal>, options: MixerOptions = {}): MixerView {
  const names = Object.keys(stems);
  if (names.length === 0) throw new Error("mixer: give at least one stem, e.g. mixer({ vocals, accompaniment })");
  const out: MixerStem[] = names.map((name) => {
    const signal = stems[name];
    if (!signal || !Array.isArray(signal.channels) || signal.channels.length === 0 || !(signal.sampleRate > 0)) {
      throw new Error(`mixer: stem "${name}" is not an AudioSignal with at least one channel`);
    }
    const channels = signal.channels.map((c) => c.slice());
    const peak = signalPeak(channels);
    const stem: MixerStem = { name, sampleRate: signal.sampleRate, channels, peak, peakDb: peakDb(peak) };
    if (options.spectrograms ?? true) stem.spectrogram = spectrogramView(signal, { title: name, ...options.spectrogram });
    if (options.waveforms ?? true) stem.waveform = waveformOf(signal.sampleRate, channels, { title: name });
    return stem;
  });
  const duration = Math.max(...out.map((s) => s.channels[0].length / s.sampleRate));
  const caption = [
    options.title,
    `${out.length} stem${out.length === 1 ? "" : "s"} in sync, ${duration.toFixed(2)} s, true levels`,
    out.map((s) => `${s.name} ${formatPeak(s.peak)}`).join(", "),
  ].filter(Boolean).join(" · ");
  return { kind: "view", view: "mixer", caption, ...(options.title ? { title: options.title } : {}), stems: out, duration };
}

/**
 * The gain each stem plays at. Stems are never rescaled: a stem is either heard at gain 1 (its
 * true level) or silent. Solo wins: while any stem is soloed exactly the soloed stems play, muted
 * or not (soloing a muted stem is a request to hear it); with no solo, every stem not muted plays.
 */
export function stemGains(names: readonly string[], muted: Iterable<string>, soloed: Iterable<string>): Record<string, number> {
  const mute = new Set(muted);
  const solo = new Set([...soloed].filter((n) => names.includes(n)));
  const gains: Record<string, number> = {};
  for (const n of names) gains[n] = solo.size > 0 ? (solo.has(n) ? 1 : 0) : mute.has(n) ? 0 : 1;
  return gains;
}

/** "1:02.3": minutes and seconds to a tenth, for a player's clock. */
export function formatClock(seconds: number): string {
  const s = Math.max(0, seconds);
  const m = Math.floor(s / 60);
  const rest = s - 60 * m;
  // Round first so 59.96 s reads 1:00.0, not 0:60.0.
  const tenths = Math.round(rest * 10);
  if (tenths >= 600) return formatClock((m + 1) * 60);
  return `${m}:${(tenths / 10).toFixed(1).padStart(4, "0")}`;
}
