import { mountStemsPanel } from "../../../src/app/stems-panel";
import type { StemTrack } from "../../../src/train";

/** Mounts "Your stems" into a plain element, as any page would, and exposes it to test/browser/stems.test.ts. */
const onTracksCalls: string[][] = [];
const panel = mountStemsPanel(document.querySelector<HTMLElement>("#host")!, (tracks) => onTracksCalls.push(tracks.map((t) => t.name)));

const api = {
  /** The listed tracks as plain data (what crosses the page boundary as JSON). */
  summary() {
    return panel.loaded().map(({ name, folder, roles, accompaniment, mixture, sampleRate, channels, duration, problems, ignored, track }) => ({
      name,
      folder,
      roles,
      accompaniment,
      mixture,
      sampleRate,
      channels,
      duration,
      problems,
      ignored,
      usable: track !== undefined,
    }));
  },
  /** One stem's samples of a usable track, per channel. */
  samples(name: string, stem: keyof Omit<StemTrack, "name">): number[][] {
    const track = panel.tracks().find((t) => t.name === name);
    if (!track) throw new Error(`no usable track "${name}"`);
    return track[stem]!.channels.map((c) => Array.from(c));
  },
  /** The names each onTracks call was given, in order. */
  onTracksCalls: () => onTracksCalls,
  /** Drops files made from bytes on the drop zone, as a DataTransfer a script can build (no folders). */
  drop(files: { name: string; bytes: number[] }[]) {
    const dt = new DataTransfer();
    for (const f of files) dt.items.add(new File([Uint8Array.from(f.bytes)], f.name, { type: "audio/wav" }));
    const zone = document.querySelector(".stems-drop")!;
    zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  },
  clear: () => panel.clear(),
};

declare global {
  interface Window {
    demixStems: typeof api;
  }
}
window.demixStems = api;
document.body.dataset.ready = "true";
