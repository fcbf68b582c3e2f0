import * as tf from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { planAxis, type AxisPhase } from "./phase-plan";
import { phaseFilters } from "./phase-filters";
import { phaseMergedFilter, phaseWindow } from "./phase-merged";
import { conv2d, heap, release, type Info } from "./wasm-calls";

/**
 * `Conv2DBackpropInput` for the wasm backend: the input gradient of every Conv2D and the forward
 * pass of every Conv2DTranspose. The stock kernel is a plain loop (~3.5 GFLOP/s, 58% of a U-Net
 * training step); this one splits the strided transposed convolution into s×s stride-1
 * convolutions, one per output phase (see phase-plan.ts; for 5×5 stride 2 they have 3×3, 3×2, 2×3
 * and 2×2 taps), runs them on the backend's XNNPACK Conv2D and interleaves the phases. Exact: every
 * output is the same sum of products, only in a different order.
 */

/**
 * Below this many dy pixels over the whole batch (N·Ho·Wo) the stock loop wins: splitting costs a
 * fixed ~12 ns per filter element (slicing the phase filters, XNNPACK packing them), the stock
 * loop ~0.5 ns per filter element per dy pixel. Measured in Node: [1,8,2,512]→256 channels stock
 * 29 ms vs split 42 ms; [1,16,4,512]→128 stock 71 ms vs 25 ms; [8,8,2,512]→256 stock 235 ms vs 65 ms.
 * (FIELD-NOTES' "~512 output pixels" was per image at batch 1; at batch 8 the small deep layers
 * are the slowest ones for the stock kernel.)
 */
export const MIN_DY_PIXELS = 32;
let minDyPixels = MIN_DY_PIXELS;

/** Sets the threshold (0 splits every shape; tests use that) and returns the old one. */
export function setSplitMinPixels(pixels: number): number {
  const old = minDyPixels;
  minDyPixels = pixels;
  return old;
}

/**
 * Outputs (dx) with at most this many channels take one merged convolution (phase-merged.ts) with
 * s²·C outputs instead of s² convolutions with C: XNNPACK is slow on 1-channel outputs. The
 * U-Net's mask layer and its first layer's input gradient: 60 and 36 ms split, ~15 ms merged (Node, b8).
 */
export const MERGED_MAX_CHANNELS = 4;

type KernelArgs = Parameters<tf.KernelFunc>[0];

/** The plan for one call, or null where the stock kernel should run. */
function plan(dy: Info, filter: Info, attrs: tf.Conv2DBackpropInputAttrs) {
  if (attrs.dataFormat !== undefined && attrs.dataFormat !== "NHWC") return null;
  const info = tf.backend_util.computeConv2DInfo(
    attrs.inputShape,
    filter.shape as [number, number, number, number],
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    "channelsLast",
  );
  if (info.batchSize * info.outHeight * info.outWidth < minDyPixels) return null;
  // tfjs computes dy's size from the pads; a caller-made dy of another size goes to the stock kernel.
  if (dy.shape[1] !== info.outHeight || dy.shape[2] !== info.outWidth) return null;
  if (mergeable(info)) return { info, merged: true as const };
  const rows = planAxis(info.inHeight, info.outHeight, info.filterHeight, info.strideHeight, info.padInfo.top);
  const cols = planAxis(info.inWidth, info.outWidth, info.filterWidth, info.strideWidth, info.padInfo.left);
  return rows && cols ? { info, merged: false as const, rows, cols } : null;
}

/** Whether phaseMergedFilter's 'same' layout applies: equal strides, dx exactly s× dy, tfjs's 'same' pads. */
function mergeable(info: tf.backend_util.Conv2DInfo): boolean {
  const s = info.strideHeight;
  if (s < 2 || s !== info.strideWidth || info.inChannels > MERGED_MAX_CHANNELS) return false;
  if (info.inHeight !== s * info.outHeight || info.inWidth !== s * info.outWidth) return false;
  return info.padInfo.top === phaseWindow(info.filterHeight, s).pad && info.padInfo.left === phaseWindow(info.filterWidth, s).pad;
}

/** dx through one convolution with every phase as a channel group, then a depth-to-space interleave. */
function merged(backend: BackendWasm, dy: Info, filter: Info, info: tf.backend_util.Conv2DInfo): Info {
  const s = info.strideHeight;
  const m = phaseMergedFilter(heap(backend, filter), filter.shape, s);
  const f = backend.makeOutput(m.shape, "float32");
  heap(backend, f).set(m.filter);
  let y: Info;
  try {
    y = conv2d(backend, dy, f, [[0, 0], m.padH, m.padW, [0, 0]]);
  } finally {
    release(backend, f);
  }
  const dx = backend.makeOutput(info.inShape, "float32");
  const out = heap(backend, dx);
  const src = heap(backend, y);
  const [n, rows, cols, groups] = y.shape;
  const C = info.inChannels;
  const W = info.inWidth;
  // dx[b, s·h + φh, s·w + φw, c] = y[b, h, w, (φh·s + φw)·C + c]
  for (let b = 0, from = 0; b < n; b++) {
    for (let h = 0; h < rows; h++) {
      for (let w = 0; w < cols; w++, from += groups) {
        for (let ph = 0; ph < s; ph++) {
          for (let pw = 0; pw < s; pw++) {
            const to = ((b * info.inHeight + s * h + ph) * W + s * w + pw) * C;
            const g = from + (ph * s + pw) * C;
            for (let c = 0; c < C; c++) out[to + c] = src[g + c];
          }
        }
      }
    }
  }
  release(backend, y);
  return dx;
}

/**
 * Writes phase (φh, φw) of the result into dx, past its skipped leading rows and columns:
 * dx[n, s·h + φh, s·w + φw, :] = phase[n, h + r.skip, w + c.skip, :].
 */
function interleave(backend: BackendWasm, dx: Info, phase: Info, phiH: number, phiW: number, r: AxisPhase, c: AxisPhase, sh: number, sw: number): void {
  const [n, H, W, C] = dx.shape;
  const [, rows, cols] = phase.shape;
  const out = heap(backend, dx);
  const src = heap(backend, phase);
  for (let b = 0; b < n; b++) {
    for (let h = r.skip, i = phiH; i < H && h < rows; h++, i += sh) {
      let from = ((b * rows + h) * cols + c.skip) * C;
      let to = ((b * H + i) * W + phiW) * C;
      const step = sw * C;
      for (let w = c.skip, j = phiW; j < W && w < cols; w++, j += sw) {
        for (let c = 0; c < C; c++) out[to + c] = src[from + c];
        from += C;
        to += step;
      }
    }
  }
}

/** Builds the kernel function; `stock` is the backend's own kernel, used where splitting does not pay. */
export function makeConv2DBackpropInput(stock: tf.KernelFunc): tf.KernelFunc {
  return (args: KernelArgs) => {
    const backend = args.backend as unknown as BackendWasm;
    const { dy, filter } = args.inputs as { dy: Info; filter: Info };
    const attrs = (args.attrs ?? {}) as unknown as tf.Conv2DBackpropInputAttrs;
    const p = plan(dy, filter, attrs);
    if (!p) return stock(args);
    if (p.merged) return merged(backend, dy, filter, p.info);
    const { info, rows, cols } = p;
    const sh = info.strideHeight;
    const sw = info.strideWidth;

    const { filters, owned } = phaseFilters(backend, filter, rows, cols);
    const phases: Info[] = [];
    try {
      for (let phiH = 0; phiH < sh; phiH++) {
        for (let phiW = 0; phiW < sw; phiW++) {
          const r = rows[phiH];
          const c = cols[phiW];
          const f = filters[phiH * sw + phiW];
          // A phase past the output's end (outputs smaller than the stride) has nothing to compute.
          if (!f) phases.push(backend.makeOutput([info.batchSize, r.rows, c.rows, info.inChannels], "float32"));
          else phases.push(conv2d(backend, dy, f, [[0, 0], [r.padBefore, r.padAfter], [c.padBefore, c.padAfter], [0, 0]]));
        }
      }
    } catch (e) {
      release(backend, ...phases);
      throw e;
    } finally {
      if (owned) release(backend, ...filters.filter((f): f is Info => f !== null));
    }
    // One phase of exactly the right size (stride 1) already is the result.
    const only = phases[0];
    const exact = rows[0].skip === 0 && cols[0].skip === 0 && only.shape[1] === info.inHeight && only.shape[2] === info.inWidth;
    if (phases.length === 1 && exact) return only;

    const dx = backend.makeOutput(info.inShape, "float32");
    for (let phiH = 0; phiH < sh; phiH++) {
      for (let phiW = 0; phiW < sw; phiW++) interleave(backend, dx, phases[phiH * sw + phiW], phiH, phiW, rows[phiH], cols[phiW], sh, sw);
    }
    release(backend, ...phases);
    return dx;
  };
}
