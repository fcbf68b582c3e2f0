import { COMPARE_LAYOUT, COMPARE_METRICS, type CompareMetric, type CompareView } from "./compare";

/** A rectangle in CSS pixels, origin top left. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One line of the score table: a stem's heading, or one metric of that stem. */
export interface TableRow {
  stem: number;
  metric?: CompareMetric;
  y: number;
}

/**
 * Where everything goes when the comparison is painted as one picture (the PNG export), in CSS
 * pixels at scale 1. Columns sit where the page's grid puts them (a label column, then one column per
 * estimate, `gap` apart), so the picture reads like the page. The caption goes below `height`: its
 * line count depends on the font, which only the painter can measure.
 */
export interface ComparePngLayout {
  width: number;
  /** Height of everything above the caption. */
  height: number;
  padding: number;
  /** x and width of the label column and of each estimate column. */
  label: { x: number; width: number };
  columns: { x: number; width: number }[];
  /** Baseline area of the column labels above the thumbnails. */
  header: Box;
  /** thumbnails[stem][column]. */
  thumbnails: Box[][];
  /** Under the last row: "0 s" to the duration, per column. */
  timeAxis: Box;
  /** The colour bar (its labels go under it). */
  legend: Box;
  /** The score table's header line and rows; each line is `lineHeight` high. */
  table: { header: number; rows: TableRow[]; lineHeight: number };
}

export const PNG_STYLE = { padding: 12, header: 20, timeAxis: 16, section: 14, legendWidth: 160, legendHeight: 10, legendLabels: 16, line: 20 } as const;

export function comparePngLayout(view: CompareView): ComparePngLayout {
  const { padding, header, timeAxis, section, legendWidth, legendHeight, legendLabels, line } = PNG_STYLE;
  const { label, gap } = COMPARE_LAYOUT;
  const cell = view.thumbnail.frames;
  const rowHeight = view.thumbnail.bins;
  const columns = view.columns.map((_, c) => ({ x: padding + label + gap + c * (cell + gap), width: cell }));
  const width = padding * 2 + label + view.columns.length * (cell + gap);
  let y = padding;
  const headerBox = { x: padding, y, width: width - 2 * padding, height: header };
  y += header;
  const thumbnails = view.stems.map(() => {
    const row = columns.map((c) => ({ x: c.x, y, width: c.width, height: rowHeight }));
    y += rowHeight + gap;
    return row;
  });
  const axis = { x: padding, y: y - gap, width: width - 2 * padding, height: timeAxis };
  y += timeAxis - gap + section;
  const legend = { x: padding + label + gap, y, width: legendWidth, height: legendHeight };
  y += legendHeight + legendLabels + section;
  const tableHeader = y;
  y += line;
  const rows: TableRow[] = [];
  view.stems.forEach((_, stem) => {
    rows.push({ stem, y });
    y += line;
    for (const metric of COMPARE_METRICS) {
      rows.push({ stem, metric, y });
      y += line;
    }
  });
  return {
    width,
    height: y + padding,
    padding,
    label: { x: padding, width: label },
    columns,
    header: headerBox,
    thumbnails,
    timeAxis: axis,
    legend,
    table: { header: tableHeader, rows, lineHeight: line },
  };
}
