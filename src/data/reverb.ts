/**
 * A small feedback-delay-network reverb (Jot): two all-pass diffusers thicken the input, then four
 * delay lines of mutually prime-ish lengths feed back through a Householder matrix, each with a
 * low-pass so highs die first, as in a real room. Outputs tap different lines for left and right, so a
 * mono send comes back with stereo width.
 */
const LINES_MS = [31.7, 37.3, 41.9, 47.3];
const DIFFUSERS_MS = [5.3, 7.7];
const PREDELAY_MS = 18;

/**
 * Adds the reverb of `send` into `outs` (one channel: the mean of the two taps; two: left and right).
 * `seconds` is the RT60 (time to decay by 60 dB) at low frequencies.
 */
export function addReverb(send: Float32Array, sampleRate: number, seconds: number, outs: Float32Array[]): void {
  const ms = (v: number) => Math.max(1, Math.round((v * sampleRate) / 1000));
  const lengths = LINES_MS.map(ms);
  const [n0, n1, n2, n3] = lengths;
  const [l0, l1, l2, l3] = lengths.map((n) => new Float64Array(n));
  const [g0, g1, g2, g3] = lengths.map((n) => 10 ** ((-3 * n) / (seconds * sampleRate)));
  // About 6 kHz of damping cut-off at any rate.
  const damp = Math.exp((-2 * Math.PI * Math.min(6000, 0.4 * sampleRate)) / sampleRate);
  const pass = 1 - damp;
  const [d1, d2] = DIFFUSERS_MS.map((v) => new Float64Array(ms(v)));
  const predelay = ms(PREDELAY_MS);
  // Only from the first sound sent to where its tail has died (-90 dB): sparse parts cost less.
  let first = 0;
  while (first < send.length && send[first] === 0) first++;
  let last = send.length - 1;
  while (last > first && send[last] === 0) last--;
  const n = Math.min(send.length, last + predelay + Math.round(1.5 * seconds * sampleRate));
  const [left, right] = outs;
  // Everything below is written out with its state in locals: it runs for every sample of every stem.
  let i0 = 0, i1 = 0, i2 = 0, i3 = 0, j1 = 0, j2 = 0;
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (let i = first; i < n; i++) {
    // Two Schroeder all-passes (gain 0.6) diffuse the input.
    const x0 = i - predelay >= first ? send[i - predelay] : 0;
    const a = d1[j1];
    const va = x0 + 0.6 * a;
    d1[j1] = va;
    const x1 = a - 0.6 * va;
    j1 = j1 + 1 === d1.length ? 0 : j1 + 1;
    const b = d2[j2];
    const vb = x1 + 0.6 * b;
    d2[j2] = vb;
    const x = b - 0.6 * vb;
    j2 = j2 + 1 === d2.length ? 0 : j2 + 1;
    s0 = pass * l0[i0] + damp * s0;
    s1 = pass * l1[i1] + damp * s1;
    s2 = pass * l2[i2] + damp * s2;
    s3 = pass * l3[i3] + damp * s3;
    // Householder feedback matrix I − ½·11ᵀ: lossless mixing of all four lines into each.
    const reflect = 0.5 * (s0 + s1 + s2 + s3);
    l0[i0] = g0 * (s0 - reflect) + x;
    l1[i1] = g1 * (s1 - reflect) + x;
    l2[i2] = g2 * (s2 - reflect) + x;
    l3[i3] = g3 * (s3 - reflect) + x;
    i0 = i0 + 1 === n0 ? 0 : i0 + 1;
    i1 = i1 + 1 === n1 ? 0 : i1 + 1;
    i2 = i2 + 1 === n2 ? 0 : i2 + 1;
    i3 = i3 + 1 === n3 ? 0 : i3 + 1;
    if (right) {
      left[i] += 0.5 * (s0 + s2);
      right[i] += 0.5 * (s1 + s3);
    } else {
      left[i] += 0.25 * (s0 + s1 + s2 + s3);
    }
  }
}
