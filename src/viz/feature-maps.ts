/**
 * Pure arithmetic on one layer output laid out as the U-Net's tensors are, [height = bins][width =
 * frames][channel] (NHWC without the batch): per-channel statistics, channel selection, and
 * block-averaging a map down to a drawable size, frame-major as `rasterPixels` wants it.
 */

/** A layer output's size: height (bins) × width (frames) × channels. */
export interface MapShape {
  bins: number;
  frames: number;
  channels: number;
}

export interface ChannelStats {
  /** Mean |value| per channel: how strongly the channel responds to this input. */
  meanAbs: Float64Array;
  min: Float64Array;
  max: Float64Array;
}

export function channelStats(data: ArrayLike<number>, shape: MapShape): ChannelStats {
  const { bins, frames, channels } = shape;
  const meanAbs = new Float64Array(channels);
  const min = new Float64Array(channels).fill(Infinity);
  const max = new Float64Array(channels).fill(-Infinity);
  const cells = bins * frames;
  for (let p = 0; p < cells; p++) {
    const base = p * channels;
    for (let c = 0; c < channels; c++) {
      const v = data[base + c];
      meanAbs[c] += Math.abs(v);
      if (v < min[c]) min[c] = v;
      if (v > max[c]) max[c] = v;
    }
  }
  for (let c = 0; c < channels; c++) meanAbs[c] /= cells;
  return { meanAbs, min, max };
}

/** The `count` channels with the largest score, largest first; ties go to the lower channel index. */
export function topChannels(score: ArrayLike<number>, count: number): number[] {
  const order = Array.from({ length: score.length }, (_, c) => c);
  order.sort((a, b) => score[b] - score[a] || a - b);
  return order.slice(0, Math.max(0, count));
}

/** Block size that brings `size` down to at most `maxSide` (1 when it already fits). */
export const poolFactor = (size: number, maxSide: number): number => Math.max(1, Math.ceil(size / maxSide));

export interface PooledMap {
  /** frames × bins, frame-major (time outer), bin 0 the lowest frequency. */
  values: Float32Array;
  frames: number;
  bins: number;
  /** Block size averaged into each value: [bins, frames]. */
  pooled: [number, number];
}

/**
 * Channel `channel` (or the mean over all channels, with "mean") of an NHWC map, block-averaged so
 * neither side exceeds `maxSide`; blocks at the far edges average the cells they have. Averaging,
 * not subsampling, so a thin feature still shows at a lower contrast rather than vanishing.
 */
export function poolMap(data: ArrayLike<number>, shape: MapShape, channel: number | "mean", maxSide = Infinity): PooledMap {
  const { bins, frames, channels } = shape;
  const fb = poolFactor(bins, maxSide);
  const ff = poolFactor(frames, maxSide);
  const outBins = Math.ceil(bins / fb);
  const outFrames = Math.ceil(frames / ff);
  const sums = new Float64Array(outBins * outFrames);
  const counts = new Float64Array(outBins * outFrames);
  for (let b = 0; b < bins; b++) {
    const ob = Math.floor(b / fb);
    for (let t = 0; t < frames; t++) {
      const base = (b * frames + t) * channels;
      let v: number;
      if (channel === "mean") {
        v = 0;
        for (let c = 0; c < channels; c++) v += data[base + c];
        v /= channels;
      } else {
        v = data[base + channel];
      }
      const o = Math.floor(t / ff) * outBins + ob;
      sums[o] += v;
      counts[o]++;
    }
  }
  const values = new Float32Array(sums.length);
  for (let i = 0; i < values.length; i++) values[i] = sums[i] / counts[i];
  return { values, frames: outFrames, bins: outBins, pooled: [fb, ff] };
}

/**
 * A frame-major map averaged onto a coarser grid of `bins` × `frames` (each fine cell goes to the
 * coarse cell its position falls in), e.g. the final mask brought to a decoder stage's resolution.
 */
export function averageOnto(values: ArrayLike<number>, fromFrames: number, fromBins: number, frames: number, bins: number): Float32Array {
  const sums = new Float64Array(frames * bins);
  const counts = new Float64Array(frames * bins);
  for (let t = 0; t < fromFrames; t++) {
    const ot = Math.floor((t * frames) / fromFrames);
    for (let b = 0; b < fromBins; b++) {
      const o = ot * bins + Math.floor((b * bins) / fromBins);
      sums[o] += values[t * fromBins + b];
      counts[o]++;
    }
  }
  const out = new Float32Array(sums.length);
  for (let i = 0; i < out.length; i++) out[i] = counts[i] ? sums[i] / counts[i] : 0;
  return out;
}

/** Pearson correlation; NaN when either side is constant (no pattern to agree with). */
export function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  let ma = 0, mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i] - ma, db = b[i] - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : NaN;
}

/** The smallest and largest value. */
export function extent(values: ArrayLike<number>): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (values[i] < lo) lo = values[i];
    if (values[i] > hi) hi = values[i];
  }
  return [lo, hi];
}
