import { decodeAudio, frameCount, resampleSignal, toMono } from "../audio";
import { magnitude, MODEL_SAMPLE_RATE, stft, STFT_PAPER } from "../dsp";
import { rasterPixels, signalPeak } from "../viz";
import { revokeBlobUrls } from "./download";
import { openSongSource } from "./song-source";

/** The spectrogram covers at most this much of a file (10 minutes: 6400 columns). */
const PICTURE_SECONDS = 600;
/** Seconds read per step when a file is read in pieces. */
const READ_SECONDS = 60;

/** What the table shows: facts of the whole file, and its mono mixdown up to PICTURE_SECONDS. */
interface Inspected {
  sampleRate: number;
  channels: number;
  frames: number;
  peak: number;
  mono: Float32Array;
}

/**
 * The audio inspector: drop or choose a file, see what it holds and its spectrogram at the model's
 * settings (mono, 8192 Hz, Hann 1024 / hop 768), and play it back untouched. Files are read a minute
 * at a time where they can be (WAV; compressed files with WebCodecs), so an hour-long file gives its
 * facts in the memory of a minute and a picture of its first ten minutes.
 */
export function mountInspector(root: HTMLElement): void {
  root.innerHTML = `
    <section class="inspector">
      <h2>Inspect audio</h2>
      <label class="drop">Drop an audio file here or <input type="file" accept="audio/*,.wav,.flac,.mp3,.ogg,.m4a" /></label>
      <div class="error" role="alert"></div>
      <div class="result"></div>
    </section>`;
  const drop = root.querySelector<HTMLElement>(".drop")!;
  const input = root.querySelector<HTMLInputElement>("input[type=file]")!;
  const error = root.querySelector<HTMLElement>(".error")!;
  const result = root.querySelector<HTMLElement>(".result")!;

  async function open(file: File): Promise<void> {
    error.textContent = "";
    result.textContent = `Decoding ${file.name}…`;
    try {
      show(result, file, await inspect(file, (f) => (result.textContent = `Reading ${file.name}… ${Math.floor(100 * f)}%`)));
    } catch (e) {
      result.textContent = "";
      error.textContent = `${file.name}: ${(e as Error).message}`;
    }
  }

  input.addEventListener("change", () => input.files?.[0] && open(input.files[0]));
  drop.addEventListener("dragover", (e) => {
    e.preventDefault();
    drop.classList.add("over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    const file = e.dataTransfer?.files[0];
    if (file) void open(file);
  });
}

async function inspect(file: File, onProgress: (fraction: number) => void): Promise<Inspected> {
  const source = await openSongSource(file);
  if (!source) {
    const signal = await decodeAudio(new Uint8Array(await file.arrayBuffer()), file.name);
    return { sampleRate: signal.sampleRate, channels: signal.channels.length, frames: frameCount(signal), peak: signalPeak(signal.channels), mono: toMono(signal).channels[0] };
  }
  try {
    const { sampleRate, channelCount, frames } = source;
    const mono = new Float32Array(Math.min(frames, PICTURE_SECONDS * sampleRate));
    const step = READ_SECONDS * sampleRate;
    let peak = 0;
    for (let start = 0; start < frames; start += step) {
      const channels = await source.read(start, step);
      peak = Math.max(peak, signalPeak(channels));
      if (start < mono.length) mono.set(toMono({ sampleRate, channels }).channels[0].subarray(0, mono.length - start), start);
      onProgress(Math.min(1, (start + step) / frames));
    }
    return { sampleRate, channels: channelCount, frames, peak, mono };
  } finally {
    source.close();
  }
}

function show(result: HTMLElement, file: File, facts: Inspected): void {
  const { sampleRate, peak } = facts;
  const mono = resampleSignal({ sampleRate, channels: [facts.mono] }, MODEL_SAMPLE_RATE);
  const spec = stft(mono.channels[0], STFT_PAPER);
  const seconds = facts.frames / sampleRate;
  const pictured = facts.mono.length < facts.frames ? ` — the first ${PICTURE_SECONDS / 60} of ${(seconds / 60).toFixed(1)} minutes` : "";
  const canvas = document.createElement("canvas");
  canvas.className = "spectrogram";
  canvas.width = spec.frames;
  canvas.height = spec.bins;
  const image = new ImageData(rasterPixels(magnitude(spec), spec.frames, spec.bins), spec.frames, spec.bins);
  canvas.getContext("2d")!.putImageData(image, 0, 0);
  const audio = document.createElement("audio");
  audio.controls = true;
  audio.src = URL.createObjectURL(file);
  const rows: [string, string][] = [
    ["file", file.name],
    ["sample rate", `${sampleRate} Hz`],
    ["channels", String(facts.channels)],
    ["duration", `${seconds.toFixed(2)} s (${facts.frames} samples)`],
    ["peak", peak > 0 ? `${(20 * Math.log10(peak)).toFixed(1)} dBFS` : "silent"],
    ["spectrogram", `${spec.frames} frames × ${spec.bins} bins at ${MODEL_SAMPLE_RATE} Hz (0–${MODEL_SAMPLE_RATE / 2} Hz, 80 dB range)${pictured}`],
  ];
  const table = document.createElement("table");
  table.className = "info";
  for (const [k, v] of rows) table.insertRow().append(cell(k), cell(v));
  revokeBlobUrls(result);
  result.replaceChildren(table, audio, canvas);
}

function cell(text: string): HTMLTableCellElement {
  const td = document.createElement("td");
  td.textContent = text;
  return td;
}
