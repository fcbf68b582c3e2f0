import { describe, expect, it } from "vitest";
import type { CompareScores, CompareView } from "../../../src/viz/compare";
import { bestColumns, bestIndices, COMPARE_CSV_HEADER, compareCsv, formatScore } from "../../../src/viz/compare-scores";
import { csvField, csvNumber } from "../../../src/viz/csv";

/** A view with only the parts the score helpers read. */
function scoresView(stems: string[], columns: string[], scores: CompareScores[][]): CompareView {
  return {
    kind: "view",
    view: "compare",
    caption: "",
    stems,
    columns,
    cells: scores.map((row) => row.map((s) => ({ thumbnail: new Float32Array(1), audio: { sampleRate: 8000, channels: [new Float32Array(1)] }, scores: s }))),
    thumbnail: { frames: 1, bins: 1 },
    spectrogram: { frames: 1, bins: 1, sampleRate: 8192, nfft: 1024, hop: 768 },
    seconds: 1,
    db: { max: 1, range: 80 },
    givenScores: [],
    permuted: [],
  };
}

describe("best column per row", () => {
  it("is the largest value", () => {
    expect(bestIndices([1, 3, 2])).toEqual([1]);
    expect(bestIndices([-5, -7])).toEqual([0]);
  });

  it("marks every tie", () => {
    expect(bestIndices([4, 1, 4, 2])).toEqual([0, 2]);
  });

  it("judges ties at the decimals shown: 12.341 and 12.339 both print 12.34", () => {
    expect(bestIndices([12.341, 12.339, 3])).toEqual([0, 1]);
    expect(bestIndices([12.341, 12.339, 3], 3)).toEqual([0]);
  });

  it("never picks NaN, and has none when every value is NaN", () => {
    expect(bestIndices([NaN, 2, NaN, 1])).toEqual([1]);
    expect(bestIndices([NaN, NaN])).toEqual([]);
    expect(bestIndices([])).toEqual([]);
  });

  it("takes +Infinity as best and -Infinity over NaN", () => {
    expect(bestIndices([5, Infinity, 7])).toEqual([1]);
    expect(bestIndices([NaN, -Infinity])).toEqual([1]);
  });

  it("is found per stem and per metric, among the candidates (the mixture baseline is not one)", () => {
    const view = scoresView(["vocals", "accompaniment"], ["mixture", "IRM", "IBM"], [
      [{ sdr: -2, sir: -2, sar: 150 }, { sdr: 11, sir: 20, sar: 12 }, { sdr: 9, sir: 25, sar: 9 }],
      [{ sdr: 3, sir: 3, sar: 150 }, { sdr: 12.5, sir: NaN, sar: 14 }, { sdr: 12.5, sir: 22, sar: 11 }],
    ]);
    expect(bestColumns(view)).toEqual([
      { sdr: [1], sir: [2], sar: [1] },
      { sdr: [1, 2], sir: [2], sar: [1] },
    ]);
  });
});

describe("scores as CSV", () => {
  const scores: CompareScores[][] = [
    [{ sdr: -2.704, sir: -2.7049, sar: 151.567 }, { sdr: 11.3249, sir: 20.5049, sar: 11.9151 }],
    [{ sdr: 2.8449, sir: -0.004, sar: 151.5651 }, { sdr: 12.66, sir: 18.894, sar: 13.9 }],
  ];
  const view = scoresView(["vocals", "accompaniment"], ["mixture", "model 1"], scores);

  it("has the header and one line per (stem, column) in the grid's order", () => {
    const lines = compareCsv(view).trimEnd().split("\n");
    expect(lines[0]).toBe(COMPARE_CSV_HEADER);
    expect(lines.slice(1).map((l) => l.split(",").slice(0, 2).join(","))).toEqual(["vocals,mixture", "vocals,model 1", "accompaniment,mixture", "accompaniment,model 1"]);
  });

  it("parses back with a plain split to the numbers rounded to 2 decimals", () => {
    const rows = compareCsv(view).trimEnd().split("\n").slice(1).map((l) => l.split(","));
    // Hand-rounded: -2.704 → -2.70, 11.3249 → 11.32, 151.5651 → 151.57, -0.004 → 0.00 (not -0.00).
    expect(rows[0].slice(2)).toEqual(["-2.70", "-2.70", "151.57"]);
    expect(rows[1].slice(2)).toEqual(["11.32", "20.50", "11.92"]);
    expect(rows[2].slice(2)).toEqual(["2.84", "0.00", "151.57"]);
    // And every field equals its score rounded to hundredths (computed here without toFixed).
    const hundredths = (x: number) => Math.round(x * 100) / 100 + 0;
    rows.forEach((r, i) => {
      const s = scores[Math.floor(i / 2)][i % 2];
      expect(r.slice(2).map(Number)).toEqual([s.sdr, s.sir, s.sar].map(hundredths));
    });
  });

  it("quotes a label holding a comma or a quote, and writes non-finite values readable by Number() and float()", () => {
    const odd = scoresView(["vocals"], ['U-Net "small", 10k steps'], [[{ sdr: NaN, sir: Infinity, sar: -Infinity }]]);
    const line = compareCsv(odd).split("\n")[1];
    expect(line).toBe('vocals,"U-Net ""small"", 10k steps",NaN,Infinity,-Infinity');
    expect(["NaN", "Infinity", "-Infinity"].map(Number)).toEqual([NaN, Infinity, -Infinity]);
  });

  it("fields are quoted only when needed", () => {
    expect(csvField("IRM")).toBe("IRM");
    expect(csvField("a\nb")).toBe('"a\nb"');
    expect(csvNumber(1.005, 1)).toBe("1.0");
    expect(csvNumber(-0.0001, 2)).toBe("0.00");
  });
});

describe("scores as the table shows them", () => {
  it("uses a true minus sign, ∞ and a dash for NaN", () => {
    expect(formatScore(-2.704)).toBe("−2.70");
    expect(formatScore(11.3249)).toBe("11.32");
    expect(formatScore(Infinity)).toBe("∞");
    expect(formatScore(-Infinity)).toBe("−∞");
    expect(formatScore(NaN)).toBe("—");
  });
});
