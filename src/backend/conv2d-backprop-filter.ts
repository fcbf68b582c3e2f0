import * as tf from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { conv2d, release, slice, transpose, type Info } from "./wasm-calls";

/**
 * `Conv2DBackpropFilter` for the wasm backend, which tfjs 4.22 does not ship (so nothing with a
 * Conv2D could train on wasm).
 *
 * The weight gradient is itself a convolution:
 *   dw[a,b,c,o] = Σ_{n,p,q} x[n, p·s + a − top, q·s + b − left, c] · dy[n,p,q,o]
 * Read x as a batch of Cin images with N channels ([Cin,H,W,N]) and dy as a filter of Ho×Wo taps
 * mapping N channels to Cout ([Ho,Wo,N,Cout]) spaced by the forward stride (dilation = s): a
 * stride-1 convolution with the forward pads gives [Cin,kh,kw,Cout] and runs on the backend's
 * XNNPACK Conv2D. An im2col + matmul version was 13× slower (FIELD-NOTES).
 */
export function conv2DBackpropFilter(args: Parameters<tf.KernelFunc>[0]): Info {
  const backend = args.backend as unknown as BackendWasm;
  const { x, dy } = args.inputs as { x: Info; dy: Info };
  const attrs = (args.attrs ?? {}) as unknown as tf.Conv2DBackpropFilterAttrs;
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    attrs.filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    tf.backend_util.convertConv2DDataFormat(attrs.dataFormat),
  );
  if (info.dataFormat !== "channelsLast") {
    throw new Error("wasm Conv2DBackpropFilter supports NHWC only (the wasm backend has no NCHW convolution)");
  }
  const { inHeight: H, inWidth: W, inChannels: cin, outChannels: cout } = info;
  const { outHeight: ho, outWidth: wo, filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw } = info;
  const { top, left } = info.padInfo;
  // Pad the far side just enough that the dilated dy fits kh (kw) times; when the forward pass
  // dropped trailing rows ('valid' with a remainder) the result is larger and gets cropped below.
  const bottom = Math.max(kh + (ho - 1) * sh - H - top, 0);
  const right = Math.max(kw + (wo - 1) * sw - W - left, 0);

  const xT = transpose(backend, x, [3, 1, 2, 0]);
  const dyT = transpose(backend, dy, [1, 2, 0, 3]);
  let y: Info;
  try {
    y = conv2d(backend, xT, dyT, [[0, 0], [top, bottom], [left, right], [0, 0]], [sh, sw]);
  } finally {
    release(backend, xT, dyT);
  }
  let window = y;
  if (y.shape[1] !== kh || y.shape[2] !== kw) {
    window = slice(backend, y, [0, 0, 0, 0], [cin, kh, kw, cout]);
    release(backend, y);
  }
  const dw = transpose(backend, window, [1, 2, 0, 3]);
  release(backend, window);
  return dw;
}
