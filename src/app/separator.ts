import * as tf from "@tensorflow/tfjs";
import { decodeAudio, encodeWav, type AudioSignal } from "../audio";
import { loadShippedModel } from "../workspace";
import { browserStemStorage, separate, separateToWav, type SeparationModels } from "../separate";
import { revokeBlobUrls } from "./download";
import { openSongSource } from "./song-source";

/**
 * The separator panel: load a saved model (its model.json and weights.bin, as `demix train` writes
 * them), choose a song, and get vocals and accompaniment to play and download, at the song's rate
 * and channel count. Everything runs in the page.
 */
export function mountSeparator(root: HTMLElement): void {
  const section = document.createElement("section");
  section.className = "separator";
  section.innerHTML = `
    <h2>Separate a song</h2>
    <p class="axis-note">Vocals and accompaniment at the song's own rate and channels, separated in this page by the chosen model: the shipped one, one you saved from a notebook, or model files.</p>
    <div class="row">
      <label>Model <select name="source"><option value="shipped">shipped (models/default)</option><option value="files">from files…</option></select></label>
      <label hidden>model.json + weights.bin <input type="file" name="model" multiple accept=".json,.bin" /></label>
      <label>Song <input type="file" name="song" accept="audio/*,.wav,.flac,.mp3,.ogg,.m4a" /></label>
      <label title="One mask from the channels' mean for all of them: half the model time for stereo, as good when the voice is centred, worse when it is panned">Stereo <select name="stereo"><option value="each">a mask per channel</option><option value="mid">one mask (2× faster)</option></select></label>
      <button type="button" disabled>Separate</button>
    </div>
    <progress max="1" value="0" hidden></progress>
    <div class="error" role="alert"></div>
    <div class="stems"></div>`;
  root.append(section);
  const source = section.querySelector<HTMLSelectElement>('select[name="source"]')!;
  const modelInput = section.querySelector<HTMLInputElement>('input[name="model"]')!;
  const songInput = section.querySelector<HTMLInputElement>('input[name="song"]')!;
  const stereoChoice = section.querySelector<HTMLSelectElement>('select[name="stereo"]')!;
  const button = section.querySelector("button")!;
  const progress = section.querySelector("progress")!;
  const error = section.querySelector<HTMLElement>(".error")!;
  const stems = section.querySelector<HTMLElement>(".stems")!;
  const fromFiles = () => source.value === "files";
  // Models saved in this browser (from notebooks, or imported in the sidebar) are choices too.
  void import("../store")
    .then(({ openStore }) => openStore())
    .then(async (store) => {
      const models = await store.models.list().finally(() => store.close());
      if (!models.length) return;
      const group = document.createElement("optgroup");
      group.label = "saved in this browser";
      for (const m of models) group.append(new Option(`${m.name} (${m.trainingStep} steps)`, `store:${m.id}`));
      source.insertBefore(group, source.querySelector('option[value="files"]'));
    })
    .catch(() => {}); // without IndexedDB there are just the other two choices
  const ready = () => (button.disabled = !((!fromFiles() || modelInput.files?.length) && songInput.files?.length));
  source.addEventListener("change", () => {
    modelInput.parentElement!.hidden = !fromFiles();
    ready();
  });
  modelInput.addEventListener("change", ready);
  songInput.addEventListener("change", ready);

  button.addEventListener("click", async () => {
    error.textContent = "";
    revokeBlobUrls(stems);
    stems.replaceChildren();
    button.disabled = true;
    progress.hidden = false;
    progress.value = 0;
    let model: tf.LayersModel | undefined;
    try {
      model = fromFiles() ? await loadModel(Array.from(modelInput.files ?? [])) : source.value.startsWith("store:") ? await loadStored(source.value.slice(6)) : await loadShipped();
      const song = songInput.files![0];
      const target = (model.getUserDefinedMetadata() as { target?: string } | undefined)?.target === "accompaniment" ? "accompaniment" : "vocals";
      const outputs = (model.outputs[0].shape as number[])[3];
      const models: SeparationModels = outputs === 2 ? { kind: "two-mask", model } : { kind: "single", model, target };
      const stereo = stereoChoice.value === "mid" ? "mid" : "each";
      const started = performance.now();
      const base = song.name.replace(/\.[^.]+$/, "");
      let result: { vocals: Blob; accompaniment: Blob; seconds: number };
      // WAV, and compressed files where WebCodecs can decode them in pieces, are read a chunk at a
      // time and the stems written as they come: an hour of audio separates in the memory of a minute.
      const input = await openSongSource(song);
      if (input) {
        try {
          // Stems go to files on disk where the browser allows (Blobs past its quota are unreadable).
          const storage = await browserStemStorage("separator");
          const wav = await separateToWav(input, models, { stereo, storage, onFraction: (f) => (progress.value = f) });
          result = { ...wav, seconds: input.frames / input.sampleRate };
        } finally {
          input.close();
        }
      } else {
        const mixture = await decodeAudio(new Uint8Array(await song.arrayBuffer()), song.name);
        const whole = await separate(mixture, models, { stereo, onProgress: (p) => (progress.value = p.done / p.total) });
        const blob = (signal: AudioSignal) => new Blob([encodeWav(signal, "pcm16") as Uint8Array<ArrayBuffer>], { type: "audio/wav" });
        result = { vocals: blob(whole.vocals), accompaniment: blob(whole.accompaniment), seconds: mixture.channels[0].length / mixture.sampleRate };
      }
      const took = (performance.now() - started) / 1000;
      stems.append(
        note(`${result.seconds.toFixed(1)} s separated in ${took.toFixed(1)} s (${(result.seconds / took).toFixed(1)}× real time)`),
        player("vocals", result.vocals, `${base}-vocals.wav`),
        player("accompaniment", result.accompaniment, `${base}-accompaniment.wav`),
      );
    } catch (e) {
      error.textContent = (e as Error).message;
    } finally {
      model?.dispose();
      progress.hidden = true;
      ready();
    }
  });
}

/** The shipped model (src/workspace), with what to do when it cannot be had. */
async function loadShipped(): Promise<tf.LayersModel> {
  try {
    return await loadShippedModel();
  } catch (e) {
    throw new Error(`${(e as Error).message}. Choose "from files…" and pick a model folder's model.json and weights.bin`);
  }
}

async function loadStored(id: string): Promise<tf.LayersModel> {
  const { openStore } = await import("../store");
  const store = await openStore();
  try {
    return (await store.models.loadModel(id)).model;
  } finally {
    store.close();
  }
}

async function loadModel(files: File[]): Promise<tf.LayersModel> {
  const json = files.find((f) => f.name.endsWith(".json"));
  const weights = files.filter((f) => f.name.endsWith(".bin"));
  if (!json || weights.length === 0) {
    throw new Error("choose both files of a saved model: model.json and its weights.bin (as demix train writes them)");
  }
  try {
    return await tf.loadLayersModel(tf.io.browserFiles([json, ...weights]));
  } catch (e) {
    throw new Error(`${json.name} could not be loaded as a model: ${(e as Error).message}`);
  }
}

function player(name: string, wav: Blob, file: string): HTMLElement {
  const url = URL.createObjectURL(wav);
  const row = document.createElement("div");
  row.className = "stem";
  row.dataset.stem = name;
  const label = document.createElement("span");
  label.textContent = name;
  const audio = document.createElement("audio");
  audio.controls = true;
  audio.src = url;
  const link = document.createElement("a");
  link.href = url;
  link.download = file;
  link.textContent = "download";
  row.append(label, audio, link);
  return row;
}

function note(text: string): HTMLElement {
  const p = document.createElement("p");
  p.className = "axis-note";
  p.textContent = text;
  return p;
}
