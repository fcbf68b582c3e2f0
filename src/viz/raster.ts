import { colorIndex, magma, type Colormap } from "./colormap";

export interface RasterOptions {
  /** "db": 20·log10 of the value relative to `max`, shown over `range` dB; "linear": value / max. */
  scale: "db" | "linear";
  range: number;
  /** Value mapped to the top of the colour scale; the data's maximum when omitted. */
  max?: number;
  colormap: Colormap;
}

export const RASTER_DEFAULTS: RasterOptions = { scale: "db", range: 80, colormap: magma };

/**
 * Paints a frame-major (frames × bins) array as RGBA pixels with time to the right and frequency
 * upward (row 0 = highest bin), the way spectrograms are read.
 */
export function rasterPixels(values: Float32Array, frames: number, bins: number, options: Partial<RasterOptions> = {}): Uint8ClampedArray<ArrayBuffer> {
  const o = { ...RASTER_DEFAULTS, ...options };
  let max = o.max ?? 0;
  if (o.max === undefined) for (const v of values) if (Math.abs(v) > max) max = Math.abs(v);
  const pixels = new Uint8ClampedArray(frames * bins * 4);
  const floor = max * 10 ** (-o.range / 20);
  for (let t = 0; t < frames; t++) {
    for (let b = 0; b < bins; b++) {
      const v = Math.abs(values[t * bins + b]);
      const level = max <= 0 ? 0 : o.scale === "db" ? 1 + (20 * Math.log10(Math.max(v, floor) / max)) / o.range : v / max;
      const c = colorIndex(level);
      const p = ((bins - 1 - b) * frames + t) * 4;
      pixels[p] = o.colormap.table[c];
      pixels[p + 1] = o.colormap.table[c + 1];
      pixels[p + 2] = o.colormap.table[c + 2];
      pixels[p + 3] = 255;
    }
  }
  return pixels;
}
