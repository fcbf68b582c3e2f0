import { decodeWav, type AudioSignal } from "../../../src/audio";
import { generateSong } from "../../../src/data";
import { oracleSeparate } from "../../../src/separate";
import { compareSeparations, type CompareScores, type CompareView } from "../../../src/viz/compare";
import { comparePngLayout } from "../../../src/viz/compare-layout";
import { drawCompare, type CompareElement } from "../../../src/viz/dom/compare";

/** Draws comparison grids of generated songs and exposes them to test/browser/viz-compare.test.ts. */
const host = document.querySelector<HTMLElement>("#host")!;
let current: { view: CompareView; element: CompareElement } | undefined;

interface SongSpec {
  seed: number;
  seconds: number;
  sampleRate: number;
  /** Oracle columns to add after the mixture, by label: "IRM", "IBM", "IRM²". */
  columns?: string[];
  /** Pass the scores in (skipping BSS Eval), for timing the pictures alone. */
  givenScores?: boolean;
}

const MASKS = { IRM: "irm", IBM: "ibm", "IRM²": "irm-power" } as const;

async function build(spec: SongSpec) {
  const song = generateSong({ seed: spec.seed, seconds: spec.seconds, sampleRate: spec.sampleRate });
  const references = { vocals: song.vocals, accompaniment: song.accompaniment };
  const labels = (spec.columns ?? ["IRM", "IBM"]) as (keyof typeof MASKS)[];
  const columns: Record<string, Record<string, AudioSignal>> = {};
  for (const label of labels) columns[label] = oracleSeparate(song.mixture, references, { mask: MASKS[label] });
  const fixed: CompareScores = { sdr: 1, sir: 2, sar: 3 };
  const scores = spec.givenScores ? Object.fromEntries(["mixture", ...labels].map((l) => [l, { vocals: fixed, accompaniment: fixed }])) : undefined;
  const t0 = performance.now();
  const view = await compareSeparations({ mixture: song.mixture, references, columns, options: { scores } });
  const t1 = performance.now();
  return { view, buildMs: t1 - t0 };
}

function show(view: CompareView): number {
  const t0 = performance.now();
  const element = drawCompare(view);
  host.replaceChildren(element);
  // Layout and paint are part of drawing: read a size to force layout now.
  void element.getBoundingClientRect();
  const ms = performance.now() - t0;
  current = { view, element };
  return ms;
}

function need() {
  if (!current) throw new Error("render() a grid first");
  return current;
}

const api = {
  async render(spec: SongSpec) {
    const { view, buildMs } = await build(spec);
    const drawMs = show(view);
    return {
      stems: view.stems,
      columns: view.columns,
      scores: view.cells.map((row) => row.map((c) => c.scores)),
      thumbnail: view.thumbnail,
      caption: view.caption,
      buildMs,
      drawMs,
    };
  },

  /** The score table as the page shows it. */
  table() {
    return [...host.querySelectorAll<HTMLTableCellElement>(".viz-compare-table td")].map((td) => ({
      stem: td.dataset.stem!,
      column: td.dataset.column!,
      metric: td.dataset.metric!,
      text: td.querySelector(".viz-compare-value")!.textContent!,
      mark: td.querySelector(".viz-compare-mark")!.textContent!,
      best: td.classList.contains("best"),
      weight: getComputedStyle(td).fontWeight,
    }));
  },

  csv: () => need().element.toCsv(),

  /**
   * The PNG export decoded: its size, how many distinct colours it has, and how far the pixels where
   * the layout puts the thumbnail of (stem, column) are from that thumbnail's canvas on the page.
   */
  async png(scale: number, stem: number, column: number) {
    const { view, element } = need();
    const blob = await element.toPng(scale);
    const bitmap = await createImageBitmap(blob);
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext("2d")!;
    ctx.drawImage(bitmap, 0, 0);
    const png = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    const colours = new Set<number>();
    for (let i = 0; i < png.length; i += 4) colours.add((png[i] << 16) | (png[i + 1] << 8) | png[i + 2]);
    const layout = comparePngLayout(view);
    const box = layout.thumbnails[stem][column];
    const onPage = element.querySelectorAll<HTMLCanvasElement>(".viz-compare-thumb canvas")[stem * view.columns.length + column];
    const thumb = onPage.getContext("2d")!.getImageData(0, 0, onPage.width, onPage.height).data;
    let maxDiff = 0;
    for (let y = 0; y < box.height; y++) {
      for (let x = 0; x < box.width; x++) {
        // Centre of the scale × scale block that pixel (x, y) became.
        const p = ((Math.floor((box.y + y) * scale + scale / 2) * bitmap.width) + Math.floor((box.x + x) * scale + scale / 2)) * 4;
        const q = (y * box.width + x) * 4;
        for (let k = 0; k < 3; k++) maxDiff = Math.max(maxDiff, Math.abs(png[p + k] - thumb[q + k]));
      }
    }
    return { type: blob.type, width: bitmap.width, height: bitmap.height, layout: { width: layout.width, height: layout.height }, colours: colours.size, thumbnailMaxDiff: maxDiff };
  },

  /** Plays one cell with its button and reads back the WAV its player was given. */
  async play(stem: number, column: number) {
    const { view, element } = need();
    const cell = element.querySelectorAll<HTMLElement>(".viz-compare-cell")[stem * view.columns.length + column];
    cell.querySelector<HTMLButtonElement>(".viz-compare-player button")!.click();
    const audio = cell.querySelector("audio");
    if (!audio) return { created: false };
    const bytes = new Uint8Array(await (await fetch(audio.src)).arrayBuffer());
    const decoded = decodeWav(bytes);
    const expected = view.cells[stem][column].audio;
    let maxDiff = 0;
    decoded.channels.forEach((ch, c) => ch.forEach((x, i) => (maxDiff = Math.max(maxDiff, Math.abs(x - expected.channels[c][i])))));
    return { created: true, encoding: decoded.format.encoding, bits: decoded.format.bitsPerSample, sampleRate: decoded.sampleRate, length: decoded.channels[0].length, expectedLength: expected.channels[0].length, maxDiff };
  },

  /** Each cell's player: whether it has made its audio, is playing, and where it is. */
  /** Disposes the grid: which cells had audio, and whether each object URL still answers afterwards. */
  async dispose(): Promise<{ urls: number; stillFetchable: number; audioLeft: number }> {
    const { element } = need();
    const urls = [...host.querySelectorAll<HTMLAudioElement>(".viz-compare-cell audio")].map((a) => a.src);
    element.dispose();
    let stillFetchable = 0;
    for (const url of urls) {
      try {
        await fetch(url);
        stillFetchable++;
      } catch {
        // revoked: the fetch fails, as it should
      }
    }
    return { urls: urls.length, stillFetchable, audioLeft: host.querySelectorAll(".viz-compare-cell audio").length };
  },

  players() {
    return [...host.querySelectorAll<HTMLElement>(".viz-compare-cell")].map((cell) => {
      const audio = cell.querySelector("audio");
      return {
        stem: cell.dataset.stem!,
        column: cell.dataset.column!,
        playing: audio ? !audio.paused : false,
        time: audio?.currentTime ?? 0,
        failed: cell.querySelector(".viz-compare-player")!.classList.contains("failed"),
        button: cell.querySelector(".viz-compare-player button")!.textContent!,
        clock: cell.querySelector(".viz-compare-clock")!.textContent!,
        playhead: (cell.querySelector(".viz-compare-playhead") as HTMLElement).hidden ? null : (cell.querySelector(".viz-compare-playhead") as HTMLElement).style.left,
      };
    });
  },

  /** Times building (spectrograms, scores) and drawing a grid. */
  async timing(spec: SongSpec) {
    const { view, buildMs } = await build(spec);
    const drawMs = show(view);
    const t0 = performance.now();
    await need().element.toPng();
    const canvases = [...host.querySelectorAll<HTMLCanvasElement>(".viz-compare-thumb canvas")].map((c) => [c.width, c.height]);
    return { buildMs, drawMs, pngMs: performance.now() - t0, frames: view.spectrogram.frames, bins: view.spectrogram.bins, thumbnail: view.thumbnail, canvases };
  },
};

declare global {
  interface Window {
    demixCompare: typeof api;
  }
}
window.demixCompare = api;
