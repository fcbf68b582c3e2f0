import { magma, type Colormap } from "../colormap";
import { COMPARE_LAYOUT, COMPARE_METRICS, type CompareView } from "../compare";
import { bestColumns, compareCsv, formatScore } from "../compare-scores";
import { rasterPixels } from "../raster";
import { CompareTransport } from "./compare-player";
import { BEST_MARK, canvasToPng, paintCompare } from "./compare-png";
import { el } from "./element";

export interface CompareDrawOptions {
  /** Colour map of the thumbnails (default magma). */
  colormap?: Colormap;
  /** Device pixels per CSS pixel of the PNG export (default 2, sharp on slides and papers). */
  pngScale?: number;
}

/** The drawn grid, with its exports callable from code (and tests) as well as from its buttons. */
export interface CompareElement extends HTMLElement {
  /** The whole comparison painted into one PNG. */
  toPng(scale?: number): Promise<Blob>;
  /** The scores as CSV (see compareCsv). */
  toCsv(): string;
  /** Stops playback and frees the cells' audio. */
  dispose(): void;
}

const METRIC_NAMES = { sdr: "SDR", sir: "SIR", sar: "SAR" } as const;

/**
 * Draws a comparison: a grid of spectrogram thumbnails with a player each (rows = stems, columns =
 * mixture and estimates), all on one dB scale so brightness compares across cells; then the SDR/SIR/
 * SAR table with the best column of each line marked; then PNG and CSV download buttons.
 */
export function drawCompare(view: CompareView, options: CompareDrawOptions = {}): CompareElement {
  const colormap = options.colormap ?? magma;
  const { frames: width, bins: height } = view.thumbnail;
  const { label, gap } = COMPARE_LAYOUT;
  const figure = el("figure", "viz-compare") as unknown as CompareElement;
  const grid = el("div", "viz-compare-grid");
  grid.style.gridTemplateColumns = `${label}px repeat(${view.columns.length}, ${width}px)`;
  grid.style.columnGap = `${gap}px`;

  grid.append(el("div"));
  for (const c of view.columns) grid.append(el("div", "viz-compare-column", c));
  const transport = new CompareTransport(view.seconds);
  const thumbnails: HTMLCanvasElement[][] = [];
  const nyquist = `${view.spectrogram.sampleRate / 2} Hz`;
  view.stems.forEach((stem, j) => {
    const name = el("div", "viz-compare-stem");
    name.style.height = `${height}px`;
    name.append(el("span", "viz-compare-hz", nyquist), el("strong", undefined, stem), el("span", "viz-compare-hz", "0 Hz"));
    grid.append(name);
    thumbnails.push([]);
    view.columns.forEach((column, c) => {
      const cell = view.cells[j][c];
      const box = el("div", "viz-compare-cell");
      box.dataset.stem = stem;
      box.dataset.column = column;
      const thumb = el("div", "viz-compare-thumb");
      thumb.title = `${stem} · ${column}: click to play from here`;
      const canvas = el("canvas");
      canvas.width = width;
      canvas.height = height;
      const pixels = rasterPixels(cell.thumbnail, width, height, { scale: "db", range: view.db.range, max: view.db.max, colormap });
      canvas.getContext("2d")!.putImageData(new ImageData(pixels, width, height), 0, 0);
      thumb.append(canvas);
      thumbnails[j].push(canvas);
      const player = transport.cell(cell.audio, thumb);
      box.append(thumb, player.element);
      grid.append(box);
    });
  });
  grid.append(el("div"));
  for (let c = 0; c < view.columns.length; c++) {
    const axis = el("div", "viz-compare-time");
    axis.append(el("span", undefined, "0 s"), el("span", undefined, `${view.seconds.toFixed(1)} s`));
    grid.append(axis);
  }

  const legend = el("div", "viz-compare-legend");
  legend.style.marginLeft = `${label + gap}px`;
  legend.append(colourBar(colormap), el("span", undefined, `−${view.db.range} dB … 0 dB: magnitude below the loudest bin of the grid`));

  const actions = el("div", "viz-compare-actions");
  const png = el("button", "small", "PNG");
  png.title = "Download the grid, its labels and the score table as one picture";
  const csv = el("button", "small", "CSV");
  csv.title = "Download the scores as CSV";
  actions.append(png, csv);

  figure.append(grid, legend, scoreTable(view, width), actions, el("figcaption", "meta", view.caption));
  figure.toCsv = () => compareCsv(view);
  figure.dispose = () => transport.dispose();
  figure.toPng = (scale = options.pngScale ?? 2) => canvasToPng(paintCompare(view, thumbnails, colormap, scale));
  png.addEventListener("click", () => {
    png.disabled = true;
    figure
      .toPng()
      .then((blob) => download(blob, "comparison.png"))
      .catch((e: Error) => (png.title = e.message))
      .finally(() => (png.disabled = false));
  });
  csv.addEventListener("click", () => download(new Blob([figure.toCsv()], { type: "text/csv" }), "comparison.csv"));
  return figure;
}

/** Scores per stem and metric (rows) and column; its columns line up with the grid's. */
function scoreTable(view: CompareView, cellWidth: number): HTMLTableElement {
  const { label, gap } = COMPARE_LAYOUT;
  const table = el("table", "viz-compare-table");
  const cols = el("colgroup");
  // Widths of the grid's tracks and gaps: label + gap, then cell + gap, the last without a gap.
  cols.append(col(label + gap), ...view.columns.map((_, c) => col(cellWidth + (c < view.columns.length - 1 ? gap : 0))));
  table.append(cols);
  const head = table.createTHead().insertRow();
  head.append(el("th", "viz-compare-unit", "dB"), ...view.columns.map((c) => el("th", undefined, c)));
  const body = table.createTBody();
  const best = bestColumns(view);
  view.stems.forEach((stem, j) => {
    const group = body.insertRow();
    group.className = "viz-compare-group";
    const th = el("th", undefined, stem);
    th.colSpan = view.columns.length + 1;
    group.append(th);
    for (const metric of COMPARE_METRICS) {
      const row = body.insertRow();
      row.append(el("th", undefined, METRIC_NAMES[metric]));
      view.columns.forEach((column, c) => {
        const td = row.insertCell();
        td.dataset.stem = stem;
        td.dataset.column = column;
        td.dataset.metric = metric;
        const isBest = best[j][metric].includes(c);
        td.append(el("span", "viz-compare-value", formatScore(view.cells[j][c].scores[metric])), el("span", "viz-compare-mark", isBest ? BEST_MARK : ""));
        if (isBest) {
          td.className = "best";
          td.title = `best ${METRIC_NAMES[metric]} for ${stem}`;
        }
      });
    }
  });
  return table;
}

function colourBar(colormap: Colormap): HTMLCanvasElement {
  const canvas = el("canvas", "viz-compare-bar");
  canvas.width = 160;
  canvas.height = 10;
  const ctx = canvas.getContext("2d")!;
  const pixels = new Uint8ClampedArray(160 * 10 * 4);
  for (let x = 0; x < 160; x++) {
    const i = Math.round((255 * x) / 159) * 3;
    for (let y = 0; y < 10; y++) pixels.set([colormap.table[i], colormap.table[i + 1], colormap.table[i + 2], 255], (y * 160 + x) * 4);
  }
  ctx.putImageData(new ImageData(pixels, 160, 10), 0, 0);
  return canvas;
}

function col(width: number): HTMLTableColElement {
  const c = el("col");
  c.style.width = `${width}px`;
  return c;
}

function download(blob: Blob, name: string): void {
  const a = el("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  // Revoked later, not at once: a browser may still be reading the blob when click() returns.
  setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
}

