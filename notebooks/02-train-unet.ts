// %% [markdown]
// # Training the U-Net
//
// The singing-voice U-Net of Jansson et al. (ISMIR 2017): six strided 5×5 convolutions down, six
// transposed convolutions up with skip connections, and a sigmoid mask over 512 bins × 128 frames
// of the mixture's magnitude. It learns by making `mask × mixture` close to the vocals (L1 loss).
//
// Training runs in a Web Worker, so the page stays responsive; the curve below updates as it goes
// and **Stop** ends it after the current step. The training cell runs *on demand*: press its run
// button (or Run all). The run is saved in this browser and can be continued later, exactly.
//
// Your own stems: load them in **Your stems** (sidebar), then train on them with
// `data: { tracks: loadedStems() }` instead of the generated songs.

// %% Imports
import { bssEvalSources, display, generateSong, invalidation, listModels, loadModel, quickMode, saveModel, separate, startTraining } from "../src";

// %% Settings
// DEMIX_QUICK=1 (Node) or ?quick (in the page) shortens the run for tests; people get the real one.
const steps = quickMode() ? 3 : 200;
const modelName = "notebook U-Net";

// %% Train run=manual
const run = startTraining({
  model: { preset: "paper", seed: 1 },
  data: { generated: { songs: quickMode() ? 2 : 12, seconds: quickMode() ? 6 : 20, seed: 500 } },
  validation: { generated: { songs: 1, seconds: quickMode() ? 6 : 20, seed: 900 } },
  validateEvery: quickMode() ? 2 : 25,
  steps,
  batchSize: quickMode() ? 2 : 8,
  learningRate: 3e-4,
});
// Re-running or stopping this cell ends the run; the model is kept up to the last whole step.
invalidation.then(() => run.stop());
display(run);
const outcome = await run.done;
outcome

// %% Save to this browser run=manual
const saved = await saveModel(modelName, run);
saved

// %% [markdown]
// ## Listen to what it learned
//
// A song the model never saw, separated by the saved model, scored against its true stems. Early
// in training the vocals are mostly a low-passed mixture; after a few hundred steps the voice
// stands out. After a reload, this cell loads the model saved before: no need to train again.

// %% Separate an unseen song run=manual
const loaded = await loadModel(modelName);
const song = generateSong({ seed: 4242, seconds: quickMode() ? 4 : 15, sampleRate: 22050 });
const estimate = await separate(song.mixture, { kind: "single", model: loaded.model, target: "vocals" });
display(estimate.vocals);
display(estimate.accompaniment);
const score = bssEvalSources([song.vocals.channels[0], song.accompaniment.channels[0]], [estimate.vocals.channels[0], estimate.accompaniment.channels[0]]);
const mixtureScore = bssEvalSources([song.vocals.channels[0], song.accompaniment.channels[0]], [song.mixture.channels[0], song.mixture.channels[0]], { computePermutation: false });
[
  { estimate: `U-Net after ${loaded.step} steps`, "vocals SDR": score.sdr[0], "vocals SIR": score.sir[0], "vocals SAR": score.sar[0] },
  { estimate: "the mixture", "vocals SDR": mixtureScore.sdr[0], "vocals SIR": mixtureScore.sir[0], "vocals SAR": mixtureScore.sar[0] },
]

// %% [markdown]
// ## Continue training
//
// The saved model holds its Adam moments and the run's state (step, seed, data order, schedule), so
// training continues exactly where it stopped: the same losses as a run that never paused.

// %% Continue run=manual
const more = startTraining({
  model: loaded.source,
  data: { generated: { songs: quickMode() ? 2 : 12, seconds: quickMode() ? 6 : 20, seed: 500 } },
  steps: quickMode() ? 2 : 100,
  batchSize: quickMode() ? 2 : 8,
  learningRate: 3e-4,
});
invalidation.then(() => more.stop());
display(more);
await more.done;
const resaved = await saveModel(modelName, more);
display(resaved);
await listModels()
