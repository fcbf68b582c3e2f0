import { COMPARE_METRICS, type CompareView } from "../compare";
import { comparePngLayout } from "../compare-layout";
import { bestColumns, formatScore } from "../compare-scores";
import type { Colormap } from "../colormap";

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', sans-serif";
const INK = { fg: "#1f1d1a", muted: "#6b665d", line: "#e2ded6", accent: "#6b3fa0", bg: "#ffffff" };
export const BEST_MARK = "★";
const METRIC_NAMES = { sdr: "SDR", sir: "SIR", sar: "SAR" } as const;

/**
 * Paints the whole comparison (column and stem labels, axes, the thumbnails as the page shows them,
 * the colour bar, the score table with its best marks, the caption) into one canvas with the 2-D
 * context, at `scale` device pixels per CSS pixel. Thumbnails are copied pixel for pixel (no
 * smoothing), so the picture holds exactly what was on screen.
 */
export function paintCompare(view: CompareView, thumbnails: HTMLCanvasElement[][], colormap: Colormap, scale = 2): HTMLCanvasElement {
  const layout = comparePngLayout(view);
  const canvas = document.createElement("canvas");
  const measure = canvas.getContext("2d")!;
  measure.font = `11px ${FONT}`;
  const captionLines = wrap(measure, view.caption, layout.width - 2 * layout.padding);
  const height = layout.height + captionLines.length * 15 + layout.padding;
  canvas.width = Math.round(layout.width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext("2d")!;
  ctx.scale(scale, scale);
  ctx.imageSmoothingEnabled = false;
  ctx.fillStyle = INK.bg;
  ctx.fillRect(0, 0, layout.width, height);
  const text = (s: string, x: number, y: number, align: CanvasTextAlign, font: string, color = INK.fg) => {
    ctx.font = `${font} ${FONT}`;
    ctx.fillStyle = color;
    ctx.textAlign = align;
    ctx.textBaseline = "middle";
    ctx.fillText(s, x, y);
  };
  const labelRight = layout.label.x + layout.label.width;

  // Column labels, then each stem's row of thumbnails with its frequency axis in the label column.
  view.columns.forEach((c, i) => text(c, layout.columns[i].x + layout.columns[i].width / 2, layout.header.y + layout.header.height / 2 - 2, "center", "600 12px"));
  const nyquist = `${view.spectrogram.sampleRate / 2} Hz`;
  view.stems.forEach((stem, j) => {
    const row = layout.thumbnails[j];
    const top = row[0].y;
    text(nyquist, labelRight, top + 6, "right", "11px", INK.muted);
    text(stem, labelRight, top + row[0].height / 2, "right", "600 12px");
    text("0 Hz", labelRight, top + row[0].height - 6, "right", "11px", INK.muted);
    row.forEach((box, c) => ctx.drawImage(thumbnails[j][c], box.x, box.y, box.width, box.height));
  });
  const axisY = layout.timeAxis.y + layout.timeAxis.height / 2;
  for (const col of layout.columns) {
    text("0 s", col.x, axisY, "left", "11px", INK.muted);
    text(`${view.seconds.toFixed(1)} s`, col.x + col.width, axisY, "right", "11px", INK.muted);
  }

  // Colour bar: the shared dB scale of every thumbnail.
  const bar = layout.legend;
  for (let x = 0; x < bar.width; x++) {
    const i = Math.round((255 * x) / (bar.width - 1)) * 3;
    ctx.fillStyle = `rgb(${colormap.table[i]}, ${colormap.table[i + 1]}, ${colormap.table[i + 2]})`;
    ctx.fillRect(bar.x + x, bar.y, 1, bar.height);
  }
  const under = bar.y + bar.height + 8;
  text(`−${view.db.range} dB`, bar.x, under, "left", "11px", INK.muted);
  text("0 dB", bar.x + bar.width, under, "right", "11px", INK.muted);
  text("magnitude below the loudest bin of the grid", bar.x + bar.width + 10, bar.y + bar.height / 2, "left", "11px", INK.muted);

  // Score table: a header of column labels, then per stem a heading and its SDR/SIR/SAR lines.
  const { table } = layout;
  const mid = (y: number) => y + table.lineHeight / 2;
  // Numbers right-aligned a fixed distance right of the column's centre, so decimals line up; the mark follows.
  const numberRight = (c: number) => layout.columns[c].x + layout.columns[c].width / 2 + 28;
  text("dB", labelRight, mid(table.header), "right", "11px", INK.muted);
  view.columns.forEach((c, i) => text(c, numberRight(i), mid(table.header), "right", "600 11px"));
  rule(ctx, layout.padding, table.header + table.lineHeight, layout.width - layout.padding);
  const best = bestColumns(view);
  for (const row of table.rows) {
    if (!row.metric) {
      text(view.stems[row.stem], layout.label.x, mid(row.y), "left", "600 12px");
      continue;
    }
    const metric = row.metric;
    text(METRIC_NAMES[metric], labelRight, mid(row.y), "right", "11px", INK.muted);
    view.columns.forEach((_, c) => {
      const isBest = best[row.stem][metric].includes(c);
      text(formatScore(view.cells[row.stem][c].scores[metric]), numberRight(c), mid(row.y), "right", isBest ? "700 12px" : "12px", isBest ? INK.accent : INK.fg);
      if (isBest) text(BEST_MARK, numberRight(c) + 4, mid(row.y), "left", "12px", INK.accent);
    });
    if (metric === COMPARE_METRICS[COMPARE_METRICS.length - 1]) rule(ctx, layout.padding, row.y + table.lineHeight, layout.width - layout.padding);
  }

  captionLines.forEach((line, i) => text(line, layout.padding, layout.height + 7 + i * 15, "left", "11px", INK.muted));
  return canvas;
}

/** The painted comparison as PNG bytes. */
export function canvasToPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("the browser could not encode the comparison as PNG (canvas too large?)"))), "image/png");
  });
}

function rule(ctx: CanvasRenderingContext2D, x0: number, y: number, x1: number): void {
  ctx.fillStyle = INK.line;
  ctx.fillRect(x0, y - 0.5, x1 - x0, 1);
}

/** Greedy word wrap to `width` pixels in the context's current font. */
function wrap(ctx: CanvasRenderingContext2D, s: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of s.split(" ")) {
    const next = line ? `${line} ${word}` : word;
    if (line && ctx.measureText(next).width > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}
