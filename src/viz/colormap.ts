import { interpolateMagma, interpolateViridis, interpolateInferno, interpolateGreys } from "d3-scale-chromatic";

/**
 * Colour maps as 256-entry RGB lookup tables built once from d3's published tables, so painting
 * a million spectrogram pixels is a table lookup, not a string parse per pixel.
 */
export interface Colormap {
  name: string;
  /** 256 × [r, g, b] bytes. */
  table: Uint8Array;
}

function fromInterpolator(name: string, interpolate: (t: number) => string): Colormap {
  const table = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) {
    const hex = interpolate(i / 255);
    const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex) ?? /rgb\((\d+), ?(\d+), ?(\d+)\)/.exec(hex);
    if (!m) throw new Error(`colour ${hex} from ${name} is not #rrggbb or rgb()`);
    const parse = (s: string) => (hex.startsWith("rgb") ? Number(s) : parseInt(s, 16));
    table.set([parse(m[1]), parse(m[2]), parse(m[3])], i * 3);
  }
  return { name, table };
}

export const magma = fromInterpolator("magma", interpolateMagma);
export const viridis = fromInterpolator("viridis", interpolateViridis);
export const inferno = fromInterpolator("inferno", interpolateInferno);
export const greys = fromInterpolator("greys", (t) => interpolateGreys(1 - t));

export const COLORMAPS: Record<string, Colormap> = { magma, viridis, inferno, greys };

/** Table index for a level in [0, 1] (clamped). */
export function colorIndex(level: number): number {
  return Math.round(255 * Math.min(1, Math.max(0, level))) * 3;
}
