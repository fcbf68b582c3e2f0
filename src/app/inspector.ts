import { decodeAudio, duration, frameCount, resampleSignal, toMono, type AudioSignal } from "../audio";
import { magnitude, MODEL_SAMPLE_RATE, stft, STFT_PAPER } from "../dsp";
import { rasterPixels } from "../viz";
import { revokeBlobUrls } from "./download";

/**
 * The audio inspector: drop or choose a file, see what it holds and its spectrogram at the model's
 * settings (mono, 8192 Hz, Hann 1024 / hop 768), and play it back untouched.
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
      const bytes = new Uint8Array(await file.arrayBuffer());
      const signal = await decodeAudio(bytes, file.name);
      show(result, file, signal);
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

function show(result: HTMLElement, file: File, signal: AudioSignal): void {
  let peak = 0;
  for (const ch of signal.channels) for (const v of ch) peak = Math.max(peak, Math.abs(v));
  const mono = resampleSignal(toMono(signal), MODEL_SAMPLE_RATE);
  const spec = stft(mono.channels[0], STFT_PAPER);
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
    ["sample rate", `${signal.sampleRate} Hz`],
    ["channels", String(signal.channels.length)],
    ["duration", `${duration(signal).toFixed(2)} s (${frameCount(signal)} samples)`],
    ["peak", peak > 0 ? `${(20 * Math.log10(peak)).toFixed(1)} dBFS` : "silent"],
    ["spectrogram", `${spec.frames} frames × ${spec.bins} bins at ${MODEL_SAMPLE_RATE} Hz (0–${MODEL_SAMPLE_RATE / 2} Hz, 80 dB range)`],
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
