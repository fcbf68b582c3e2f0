// %% [markdown]
// # Seeing and hearing a separation
//
// One song, separated by the shipped U-Net (`models/default`), looked at and listened to from every
// side: the mixture's spectrogram and waveform, the stems in a player with mute and solo, the
// model's mask (with sliders that reshape it live), what each layer of the U-Net computes, its
// weights, and a comparison grid against the ideal masks with BSS Eval scores.
//
// Hover a spectrogram to read time, frequency and level; click it to move the player there.
// Scroll on a waveform to zoom. Levels are never normalised: a quiet stem looks and sounds quiet.

// %% Imports
import {
  activations,
  applyMask,
  compareSeparations,
  display,
  generateSong,
  istft,
  loadShippedModel,
  magnitude,
  mixer,
  MODEL_SAMPLE_RATE,
  oracleSeparate,
  predictMasks,
  quickMode,
  raster,
  resampleSignal,
  scaleByPeak,
  separate,
  slider,
  spectrogramView,
  stft,
  STFT_PAPER,
  toMono,
  view,
  waveformView,
  weightHistograms,
} from "../src";

// %% Settings
// Seed 104 is a song the model never trained on (it trained on seeds 1000–1039 and 2000–2039).
// DEMIX_QUICK=1 (Node) or ?quick (in the page) shortens it for tests.
const seed = 104;
const seconds = quickMode() ? 6 : 30;

// %% The song
const song = generateSong({ seed, seconds });
display(spectrogramView(song.mixture, { title: "mixture" }));
waveformView(song.mixture, { title: "mixture" })

// %% The shipped model
// The summary lists each layer's output shape and parameters.
const model = await loadShippedModel();
model

// %% Separate
const estimate = await separate(song.mixture, { kind: "single", model, target: "vocals" });
// Vocals and accompaniment together are the mixture: play both, then solo one.
mixer({ "vocals (U-Net)": estimate.vocals, "accompaniment (U-Net)": estimate.accompaniment, "true vocals": song.vocals })

// %% The model's mask
// What the U-Net sees: mono, 8192 Hz, Hann 1024 / hop 768, magnitudes scaled by their peak.
const spectrum = stft(toMono(resampleSignal(song.mixture, MODEL_SAMPLE_RATE)).channels[0], STFT_PAPER);
const scaled = magnitude(spectrum);
scaleByPeak(scaled);
const [mask] = await predictMasks(model, scaled, spectrum.frames, spectrum.bins);
spectrogramView(raster(mask, spectrum.frames, spectrum.bins, { scale: "linear", title: "vocal mask" }), {
  sampleRate: MODEL_SAMPLE_RATE,
  hop: STFT_PAPER.hop,
  binHz: MODEL_SAMPLE_RATE / STFT_PAPER.nfft,
})

// %% Mask controls
// Drag a slider: the next cell re-runs with its new value. A threshold zeroes the mask where the
// model is unsure; an exponent above 1 makes it harder (closer to a binary mask), below 1 softer.
const threshold = view(slider("mask threshold", { min: 0, max: 0.9, step: 0.05, value: 0 }));
const exponent = view(slider("mask exponent", { min: 0.25, max: 4, step: 0.25, value: 1 }));

// %% Reshaped vocals
const reshaped = mask.map((m) => (m < threshold ? 0 : m ** exponent));
const vocals = applyMask(spectrum, reshaped);
display(spectrogramView(vocals, { sampleRate: MODEL_SAMPLE_RATE, title: `vocals with the mask ≥ ${threshold}, to the power ${exponent}` }));
({ sampleRate: MODEL_SAMPLE_RATE, channels: [istft(vocals)] })

// %% Inside the U-Net
// One 128-frame patch from the middle of the song through every layer: the most active feature
// maps of each encoder and decoder level, and the mask forming through the decoder.
activations(model, spectrum, { startFrame: Math.max(0, Math.floor(spectrum.frames / 2) - 64) })

// %% Weights
weightHistograms(model)

// %% Compare
// Columns: the mixture itself (the baseline), the ideal ratio and binary masks (the bounds for a
// mask model at this STFT), and the U-Net. The best score in each row is marked; PNG and CSV export
// the grid and its numbers.
const stems = { vocals: song.vocals, accompaniment: song.accompaniment };
await compareSeparations({
  mixture: song.mixture,
  references: stems,
  columns: {
    IRM: oracleSeparate(song.mixture, stems, { mask: "irm" }),
    IBM: oracleSeparate(song.mixture, stems, { mask: "ibm" }),
    "shipped U-Net": estimate,
  },
})
