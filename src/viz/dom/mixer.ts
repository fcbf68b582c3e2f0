import { formatClock, stemGains, type MixerView } from "../mixer";
import { formatPeak } from "../waveform";
import { element } from "./axes-frame";
import { colorLegend, drawSpectrogram, SEEK_EVENT, type SpectrogramElement } from "./spectrogram";
import { StemPlayer, type PlayerState } from "./stem-player";
import { drawWaveform, type WaveformElement } from "./waveform";

export interface DrawMixerOptions {
  width?: number;
  /** Defaults to one AudioContext shared by the page; a test can pass an OfflineAudioContext. */
  context?: () => BaseAudioContext;
  caption?: boolean;
}

export interface MixerElement extends HTMLElement {
  play(): Promise<void>;
  pause(): void;
  seek(seconds: number): void;
  state(): PlayerState & { muted: string[]; soloed: string[] };
  /** Stops playback and frees the audio graph (the cell re-ran or the output was cleared). */
  dispose(): void;
}

/**
 * Draws a MixerView: play/pause, a seek bar and clock, and per stem its name and peak (dBFS),
 * Mute and Solo, its waveform and spectrogram with a playhead that follows the audio clock. The
 * stems play in sync at their true levels (see StemPlayer); clicking a picture seeks there.
 */
export function drawMixer(view: MixerView, options: DrawMixerOptions = {}): MixerElement {
  const width = options.width ?? 860;
  const box = element("figure", "viz-mixer") as unknown as MixerElement;
  box.style.width = `${width}px`;
  const player = new StemPlayer(view.stems, options.context);
  const names = view.stems.map((s) => s.name);
  const muted = new Set<string>();
  const soloed = new Set<string>();

  const bar = element("div", "viz-transport");
  const play = element("button", "primary viz-play", "▶ Play");
  play.type = "button";
  const clock = element("span", "viz-clock");
  const seekBar = element("input", "viz-seek");
  Object.assign(seekBar, { type: "range", min: "0", max: String(view.duration), step: "0.01", value: "0" });
  seekBar.setAttribute("aria-label", "position");
  if (view.title) bar.append(element("span", "viz-title", view.title));
  bar.append(play, seekBar, clock);
  box.append(bar);

  const views: (SpectrogramElement | WaveformElement)[] = [];
  const rows = view.stems.map((stem) => {
    const row = element("section", "viz-stem");
    row.dataset.stem = stem.name;
    const head = element("div", "viz-stem-head");
    const mute = toggle("M", `mute ${stem.name}`, () => (muted.has(stem.name) ? muted.delete(stem.name) : muted.add(stem.name)));
    const solo = toggle("S", `solo ${stem.name}`, () => (soloed.has(stem.name) ? soloed.delete(stem.name) : soloed.add(stem.name)));
    mute.classList.add("viz-mute");
    solo.classList.add("viz-solo");
    const readout = element("span", "viz-readout");
    head.append(element("span", "viz-stem-name", stem.name), element("span", "viz-level", `peak ${formatPeak(stem.peak)}`), mute, solo, readout);
    row.append(head);
    if (stem.waveform) {
      // The spectrogram below carries the time axis; alone, the waveform does.
      const w = drawWaveform(stem.waveform, {
        width,
        controls: false,
        caption: false,
        head: false,
        timeAxis: !stem.spectrogram,
        ...(stem.spectrogram?.time.unit === "s" ? { extent: [stem.spectrogram.time.start, stem.spectrogram.time.end] as [number, number] } : {}),
        laneHeight: stem.waveform.channels.length === 1 ? 56 : 36,
      });
      views.push(w);
      row.append(w);
    }
    if (stem.spectrogram) {
      const s = drawSpectrogram(stem.spectrogram, { width, height: 170, controls: false, legend: false, caption: false, title: false, readout });
      views.push(s);
      row.append(s);
    }
    box.append(row);
    return { row, mute, solo };
  });
  // One legend for all stems: they share the scale (dBFS, same range), so their brightness compares.
  const firstSpectrogram = view.stems.find((s) => s.spectrogram)?.spectrogram;
  if (firstSpectrogram) {
    const legend = element("div", "viz-legend");
    legend.append(colorLegend(firstSpectrogram, { scale: firstSpectrogram.scale, colormap: firstSpectrogram.colormap, range: firstSpectrogram.range }));
    box.append(legend);
  }
  if (options.caption ?? true) box.append(element("figcaption", "viz-caption", view.caption));

  function toggle(text: string, label: string, flip: () => void): HTMLButtonElement {
    const b = element("button", "small", text);
    b.type = "button";
    b.title = label;
    b.setAttribute("aria-label", label);
    b.setAttribute("aria-pressed", "false");
    b.addEventListener("click", () => {
      flip();
      applyGains();
    });
    return b;
  }

  function applyGains(): void {
    const gains = stemGains(names, muted, soloed);
    player.setGains(gains);
    for (const [i, stem] of view.stems.entries()) {
      rows[i].mute.setAttribute("aria-pressed", String(muted.has(stem.name)));
      rows[i].solo.setAttribute("aria-pressed", String(soloed.has(stem.name)));
      rows[i].row.classList.toggle("viz-silent", gains[stem.name] === 0);
    }
  }

  let frame = 0;
  function show(): void {
    const at = player.position();
    clock.textContent = `${formatClock(at)} / ${formatClock(view.duration)}`;
    if (document.activeElement !== seekBar) seekBar.value = String(at);
    for (const v of views) v.setPlayhead(at);
  }
  function tick(): void {
    frame = 0;
    if (player.finishIfEnded()) setPlaying(false);
    show();
    // Stop animating when the output was removed from the page (its cell re-ran).
    if (!box.isConnected && box.dataset.connected === "yes") return box.dispose();
    if (box.isConnected) box.dataset.connected = "yes";
    if (player.playing) frame = requestAnimationFrame(tick);
  }
  function setPlaying(on: boolean): void {
    play.textContent = on ? "❚❚ Pause" : "▶ Play";
    box.classList.toggle("viz-playing", on);
    if (on && !frame) frame = requestAnimationFrame(tick);
  }

  play.addEventListener("click", () => (player.playing ? box.pause() : void box.play()));
  seekBar.addEventListener("input", () => box.seek(Number(seekBar.value)));
  box.addEventListener(SEEK_EVENT, (e) => box.seek((e as CustomEvent<{ seconds: number }>).detail.seconds));

  box.play = async () => {
    await player.play();
    setPlaying(true);
  };
  box.pause = () => {
    player.pause();
    setPlaying(false);
    show();
  };
  box.seek = (seconds) => {
    player.seek(seconds);
    show();
  };
  box.state = () => ({ ...player.state(), muted: [...muted], soloed: [...soloed] });
  box.dispose = () => {
    cancelAnimationFrame(frame);
    frame = 0;
    player.dispose();
    setPlaying(false);
  };
  applyGains();
  show();
  return box;
}
