import { describe, expect, it } from "vitest";
import * as demix from "../../src";

describe("the library's public surface", () => {
  it("exports each domain's main names from one place", () => {
    for (const name of ["decodeWav", "encodeWav", "resample", "stft", "istft", "oracleSeparate", "separate", "bssEvalSources", "bssEvalV4", "siSdr", "createUNet", "UNET_PAPER", "Trainer", "PatchSampler", "initBackend", "rasterPixels", "generateSong"]) {
      expect(demix, name).toHaveProperty(name);
    }
  });
});
