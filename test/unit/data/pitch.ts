/**
 * f0 by YIN (de Cheveigné and Kawahara 2002): the first dip of the cumulative-mean-normalised
 * difference function about as deep as its deepest, refined by parabolic interpolation. Plain
 * autocorrelation jumps an octave up when a formant sits on the second harmonic.
 */
export function pitchOf(x: Float32Array, from: number, size: number, sampleRate: number): number {
  const lagMax = Math.ceil(sampleRate / 70);
  const d = new Float64Array(lagMax + 2);
  let running = 0;
  d[0] = 1;
  for (let lag = 1; lag <= lagMax + 1; lag++) {
    let sum = 0;
    for (let i = from; i < from + size; i++) sum += (x[i] - x[i + lag]) ** 2;
    running += sum;
    d[lag] = (sum * lag) / (running || 1);
  }
  const lagMin = Math.floor(sampleRate / 1100);
  let deepest = lagMin;
  for (let lag = lagMin; lag <= lagMax; lag++) if (d[lag] < d[deepest]) deepest = lag;
  // The first dip nearly as deep as the deepest: the period, not a multiple of it.
  let best = deepest;
  for (let lag = lagMin; lag < deepest; lag++) {
    if (d[lag] < Math.max(0.15, d[deepest] + 0.1) && d[lag] <= d[lag - 1] && d[lag] <= d[lag + 1]) {
      best = lag;
      break;
    }
  }
  const [a, b, c] = [d[best - 1], d[best], d[best + 1]];
  const shift = (a - c) / (2 * (a - 2 * b + c));
  return sampleRate / (best + (Number.isFinite(shift) ? shift : 0));
}
