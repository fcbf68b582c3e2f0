import { between, type Rng } from "./choose";
import { Biquad, clampHz } from "./filters";
import type { SungNote } from "./melody";
import { polyBlep, white } from "./oscillators";
import { CONSONANTS } from "./phonemes";
import type { Singer } from "./singer";
import { BLOCK, envelopes, formantTrack, pitchContour } from "./voice-control";

const LN2_12 = Math.LN2 / 12;

/**
 * Sings `notes`: a band-limited sawtooth glottal source with a spectral-tilt low-pass and pulsed
 * aspiration noise, through a Klatt cascade of four formant resonators that follow the vowels; then
 * the onset consonants' frication and bursts and a breath before each phrase, all mono and dry.
 */
export function renderVoice(notes: readonly SungNote[], singer: Singer, sampleRate: number, length: number, rng: Rng): Float32Array {
  const out = new Float32Array(length);
  const pitch = pitchContour(notes, singer, sampleRate, length, rng);
  const { voiced, aspirated } = envelopes(notes, sampleRate, length);
  const formants = formantTrack(notes, singer, sampleRate, length);
  synthesise(out, pitch, voiced, aspirated, formants, singer, sampleRate, rng);
  const reference = sungRms(out, voiced);
  addConsonants(out, notes, sampleRate, reference, rng);
  addBreaths(out, notes, sampleRate, reference, rng);
  return out;
}

function synthesise(
  out: Float32Array,
  pitch: Float32Array,
  voiced: Float32Array,
  aspirated: Float32Array,
  formants: { freq: Float32Array; bw: Float32Array },
  singer: Singer,
  sampleRate: number,
  rng: Rng,
): void {
  const T = 1 / sampleRate;
  const nyquistGuard = 0.45 * sampleRate;
  // Klatt resonators: y = A·x + B·y1 + C·y2, unity gain at DC, so the cascade shapes the spectrum
  // the way a vocal tract does without choosing formant amplitudes by hand.
  const A = new Float64Array(4);
  const B = new Float64Array(4);
  const C = new Float64Array(4);
  const y1 = new Float64Array(4);
  const y2 = new Float64Array(4);
  const tilt = Math.exp((-2 * Math.PI * Math.min(singer.brightness, nyquistGuard)) / sampleRate);
  let tiltState = 0;
  let phase = 0;
  for (let start = 0; start < out.length; start += BLOCK) {
    const block = start / BLOCK;
    const f0 = 440 * Math.exp((pitch[start] - 69) * LN2_12);
    for (let j = 0; j < 4; j++) {
      let f = formants.freq[block * 4 + j];
      // Singers raise F1 to stay above the fundamental on high notes (formant tuning).
      if (j === 0) f = Math.max(f, 1.1 * f0);
      if (f >= nyquistGuard) {
        [A[j], B[j], C[j]] = [1, 0, 0];
        continue;
      }
      const bw = formants.bw[block * 4 + j];
      C[j] = -Math.exp(-2 * Math.PI * bw * T);
      B[j] = 2 * Math.exp(-Math.PI * bw * T) * Math.cos(2 * Math.PI * f * T);
      A[j] = 1 - B[j] - C[j];
    }
    const end = Math.min(out.length, start + BLOCK);
    for (let i = start; i < end; i++) {
      const dt = (440 * Math.exp((pitch[i] - 69) * LN2_12)) / sampleRate;
      phase += dt;
      if (phase >= 1) phase -= 1;
      const saw = 2 * phase - 1 - polyBlep(phase, dt);
      tiltState = (1 - tilt) * saw + tilt * tiltState;
      // Aspiration is stronger while the glottis is open (the first half of each cycle).
      const breath = voiced[i] * singer.breathiness * (phase < 0.5 ? 1 : 0.3) + aspirated[i];
      let x = voiced[i] * tiltState + breath * white(rng);
      for (let j = 0; j < 4; j++) {
        const y = A[j] * x + B[j] * y1[j] + C[j] * y2[j];
        y2[j] = y1[j];
        y1[j] = y;
        x = y;
      }
      out[i] = x;
    }
  }
}

/** RMS of the voice where it sings at more than half its loudest: the level noises are set against. */
function sungRms(out: Float32Array, voiced: Float32Array): number {
  let peak = 0;
  for (const v of voiced) if (v > peak) peak = v;
  let sum = 0;
  let n = 0;
  for (let i = 0; i < out.length; i++) {
    if (voiced[i] > 0.5 * peak) {
      sum += out[i] * out[i];
      n++;
    }
  }
  return n ? Math.sqrt(sum / n) : 0.1;
}

/**
 * Frication (s, sh, f) fills the consonant's time with band-passed noise; a plosive (t, k, p, d, b)
 * is a closure, then a sharp burst and a short aspirated release into the vowel.
 */
function addConsonants(out: Float32Array, notes: readonly SungNote[], sampleRate: number, reference: number, rng: Rng): void {
  for (const note of notes) {
    const c = CONSONANTS[note.syllable.onset];
    if (!c?.noise) continue;
    const band = new Biquad("bandpass", c.noise.freq, c.noise.q, sampleRate);
    // Uniform white noise has RMS 1/√3; a 0 dB two-pole band-pass keeps about π·f/(Q·rate) of its
    // power, so this gain puts the band's RMS at `level` times the sung vowels'.
    const share = Math.min(1, (Math.PI * clampHz(c.noise.freq, sampleRate)) / (c.noise.q * sampleRate));
    const gain = (c.noise.level * reference * note.velocity) / Math.sqrt(share / 3);
    const from = Math.round((note.start - c.duration) * sampleRate);
    const length = Math.round(c.duration * sampleRate);
    const burstAt = c.kind === "plosive" ? Math.round(length * 0.55) : 0;
    for (let k = 0; k < length + Math.round(0.01 * sampleRate); k++) {
      const i = from + k;
      const t = k / length;
      let env: number;
      if (c.kind === "plosive") {
        env = k < burstAt ? 0 : Math.exp(-(k - burstAt) / (0.008 * sampleRate)) + 0.25 * Math.exp(-(k - burstAt) / (0.025 * sampleRate));
      } else {
        env = Math.min(1, t / 0.3, Math.max(0, (1.05 - t) / 0.25));
      }
      const y = band.process(white(rng)) * env * gain;
      if (i >= 0 && i < out.length) out[i] += y;
    }
  }
}

/** An inhalation (soft band-passed noise swelling and fading) in the rest before each phrase. */
function addBreaths(out: Float32Array, notes: readonly SungNote[], sampleRate: number, reference: number, rng: Rng): void {
  let previousEnd = 0;
  for (const note of notes) {
    const onset = note.start - (CONSONANTS[note.syllable.onset]?.duration ?? 0) - 0.04;
    if (note.phraseStart && onset - previousEnd > 0.35) {
      const seconds = Math.min(0.45, 0.6 * (onset - previousEnd)) * between(rng, 0.8, 1);
      const low = new Biquad("highpass", 500, 0.7, sampleRate);
      const band = new Biquad("bandpass", between(rng, 1200, 2000), 0.8, sampleRate);
      const from = Math.round((onset - seconds) * sampleRate);
      const length = Math.round(seconds * sampleRate);
      const gain = reference * between(rng, 0.1, 0.16);
      for (let k = 0; k < length; k++) {
        const t = k / length;
        // Inhaling builds up and stops fairly quickly: a skewed sine bump.
        const env = Math.sin(Math.PI * t ** 0.7) ** 2;
        const i = from + k;
        if (i >= 0 && i < out.length) out[i] += band.process(low.process(white(rng))) * env * gain;
      }
    }
    if (note.phraseEnd) previousEnd = note.start + note.duration + 0.15;
  }
}
