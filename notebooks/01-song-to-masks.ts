// %% [markdown]
// # From a song to its masks
//
// Mask-based separation in one walk: a mixture is the sum of its stems; its short-time Fourier
// transform (STFT) spreads it over time and frequency; a **mask** keeps, in every time–frequency
// cell, the share that belongs to one source. With the true stems at hand we can compute the best
// masks there are (the *oracle* masks) and hear how far masking alone can go: the bound a trained
// U-Net tries to reach.
//
// Run a cell with Shift-Enter. Change the seed below and every cell after it runs again.

// %% Imports
import {
  applyMask,
  bssEvalSources,
  display,
  generateSong,
  istft,
  magnitude,
  MODEL_SAMPLE_RATE,
  oracleMasks,
  oracleSeparate,
  raster,
  resampleSignal,
  stft,
  STFT_PAPER,
  type AudioSignal,
} from "../src";

// %% [markdown]
// ## A song with separate stems
//
// The built-in generator sings a melody (a glottal source through moving vowel formants, with
// vibrato, consonants and breaths) over a band in a key. The same seed always gives the same song.

// %% Settings
const seed = 7;
const seconds = 12;

// %% A song
const song = generateSong({ seed, seconds, sampleRate: 22050 });
display(song.mixture);
display(song.vocals);
display(song.accompaniment);
`${song.key}, ${song.tempo} BPM, chords ${song.progression.join(" – ")}`

// %% [markdown]
// ## Spectrograms at the model's rate
//
// Jansson et al. work on mono audio at 8192 Hz with a 1024-sample Hann window and a hop of 768:
// 513 frequency bins from 0 to 4096 Hz, 11 frames per second. Brightness is magnitude in dB.

// %% Spectrograms
const atModelRate = (s: AudioSignal) => resampleSignal(s, MODEL_SAMPLE_RATE).channels[0];
const mixture = stft(atModelRate(song.mixture), STFT_PAPER);
const vocals = stft(atModelRate(song.vocals), STFT_PAPER);
const accompaniment = stft(atModelRate(song.accompaniment), STFT_PAPER);
display(mixture);
display(vocals);

// %% [markdown]
// ## Oracle masks
//
// The **ideal ratio mask** gives each source its share of the magnitude, |V| / (|V| + |A|); the
// **ideal binary mask** gives each cell wholly to the louder source. Bright is 1, dark is 0.

// %% Masks
const [ratioVocals, ratioAccompaniment] = oracleMasks([vocals, accompaniment], "irm");
const [binaryVocals] = oracleMasks([vocals, accompaniment], "ibm");
display(raster(ratioVocals, mixture.frames, mixture.bins, { title: "ideal ratio mask, vocals" }));
display(raster(binaryVocals, mixture.frames, mixture.bins, { title: "ideal binary mask, vocals" }));

// %% [markdown]
// ## Masking the mixture
//
// Multiply the mixture's spectrogram by the mask, keep the mixture's phase, and invert the STFT.
// Listen: this is what a perfect vocals mask sounds like at 8192 Hz.

// %% Masked mixture
const maskedVocals = applyMask(mixture, ratioVocals);
display(raster(magnitude(maskedVocals), mixture.frames, mixture.bins, { scale: "db", title: "mixture × ratio mask" }));
display({ sampleRate: MODEL_SAMPLE_RATE, channels: [istft(maskedVocals)] });
display({ sampleRate: MODEL_SAMPLE_RATE, channels: [istft(applyMask(mixture, ratioAccompaniment))] });

// %% [markdown]
// ## How good is the bound?
//
// BSS Eval (v3, as mir_eval computes it) scores each estimate against the true stem, in dB:
// SDR overall, SIR for leakage of the other source, SAR for artefacts. The mixture itself is the
// baseline a model must beat.

// %% Scores
const stems = { vocals: song.vocals, accompaniment: song.accompaniment };
const rows = [];
for (const mask of ["irm", "ibm"] as const) {
  const estimate = oracleSeparate(song.mixture, stems, { mask });
  const s = bssEvalSources([song.vocals.channels[0], song.accompaniment.channels[0]], [estimate.vocals.channels[0], estimate.accompaniment.channels[0]]);
  rows.push({ estimate: `oracle ${mask}`, "vocals SDR": s.sdr[0], "vocals SIR": s.sir[0], "vocals SAR": s.sar[0], "accompaniment SDR": s.sdr[1] });
}
const baseline = bssEvalSources([song.vocals.channels[0], song.accompaniment.channels[0]], [song.mixture.channels[0], song.mixture.channels[0]], { computePermutation: false });
rows.push({ estimate: "the mixture", "vocals SDR": baseline.sdr[0], "vocals SIR": baseline.sir[0], "vocals SAR": baseline.sar[0], "accompaniment SDR": baseline.sdr[1] });
rows
