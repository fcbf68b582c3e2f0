import { between, type Rng } from "./choose";
import { Biquad, clampHz } from "./filters";
import type { SungNote } from "./melody";
import { polyBlep, white } from "./oscillators";
import { CONSONANTS, HIGH_FORMANTS } from "./phonemes";
import type { Singer } from "./singer";
import { BLOCK, envelopes, formantTrack, pitchContour } from "./voice-control";

const LN2_12 = Math.LN2 / 12;

/**
 * Sings `notes`: a band-limited sawtooth glottal source with a spectral-tilt low-pass and pulsed
 * aspiration noise, through a Klatt cascade of six formant resonators, F1–F4 following the vowels; then
 * the onset consonants' frication and bursts and a breath before each phrase, all mono and dry.
 */
export function renderVoice(notes: readonly SungNote[], singer: Singer, sampleRate: number, length: number, rng: Rng): Float32Array {
  const out = new Float32Array(length);
  const pitch = pitchContour(notes, singer, sampleRate, length, rng);
  const { voiced, aspirated } = envelopes(notes, sampleRate, length);
  const formants = formantTrack(notes, singer, sampleRate, length);
  synthesise(out, pitch, voiced, aspirated, formants, singer, sampleRate, rng);
  // A four-formant cascade lacks the lift the vocal tract's higher resonances give the 2–5 kHz
  // region; a broad presence peak restores it (without it the voice sounds muffled).
  new Biquad("peaking", 3200, 0.7, sampleRate, 9).run(out);
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
  const nyquistGuard = 0.45 * sampleRate;
  // Coefficients [A, B, C] of F1–F4, updated every block.
  const k = new Float64Array(12);
  const high = HIGH_FORMANTS[singer.voice].map(([f, bw]) => klatt(f, bw, sampleRate));
  const [a4, b4, c4] = high[0];
  const [a5, b5, c5] = high[1];
  const tilt = Math.exp((-2 * Math.PI * Math.min(singer.brightness, nyquistGuard)) / sampleRate);
  let tiltState = 0;
  let phase = 0;
  let p0 = 0, p1 = 0, p2 = 0, p3 = 0, p4 = 0, p5 = 0;
  let q0 = 0, q1 = 0, q2 = 0, q3 = 0, q4 = 0, q5 = 0;
  for (let start = 0; start < out.length; start += BLOCK) {
    const block = start / BLOCK;
    const f0 = 440 * Math.exp((pitch[start] - 69) * LN2_12);
    for (let j = 0; j < 4; j++) {
      let f = formants.freq[block * 4 + j];
      // Singers raise F1 to stay above the fundamental on high notes (formant tuning).
      if (j === 0) f = Math.max(f, 1.1 * f0);
      k.set(klatt(f, formants.bw[block * 4 + j], sampleRate), 3 * j);
    }
    const a0 = k[0], b0 = k[1], c0 = k[2], a1 = k[3], b1 = k[4], c1 = k[5];
    const a2 = k[6], b2 = k[7], c2 = k[8], a3 = k[9], b3 = k[10], c3 = k[11];
    const end = Math.min(out.length, start + BLOCK);
    // The six resonators written out with their state in locals: this is the voice's inner loop.
    for (let i = start; i < end; i++) {
      const dt = (440 * Math.exp((pitch[i] - 69) * LN2_12)) / sampleRate;
      phase += dt;
      if (phase >= 1) phase -= 1;
      const saw = 2 * phase - 1 - polyBlep(phase, dt);
      tiltState = (1 - tilt) * saw + tilt * tiltState;
      // Aspiration is stronger while the glottis is open (the first half of each cycle).
      const breath = voiced[i] * singer.breathiness * (phase < 0.5 ? 1 : 0.3) + aspirated[i];
      const x = voiced[i] * tiltState + breath * white(rng);
      const r0 = a0 * x + b0 * p0 + c0 * q0;
      q0 = p0;
      p0 = r0;
      const r1 = a1 * r0 + b1 * p1 + c1 * q1;
      q1 = p1;
      p1 = r1;
      const r2 = a2 * r1 + b2 * p2 + c2 * q2;
      q2 = p2;
      p2 = r2;
      const r3 = a3 * r2 + b3 * p3 + c3 * q3;
      q3 = p3;
      p3 = r3;
      const r4 = a4 * r3 + b4 * p4 + c4 * q4;
      q4 = p4;
      p4 = r4;
      const r5 = a5 * r4 + b5 * p5 + c5 * q5;
      q5 = p5;
      p5 = r5;
      out[i] = r5;
    }
  }
}

/**
 * A Klatt resonator's coefficients [A, B, C] for y = A·x + B·y1 + C·y2: unity gain at DC, so a
 * cascade of them shapes the spectrum the way a vocal tract does without choosing formant amplitudes
 * by hand. A formant too close to Nyquist is left out (a pass-through), as at 8192 Hz.
 */
function klatt(hz: number, bandwidth: number, sampleRate: number): [number, number, number] {
  if (hz >= 0.45 * sampleRate) return [1, 0, 0];
  const T = 1 / sampleRate;
  const C = -Math.exp(-2 * Math.PI * bandwidth * T);
  const B = 2 * Math.exp(-Math.PI * bandwidth * T) * Math.cos(2 * Math.PI * hz * T);
  return [1 - B - C, B, C];
}

/** RMS of the voice where it sings at more than half its loudest: the level noises are set against. */
function sungRms(out: Float32Array, voiced: Float32Array): number {
  let peak = 0;
  for (let i = 0; i < voiced.length; i++) if (voiced[i] > peak) peak = voiced[i];
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
