/**
 * A picture of frame-major numbers (a mask, a magnitude, an activation) as plain data, so a notebook
 * can `display(raster(mask, frames, bins))` in Node and in the page alike: the page's renderer paints
 * it, Node's runner describes it. Nothing is drawn here.
 */
export interface Raster {
  kind: "raster";
  /** frames × bins, frame-major (as `magnitude()` and the masks give them). */
  values: Float32Array;
  frames: number;
  bins: number;
  /** "linear" for masks in [0, 1]; "db" for magnitudes. */
  scale: "db" | "linear";
  /** dB shown below the maximum when scale is "db". */
  range: number;
  title?: string;
}

export function raster(
  values: Float32Array,
  frames: number,
  bins: number,
  options: { scale?: "db" | "linear"; range?: number; title?: string } = {},
): Raster {
  if (values.length !== frames * bins) {
    throw new Error(`raster: ${values.length} values cannot be ${frames} frames × ${bins} bins (that needs ${frames * bins})`);
  }
  return { kind: "raster", values, frames, bins, scale: options.scale ?? "linear", range: options.range ?? 80, ...(options.title ? { title: options.title } : {}) };
}

export function isRaster(v: unknown): v is Raster {
  return typeof v === "object" && v !== null && (v as Raster).kind === "raster" && (v as Raster).values instanceof Float32Array;
}
