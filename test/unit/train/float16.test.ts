import { describe, expect, it } from "vitest";
import { toFloat16Bits } from "../../../src/train/float16";

describe("float16 encoding", () => {
  it("matches IEEE half precision on exact and special values", () => {
    const cases: [number, number][] = [
      [0, 0x0000], [-0, 0x8000], [1, 0x3c00], [-2, 0xc000], [65504, 0x7bff], [65520, 0x7c00], [Infinity, 0x7c00],
      [-Infinity, 0xfc00], [2 ** -14, 0x0400], [2 ** -24, 0x0001], [2 ** -26, 0x0000], [0.1, 0x2e66], [1 / 3, 0x3555],
    ];
    for (const [v, bits] of cases) expect(toFloat16Bits(v).toString(16)).toBe(bits.toString(16));
    expect(toFloat16Bits(NaN) & 0x7c00).toBe(0x7c00);
    expect(toFloat16Bits(NaN) & 0x3ff).not.toBe(0);
  });
  it("rounds halfway cases to even", () => {
    expect(toFloat16Bits(1 + 2 ** -11)).toBe(0x3c00); // halfway between 1 and the next half: even is 1
    expect(toFloat16Bits(1 + 3 * 2 ** -11)).toBe(0x3c02);
  });
});
