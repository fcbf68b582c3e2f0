import { COMPARE_METRICS, type CompareMetric, type CompareView } from "./compare";
import { csvLine, csvNumber } from "./csv";

/** Decimals the table and the CSV show; ties are judged at this precision, as a reader sees them. */
export const SCORE_DECIMALS = 2;

/**
 * Indices of the largest values. Values are compared as they are shown (rounded to `decimals`), so
 * two columns that print the same number are both best; NaN is never best; an all-NaN list has none.
 */
export function bestIndices(values: readonly number[], decimals = SCORE_DECIMALS): number[] {
  const shown = values.map((v) => (Number.isFinite(v) ? Number(v.toFixed(decimals)) : v));
  let best = -Infinity;
  for (const v of shown) if (v > best) best = v;
  // With only -Infinity and NaN left there is still a best (-Infinity) unless everything is NaN.
  if (shown.every((v) => Number.isNaN(v))) return [];
  const out: number[] = [];
  shown.forEach((v, i) => {
    if (v === best) out.push(i);
  });
  return out;
}

/**
 * best[stem index][metric]: the column indices with the best score of that stem and metric. The
 * mixture (column 0) is the baseline, not a candidate: BSS Eval finds no artefacts in a sum of the
 * references, so its SAR is ~150 dB and would win every SAR row. It is only marked when it is the
 * grid's one column.
 */
export function bestColumns(view: CompareView, decimals = SCORE_DECIMALS): Record<CompareMetric, number[]>[] {
  const from = view.columns.length > 1 ? 1 : 0;
  return view.cells.map((row) => {
    const best = {} as Record<CompareMetric, number[]>;
    for (const m of COMPARE_METRICS) best[m] = bestIndices(row.slice(from).map((cell) => cell.scores[m]), decimals).map((i) => i + from);
    return best;
  });
}

/** Header of `compareCsv`. */
export const COMPARE_CSV_HEADER = "stem,column,sdr_db,sir_db,sar_db";

/**
 * The grid's numbers as CSV, one line per (stem, column) in the grid's order, with a fixed number of
 * decimals (non-finite values as NaN / Infinity / -Infinity), ready for a spreadsheet or pandas.
 */
export function compareCsv(view: CompareView, decimals = SCORE_DECIMALS): string {
  const lines = [COMPARE_CSV_HEADER];
  view.stems.forEach((stem, j) => {
    view.columns.forEach((column, c) => {
      const s = view.cells[j][c].scores;
      lines.push(csvLine([stem, column, ...COMPARE_METRICS.map((m) => csvNumber(s[m], decimals))]));
    });
  });
  return lines.join("\n") + "\n";
}

/** A score as the table shows it: fixed decimals, a true minus sign, ∞ and an em dash for NaN. */
export function formatScore(value: number, decimals = SCORE_DECIMALS): string {
  if (Number.isNaN(value)) return "—";
  if (!Number.isFinite(value)) return value > 0 ? "∞" : "−∞";
  return csvNumber(value, decimals).replace("-", "−");
}
