import { describe, expect, it } from "vitest";
import { COMPARE_LAYOUT, type CompareView } from "../../../src/viz/compare";
import { comparePngLayout, type Box } from "../../../src/viz/compare-layout";

function view(stems: number, columns: number, width: number, height: number): CompareView {
  return {
    stems: Array.from({ length: stems }, (_, i) => `stem ${i}`),
    columns: Array.from({ length: columns }, (_, i) => `column ${i}`),
    thumbnail: { frames: width, bins: height },
  } as CompareView;
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe("the PNG layout", () => {
  it("puts the columns where the page's grid puts them, inside a 12-px margin", () => {
    const l = comparePngLayout(view(2, 3, 240, 120));
    const { label, gap } = COMPARE_LAYOUT;
    // Grid tracks: label, then cells `gap` apart, the label column also `gap` from the first cell.
    expect(l.columns.map((c) => c.x)).toEqual([12 + label + gap, 12 + label + gap + 248, 12 + label + gap + 2 * 248]);
    expect(l.width).toBe(12 + label + 3 * (240 + gap) + 12);
    expect(l.width).toBe(880);
  });

  it("stacks header, thumbnails, time axis, colour bar and table without overlap", () => {
    const l = comparePngLayout(view(3, 4, 150, 100));
    const boxes = l.thumbnails.flat();
    boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => expect(overlaps(a, b)).toBe(false)));
    for (const b of boxes) {
      expect(b.x + b.width).toBeLessThanOrEqual(l.width - l.padding);
      expect(b.y).toBeGreaterThanOrEqual(l.header.y + l.header.height);
    }
    const lastRow = l.thumbnails[2][0];
    expect(l.timeAxis.y).toBeGreaterThanOrEqual(lastRow.y + lastRow.height);
    expect(l.legend.y).toBeGreaterThanOrEqual(l.timeAxis.y + l.timeAxis.height);
    expect(l.table.header).toBeGreaterThan(l.legend.y + l.legend.height);
    // A heading and three metric lines per stem, one line apart, ending above the bottom margin.
    expect(l.table.rows.map((r) => r.metric ?? "stem")).toEqual(Array(3).fill(["stem", "sdr", "sir", "sar"]).flat());
    l.table.rows.forEach((r, i) => expect(r.y).toBe(l.table.header + (i + 1) * l.table.lineHeight));
    expect(l.height).toBe(l.table.rows.at(-1)!.y + l.table.lineHeight + l.padding);
  });
});
