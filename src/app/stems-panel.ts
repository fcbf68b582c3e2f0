import {
  directoryPickerSupported,
  DIRECTORY_PICKER_UNSUPPORTED,
  filesFromDirectoryPicker,
  filesFromDrop,
  filesFromInput,
  loadStemFiles,
  type LoadedStemTrack,
  type StemFile,
} from "../data/browser-stems";
import type { StemTrack } from "../train/spectra";

export interface StemsPanel {
  element: HTMLElement;
  /** Every track listed, usable or not, in the order shown. */
  loaded(): LoadedStemTrack[];
  /** The usable tracks' audio, as training takes it. */
  tracks(): StemTrack[];
  /** Adds files as if chosen by the user (tracks from the same folder replace the ones listed). */
  load(files: readonly StemFile[]): Promise<void>;
  clear(): void;
}

const ACCEPT = "audio/*,.wav,.flac,.mp3,.ogg,.opus,.m4a,.aac,.webm";

/**
 * "Your stems": the user's own songs as training data. Files come from a drop (folders included),
 * a file input, a folder input or the directory picker; each track is listed with what was found
 * and what is wrong, in words. A bad file spoils only its own track. `onTracks` gets the usable
 * tracks after every change. Works mounted into any element; needs src/app/style.css for its looks.
 */
export function mountStemsPanel(parent: HTMLElement, onTracks?: (tracks: StemTrack[]) => void): StemsPanel {
  const section = document.createElement("section");
  section.className = "stems-panel";
  section.innerHTML = `
    <h2>Your stems</h2>
    <p class="stems-hint">One folder per song holding <code>vocals</code> and <code>accompaniment</code>
      (or MUSDB's <code>drums</code>, <code>bass</code> and <code>other</code>), and <code>mixture</code> if you have it;
      WAV, FLAC, MP3 or Ogg, any sample rate and channel count. A folder of such folders loads them all.</p>
    <div class="stems-drop">
      <p class="stems-drop-label">Drop song folders or stem files here</p>
      <div class="stems-controls">
        <label class="stems-button">Choose files<input class="stems-input" type="file" name="files" multiple accept="${ACCEPT}" /></label>
        <label class="stems-button">Choose folder<input class="stems-input" type="file" name="folder" webkitdirectory /></label>
        <button type="button" class="stems-button" name="picker">Open folder…</button>
        <button type="button" class="stems-button stems-clear" name="clear" hidden>Clear list</button>
      </div>
    </div>
    <p class="stems-status" role="status" aria-live="polite"></p>
    <ul class="stems-notes"></ul>
    <ul class="stems-tracks"></ul>`;
  parent.append(section);

  const drop = section.querySelector<HTMLElement>(".stems-drop")!;
  const fileInput = section.querySelector<HTMLInputElement>('input[name="files"]')!;
  const folderInput = section.querySelector<HTMLInputElement>('input[name="folder"]')!;
  const picker = section.querySelector<HTMLButtonElement>('button[name="picker"]')!;
  const clearButton = section.querySelector<HTMLButtonElement>('button[name="clear"]')!;
  const status = section.querySelector<HTMLElement>(".stems-status")!;
  const notes = section.querySelector<HTMLElement>(".stems-notes")!;
  const list = section.querySelector<HTMLElement>(".stems-tracks")!;
  if (!directoryPickerSupported()) picker.title = DIRECTORY_PICKER_UNSUPPORTED;

  /** Listed tracks by folder path, so choosing a folder again replaces its entry. */
  const shown = new Map<string, LoadedStemTrack>();
  // One load at a time: a second choice waits for the first rather than interleaving with it.
  let queue: Promise<void> = Promise.resolve();

  const loaded = () => [...shown.values()];
  const usable = () => loaded().flatMap((t) => (t.track ? [t.track] : []));

  function load(files: readonly StemFile[]): Promise<void> {
    queue = queue.then(() => loadNow(files));
    return queue;
  }

  async function loadNow(files: readonly StemFile[]): Promise<void> {
    notes.replaceChildren();
    section.classList.add("busy");
    status.textContent = `Reading ${files.length} file${files.length === 1 ? "" : "s"}…`;
    try {
      const result = await loadStemFiles(files, {
        onProgress: ({ done, total, name }) => (status.textContent = `Decoding “${name}” (${done + 1} of ${total})…`),
      });
      for (const t of result.tracks) shown.set(t.folder, t);
      for (const n of result.notes) note(n, "warning");
      if (result.ignored.length) note(`Left out ${result.ignored.length} file${result.ignored.length === 1 ? "" : "s"} outside any song folder: ${shortList(result.ignored)}.`, "info");
    } catch (e) {
      note((e as Error).message, "error");
    } finally {
      section.classList.remove("busy");
      render();
    }
  }

  function note(text: string, level: "error" | "warning" | "info"): void {
    const li = document.createElement("li");
    li.className = `stems-${level}`;
    li.textContent = text;
    notes.append(li);
  }

  function render(): void {
    list.replaceChildren(...loaded().map(trackItem));
    const all = loaded();
    const ready = usable().length;
    clearButton.hidden = all.length === 0;
    status.textContent =
      all.length === 0
        ? ""
        : `${ready} of ${all.length} track${all.length === 1 ? "" : "s"} ready` +
          (ready ? `, ${formatDuration(all.reduce((s, t) => s + (t.duration ?? 0), 0))} in all` : "") +
          (ready < all.length ? `; ${all.length - ready} cannot be used (see below)` : "");
    onTracks?.(usable());
  }

  async function fromSource(get: () => Promise<StemFile[] | undefined>): Promise<void> {
    let files: StemFile[] | undefined;
    try {
      files = await get();
    } catch (e) {
      notes.replaceChildren();
      note((e as Error).message, "error");
      return;
    }
    if (files) await load(files);
  }

  fileInput.addEventListener("change", () => {
    const files = filesFromInput(fileInput.files);
    fileInput.value = ""; // so choosing the same files again fires change again
    void load(files);
  });
  folderInput.addEventListener("change", () => {
    const files = filesFromInput(folderInput.files);
    folderInput.value = "";
    void load(files);
  });
  picker.addEventListener("click", () => void fromSource(filesFromDirectoryPicker));
  clearButton.addEventListener("click", () => {
    shown.clear();
    notes.replaceChildren();
    render();
  });
  drop.addEventListener("dragover", (e) => {
    e.preventDefault();
    drop.classList.add("over");
  });
  drop.addEventListener("dragleave", (e) => {
    if (!drop.contains(e.relatedTarget as Node | null)) drop.classList.remove("over");
  });
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    // The drop's items must be taken now, inside the event: filesFromDrop does that before awaiting.
    if (e.dataTransfer) {
      const files = filesFromDrop(e.dataTransfer);
      void fromSource(() => files);
    }
  });

  return {
    element: section,
    loaded,
    tracks: usable,
    load,
    clear: () => clearButton.click(),
  };
}

function trackItem(t: LoadedStemTrack): HTMLLIElement {
  const li = document.createElement("li");
  const ok = t.track !== undefined;
  const warned = t.problems.some((p) => p.level === "warning");
  li.className = `stems-track ${ok ? "ok" : "bad"}${ok && warned ? " warn" : ""}`;
  li.dataset.folder = t.folder;

  const head = el("div", "stems-track-head");
  const name = el("span", "stems-track-name", t.name);
  if (t.folder && t.folder !== t.name) name.title = t.folder;
  head.append(name, el("span", `stems-badge ${ok ? "ok" : "bad"}`, ok ? "ready" : "not usable"));

  const roles = el("div", "stems-roles");
  roles.dataset.roles = t.roles.join(",");
  for (const r of t.roles) roles.append(el("span", "stems-role", r));
  // What was made from the files, said only where it was made.
  const derived: string[] = [];
  if (ok && t.accompaniment === "musdb") derived.push("accompaniment = drums + bass + other");
  if (ok && t.mixture === "sum") derived.push("mixture = vocals + accompaniment");
  if (derived.length) roles.append(el("span", "stems-derived", derived.join("; ")));

  li.append(head, roles);
  if (ok) {
    const facts = el("div", "stems-facts");
    facts.append(
      fact("duration", formatDuration(t.duration!)),
      fact("rate", `${t.sampleRate} Hz`),
      fact("channels", t.channels === 1 ? "mono" : t.channels === 2 ? "stereo" : `${t.channels} channels`),
    );
    li.append(facts);
  }
  if (t.problems.length) {
    const problems = el("ul", "stems-problems");
    for (const p of t.problems) {
      const item = el("li", `stems-${p.level}`, p.message);
      item.dataset.code = p.code;
      problems.append(item);
    }
    li.append(problems);
  }
  if (t.ignored.length) li.append(el("p", "stems-ignored", `Left out (not stems): ${shortList(t.ignored.map(baseName))}`));
  return li;
}

function fact(field: string, text: string): HTMLElement {
  const span = el("span", "stems-fact", text);
  span.dataset.field = field;
  return span;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** "2.50 s" below a minute, "3 min 25.4 s" above: the samples behind it matter more than the look. */
function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(2)} s`;
  return `${Math.floor(seconds / 60)} min ${(seconds % 60).toFixed(1)} s`;
}

/** At most 6 names, then how many more: a MUSDB folder can leave out hundreds of files. */
function shortList(names: readonly string[]): string {
  return names.length <= 6 ? names.join(", ") : `${names.slice(0, 6).join(", ")} and ${names.length - 6} more`;
}

const baseName = (path: string) => path.slice(path.lastIndexOf("/") + 1);
