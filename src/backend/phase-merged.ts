/**
 * A strided 'same' transposed convolution as ONE stride-1 convolution whose output channels hold
 * every output phase, for layers with few output channels: XNNPACK runs one convolution with s²·C
 * outputs much faster than s² convolutions with C (1 for the U-Net's mask layer). Used by the
 * compiled inference model (src/model/inference.ts) and by Conv2DBackpropInput for narrow outputs.
 */

/**
 * Along one axis, a 'same' transposed convolution of stride s and kernel k writes output o = s·h + φ
 * from dy[i] through tap a = o + P − s·i (P = ⌊max(k − s, 0)/2⌋, the forward convolution's front pad),
 * wherever 0 ≤ a < k. So phase φ reads dy[h + d] for d in (⌊(φ + P − k)/s⌋, ⌊(φ + P)/s⌋]; the window
 * over all phases is d = dMin … dMax, a stride-1 correlation with −dMin rows of padding before and
 * dMax after, producing dy's length in rows per phase.
 */
export function phaseWindow(kernel: number, stride: number): { dMin: number; dMax: number; pad: number } {
  const pad = Math.floor(Math.max(kernel - stride, 0) / 2);
  let dMin = Infinity;
  let dMax = -Infinity;
  for (let phi = 0; phi < stride; phi++) {
    dMin = Math.min(dMin, Math.floor((phi + pad - kernel) / stride) + 1);
    dMax = Math.max(dMax, Math.floor((phi + pad) / stride));
  }
  return { dMin, dMax, pad };
}

/**
 * The transposed-convolution kernel [kh, kw, out, in] as a stride-1 convolution kernel
 * [th, tw, in, s²·out] whose output channel (φh·s + φw)·out + c is output phase (φh, φw) of channel
 * c, as DepthToSpace expects. Taps a phase does not use are zero.
 */
export function phaseMergedFilter(
  kernel: Float32Array,
  [kh, kw, out, inC]: number[],
  s: number,
): { filter: Float32Array; shape: [number, number, number, number]; padH: [number, number]; padW: [number, number] } {
  const h = phaseWindow(kh, s);
  const w = phaseWindow(kw, s);
  const th = h.dMax - h.dMin + 1;
  const tw = w.dMax - w.dMin + 1;
  const outAll = s * s * out;
  const filter = new Float32Array(th * tw * inC * outAll);
  for (let ph = 0; ph < s; ph++) {
    for (let pw = 0; pw < s; pw++) {
      for (let y = 0; y < th; y++) {
        const a = ph + h.pad - s * (y + h.dMin);
        if (a < 0 || a >= kh) continue;
        for (let x = 0; x < tw; x++) {
          const b = pw + w.pad - s * (x + w.dMin);
          if (b < 0 || b >= kw) continue;
          for (let c = 0; c < out; c++) {
            const to = (ph * s + pw) * out + c;
            for (let i = 0; i < inC; i++) filter[((y * tw + x) * inC + i) * outAll + to] = kernel[((a * kw + b) * out + c) * inC + i];
          }
        }
      }
    }
  }
  return { filter, shape: [th, tw, inC, outAll], padH: [-h.dMin, h.dMax], padW: [-w.dMin, w.dMax] };
}
