/**
 * Tiling a frame-major spectrogram (frames × bins) into model patches and stitching them back.
 *
 * A patch is laid out bin-major, `[bin][frame]`, i.e. height = frequency and width = time, which
 * is the NHWC input [batch, 512, 128, 1] of the U-Net without a transpose on the model side.
 * Overlapping patches are blended with a linear cross-fade over the overlap so predictions from
 * neighbouring patches meet without a seam; stitch(tile(x)) = x exactly.
 */
export interface PatchOptions {
  /** Frequency bins per patch, taken from bin 0 upward (the paper: 512 of 513). */
  patchBins: number;
  /** Frames per patch (the paper: 128, about 12 s at 8192 Hz / hop 768). */
  patchFrames: number;
  /** Frames between patch starts; less than patchFrames means overlap. */
  step: number;
}

export const PATCH_PAPER: PatchOptions = { patchBins: 512, patchFrames: 128, step: 128 };

export interface Patches {
  /** count × patchBins × patchFrames values, bin-major within a patch. */
  data: Float32Array;
  count: number;
  /** First frame of each patch. */
  starts: number[];
  options: PatchOptions;
}

function checkOptions(o: PatchOptions): void {
  for (const [k, v] of Object.entries(o)) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`patch option ${k} must be a positive integer, got ${v}`);
  }
  if (o.step > o.patchFrames) throw new Error(`patch step ${o.step} exceeds patch width ${o.patchFrames}: frames would be skipped`);
}

/** Start frames so that every frame is covered; the last patch may run past the end (zero-filled). */
export function patchStarts(frames: number, patchFrames: number, step: number): number[] {
  const starts = [0];
  while (starts[starts.length - 1] + patchFrames < frames) starts.push(starts[starts.length - 1] + step);
  return starts;
}

export function toPatches(values: Float32Array, frames: number, bins: number, options: PatchOptions = PATCH_PAPER): Patches {
  checkOptions(options);
  const { patchBins, patchFrames, step } = options;
  if (values.length !== frames * bins) throw new Error(`expected ${frames}×${bins} values, got ${values.length}`);
  if (patchBins > bins) throw new Error(`patch needs ${patchBins} bins but the spectrogram has ${bins}`);
  const starts = patchStarts(frames, patchFrames, step);
  const size = patchBins * patchFrames;
  const data = new Float32Array(starts.length * size);
  starts.forEach((start, p) => {
    const end = Math.min(frames, start + patchFrames);
    for (let f = start; f < end; f++) {
      const src = f * bins;
      const dst = p * size + (f - start);
      for (let b = 0; b < patchBins; b++) data[dst + b * patchFrames] = values[src + b];
    }
  });
  return { data, count: starts.length, starts, options };
}

/** Cross-fade weight of frame f within a patch: ramps over the overlap, 1 in the middle, never 0. */
export function fadeWeights(patchFrames: number, step: number): Float32Array {
  const overlap = patchFrames - step;
  const w = new Float32Array(patchFrames);
  for (let f = 0; f < patchFrames; f++) {
    w[f] = overlap === 0 ? 1 : Math.min(1, (f + 1) / (overlap + 1), (patchFrames - f) / (overlap + 1));
  }
  return w;
}

/** Inverse of toPatches: a frames × patchBins frame-major array, overlaps blended. */
export function fromPatches(patches: Patches, frames: number): Float32Array {
  const { patchBins, patchFrames, step } = patches.options;
  const size = patchBins * patchFrames;
  if (patches.data.length !== patches.count * size) throw new Error(`patch data has ${patches.data.length} values, expected ${patches.count}×${size}`);
  const out = new Float32Array(frames * patchBins);
  const weightSum = new Float32Array(frames);
  const w = fadeWeights(patchFrames, step);
  patches.starts.forEach((start, p) => {
    const end = Math.min(frames, start + patchFrames);
    for (let f = start; f < end; f++) {
      const wf = w[f - start];
      weightSum[f] += wf;
      const src = p * size + (f - start);
      const dst = f * patchBins;
      for (let b = 0; b < patchBins; b++) out[dst + b] += wf * patches.data[src + b * patchFrames];
    }
  });
  for (let f = 0; f < frames; f++) {
    const inv = 1 / weightSum[f];
    for (let b = 0; b < patchBins; b++) out[f * patchBins + b] *= inv;
  }
  return out;
}
