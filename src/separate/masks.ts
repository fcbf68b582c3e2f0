import type { Spectrogram } from "../dsp";

/**
 * Oracle masks, computed from the true stems: the upper bounds a mask model is compared with.
 * - `ibm`: ideal binary mask, 1 for the stem with the largest magnitude in a bin, else 0.
 * - `irm`: ideal ratio mask on magnitudes, |S_j| / Σ_k |S_k|.
 * - `irm-power`: ratio of powers, |S_j|² / Σ_k |S_k|² (the "Wiener-like" mask).
 * Masks sum to 1 in every bin; a bin where all stems are silent is split equally.
 */
export type OracleMaskKind = "ibm" | "irm" | "irm-power";

export const ORACLE_MASK_KINDS: readonly OracleMaskKind[] = ["ibm", "irm", "irm-power"];

export function isOracleMaskKind(s: string): s is OracleMaskKind {
  return (ORACLE_MASK_KINDS as readonly string[]).includes(s);
}

export function oracleMasks(stems: Spectrogram[], kind: OracleMaskKind): Float32Array[] {
  if (stems.length === 0) throw new Error("oracle masks need at least one stem");
  const size = stems[0].re.length;
  for (const s of stems) {
    if (s.re.length !== size) throw new Error(`stem spectrograms differ in size (${s.frames}×${s.bins} vs ${stems[0].frames}×${stems[0].bins})`);
  }
  const masks = stems.map(() => new Float32Array(size));
  const exponent = kind === "irm-power" ? 2 : 1;
  const weights = new Float64Array(stems.length);
  for (let i = 0; i < size; i++) {
    let total = 0;
    let best = 0;
    for (let j = 0; j < stems.length; j++) {
      const p = stems[j].re[i] ** 2 + stems[j].im[i] ** 2;
      weights[j] = exponent === 2 ? p : Math.sqrt(p);
      total += weights[j];
      if (weights[j] > weights[best]) best = j;
    }
    for (let j = 0; j < stems.length; j++) {
      if (kind === "ibm") masks[j][i] = j === best ? 1 : 0;
      else masks[j][i] = total > 0 ? weights[j] / total : 1 / stems.length;
    }
  }
  return masks;
}
