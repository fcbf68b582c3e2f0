import "../../../src/app/style.css";
import type { AudioSignal } from "../../../src/audio";
import { generateSong, type GeneratedSong } from "../../../src/data";
import { COLORMAPS } from "../../../src/viz/colormap";
import { drawMixer, type MixerElement } from "../../../src/viz/dom/mixer";
import { drawSpectrogram, SEEK_EVENT, type SpectrogramElement } from "../../../src/viz/dom/spectrogram";
import { drawWaveform, type WaveformElement } from "../../../src/viz/dom/waveform";
import { mixer } from "../../../src/viz/mixer";
import { spectrogramView } from "../../../src/viz/spectrogram-view";
import { waveformView } from "../../../src/viz/waveform";

const RATE = 8192;
const stage = document.getElementById("stage")!;
const songs = new Map<string, GeneratedSong>();
function song(stereo = false): GeneratedSong {
  const key = String(stereo);
  if (!songs.has(key)) songs.set(key, generateSong({ seed: 11, seconds: 6, sampleRate: RATE, stereo }));
  return songs.get(key)!;
}

/** 0–3 s: a half-scale sine at 1000 Hz (bin 125); 3–6 s: a 0.1 sine at 2000 Hz (bin 250). */
function tones(): AudioSignal {
  const x = new Float32Array(6 * RATE);
  for (let i = 0; i < x.length; i++) x[i] = i < 3 * RATE ? 0.5 * Math.sin((2 * Math.PI * 1000 * i) / RATE) : 0.1 * Math.sin((2 * Math.PI * 2000 * i) / RATE);
  return { sampleRate: RATE, channels: [x] };
}

let spectrogram: SpectrogramElement | undefined;
let waveform: WaveformElement | undefined;
let player: MixerElement | undefined;
const seeks: number[] = [];
stage.addEventListener(SEEK_EVENT, (e) => seeks.push((e as CustomEvent<{ seconds: number }>).detail.seconds));

function show(el: HTMLElement): void {
  player?.dispose();
  stage.replaceChildren(el);
}

/** The canvas pixel (RGBA) at a point given in axis units of the spectrogram just drawn. */
function pixelAt(canvas: HTMLCanvasElement, fx: number, fy: number): number[] {
  const x = Math.min(canvas.width - 1, Math.floor(fx * canvas.width));
  const y = Math.min(canvas.height - 1, Math.floor((1 - fy) * canvas.height));
  return [...canvas.getContext("2d")!.getImageData(x, y, 1, 1).data];
}

const api = {
  spectrogramOfSong() {
    const view = spectrogramView(song().mixture, { title: "mixture" });
    spectrogram = drawSpectrogram(view);
    show(spectrogram);
    return { caption: view.caption, time: view.time, frequency: view.frequency, columns: view.columns, rows: view.rows };
  },

  spectrogramOfTones() {
    const view = spectrogramView(tones(), { title: "two tones", maxHz: 2040 });
    spectrogram = drawSpectrogram(view);
    show(spectrogram);
    const canvas = spectrogram.querySelector("canvas")!;
    return { time: view.time, frequency: view.frequency, columns: view.columns, rows: view.rows, canvas: [canvas.width, canvas.height] };
  },

  /** Pixel colour at (t, f) in the drawn spectrogram and what the colormap table says for a level index. */
  spectrogramPixel(t: number, f: number) {
    const v = spectrogramView(tones(), { maxHz: 2040 });
    const canvas = spectrogram!.querySelector("canvas")!;
    return pixelAt(canvas, (t - v.time.start) / (v.time.end - v.time.start), (f - v.frequency.start) / (v.frequency.end - v.frequency.start));
  },
  colormapEntry(name: string, index: number) {
    const t = COLORMAPS[name].table;
    return [t[index * 3], t[index * 3 + 1], t[index * 3 + 2], 255];
  },
  spectrogramLegend() {
    return spectrogram!.querySelector(".viz-legend")!.textContent;
  },
  readout() {
    return spectrogram!.querySelector(".viz-readout")!.textContent;
  },
  display() {
    return spectrogram!.display();
  },
  readoutAt(t: number, f: number) {
    return spectrogram!.readout(t, f);
  },
  setPlayhead(at: number | null) {
    (spectrogram ?? waveform)!.setPlayhead(at);
    waveform?.setPlayhead(at);
  },

  waveformOfSong(stereo: boolean) {
    const view = waveformView(song(stereo).mixture, { title: stereo ? "mixture (stereo)" : "mixture" });
    waveform = drawWaveform(view);
    spectrogram = undefined;
    show(waveform);
    return { caption: view.caption, peak: view.peak, duration: view.duration };
  },
  /** A quiet sine: the drawn waveform must reach only a quarter of the way up, not fill the lane. */
  waveformOfHalfScaleSine(amplitude: "full" | "peak" = "full") {
    const x = Float32Array.from({ length: 2 * RATE }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 100 * i) / RATE));
    waveform = drawWaveform(waveformView({ sampleRate: RATE, channels: [x] }, { amplitude }));
    show(waveform);
    const canvas = waveform.querySelector("canvas")!;
    const { data, width, height } = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height);
    // Rows holding the wave's colour (#6b3fa0), top and bottom.
    const rows: number[] = [];
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const p = (y * width + x) * 4;
        if (data[p] === 0x6b && data[p + 1] === 0x3f && data[p + 2] === 0xa0 && data[p + 3] === 255) {
          rows.push(y);
          break;
        }
      }
    }
    return { height, top: rows[0], bottom: rows[rows.length - 1], level: waveform.querySelector(".viz-level")!.textContent };
  },
  waveformDomain() {
    return waveform!.domain();
  },
  setWaveformDomain(a: number, b: number) {
    waveform!.setDomain(a, b);
  },
  waveformTicks() {
    const axes = [...waveform!.querySelectorAll("svg.viz-axes")];
    const last = axes[axes.length - 1];
    return [...last.querySelectorAll("[aria-label='x-axis tick label'] text")].map((t) => t.textContent);
  },
  seeks() {
    return seeks.splice(0);
  },
  playheadPx(selector: string) {
    const line = stage.querySelector<HTMLElement>(`${selector} .viz-playhead`)!;
    if (line.style.display === "none") return null;
    const canvas = stage.querySelector<HTMLCanvasElement>(`${selector} canvas`)!;
    return { line: line.getBoundingClientRect().x + line.getBoundingClientRect().width / 2, left: canvas.getBoundingClientRect().x, width: canvas.getBoundingClientRect().width, seconds: Number(line.dataset.seconds) };
  },

  mixerOfSong(options: { offline?: boolean } = {}) {
    const s = song();
    const view = mixer({ vocals: s.vocals, accompaniment: s.accompaniment }, { title: "song 11" });
    let offline: OfflineAudioContext | undefined;
    const context = options.offline ? () => (offline = new OfflineAudioContext(2, s.mixture.channels[0].length, RATE)) : undefined;
    player = drawMixer(view, { context });
    stage.replaceChildren(player);
    (window as unknown as { offline: () => OfflineAudioContext | undefined }).offline = () => offline;
    return { caption: view.caption, duration: view.duration, peaks: view.stems.map((x) => x.peakDb) };
  },
  mixerState() {
    return player!.state();
  },
  /** Renders the offline graph the Play button built and compares it with the expected sum of the audible stems. */
  async renderOffline(expect: Record<string, number>) {
    const ctx = (window as unknown as { offline: () => OfflineAudioContext | undefined }).offline();
    if (!ctx) throw new Error("press Play first: the offline context is made on first play");
    const out = await ctx.startRendering();
    const s = song();
    const stems: Record<string, Float32Array> = { vocals: s.vocals.channels[0], accompaniment: s.accompaniment.channels[0] };
    let maxErr = 0, energy = 0;
    for (let ch = 0; ch < out.numberOfChannels; ch++) {
      const y = out.getChannelData(ch);
      for (let i = 0; i < y.length; i++) {
        let want = 0;
        for (const [name, g] of Object.entries(expect)) want += g * stems[name][i];
        maxErr = Math.max(maxErr, Math.abs(y[i] - want));
        energy += y[i] * y[i];
      }
    }
    return { maxErr, rms: Math.sqrt(energy / (out.length * out.numberOfChannels)), length: out.length };
  },

  /** Times the views on a 3-minute signal at the paper's settings (1921 frames × 513 bins). */
  async timeLong() {
    const seconds = 180;
    const x = new Float32Array(seconds * RATE);
    let seed = 1;
    for (let i = 0; i < x.length; i++) {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      x[i] = 0.01 * (seed / 2 ** 32 - 0.5) + 0.2 * Math.sin((2 * Math.PI * (300 + i / 400) * i) / RATE / 2);
    }
    // A click 1/8 s long at 90 s: one or two frames of 1921, which pooling must not lose.
    for (let i = 90 * RATE; i < 90 * RATE + 1024; i++) x[i] += 0.8 * Math.sin((2 * Math.PI * 3000 * i) / RATE);
    const signal = { sampleRate: RATE, channels: [x] };
    const t0 = performance.now();
    const view = spectrogramView(signal, { title: "3 minutes" });
    const t1 = performance.now();
    const el = drawSpectrogram(view);
    show(el);
    const t2 = performance.now();
    el.setDisplay({ colormap: "viridis", range: 60 });
    const t3 = performance.now();
    spectrogram = el;
    const click = el.readout(90.06, 3000);
    const before = el.readout(60, 3000);
    // A 3-minute stereo waveform at 44.1 kHz: 7.9 million samples a channel.
    const left = new Float32Array(seconds * 44100);
    for (let i = 0; i < left.length; i++) left[i] = 0.3 * Math.sin(i / 50);
    const stereo = { sampleRate: 44100, channels: [left, new Float32Array(left.length)] };
    const w0 = performance.now();
    const wview = waveformView(stereo);
    const t4 = performance.now();
    const wave = drawWaveform(wview);
    stage.append(wave);
    const t5 = performance.now();
    const zooms: number[] = [];
    for (let k = 0; k < 20; k++) {
      const z0 = performance.now();
      wave.setDomain(k, seconds - k * 8);
      zooms.push(performance.now() - z0);
    }
    const stems = { a: signal, b: { sampleRate: RATE, channels: [x.map((v) => v * 0.5)] } };
    const m0 = performance.now();
    const mview = mixer(stems);
    const m1 = performance.now();
    const mel = drawMixer(mview);
    stage.append(mel);
    const m2 = performance.now();
    mel.dispose();
    await new Promise((r) => requestAnimationFrame(r));
    return {
      frames: view.frames,
      bins: view.bins,
      stored: [view.columns, view.rows],
      drawn: [el.querySelector("canvas")!.width, el.querySelector("canvas")!.height],
      viewMs: t1 - t0,
      drawMs: t2 - t1,
      repaintMs: t3 - t2,
      waveformViewMs: t4 - w0,
      waveformDrawMs: t5 - t4,
      zoomMsMedian: zooms.sort((a, b) => a - b)[10],
      mixerViewMs: m1 - m0,
      mixerDrawMs: m2 - m1,
      click,
      before,
    };
  },
};

declare global {
  interface Window {
    demixVizAudio: typeof api;
  }
}
window.demixVizAudio = api;
document.body.dataset.ready = "true";
