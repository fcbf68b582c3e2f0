import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { readStemTracks } from "../../../src/cli/data-dir";
import { demix, tempDir } from "../cli/run-cli";

const DATASET = resolve("datasets/songs");
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const manifest = () => JSON.parse(readFileSync(join(DATASET, "manifest.json"), "utf8"));

describe("the committed dataset (datasets/songs)", () => {
  it("holds exactly the files its manifest lists", () => {
    const m = manifest();
    expect(m.songs.length).toBeGreaterThanOrEqual(6);
    for (const song of m.songs) {
      for (const [file, hash] of Object.entries(song.sha256)) {
        expect(sha256(new Uint8Array(readFileSync(join(DATASET, song.dir, file)))), `${song.dir}/${file}`).toBe(hash);
      }
    }
  });

  it("is regenerated bit-exactly by the command in its manifest", () => {
    const m = manifest();
    const out = join(tempDir(), "songs");
    const args = m.command.replace(/^demix /, "").replace(/ --out DIR$/, "").split(" ");
    const r = demix(...args, "--out", out);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(out, "manifest.json"), "utf8")).toBe(readFileSync(join(DATASET, "manifest.json"), "utf8"));
  });

  it("separates with oracle masks although it has no mixture.wav (the sum of the stems is the mixture)", () => {
    const out = tempDir();
    const r = demix("oracle", join(DATASET, "song-100"), "--mask", "irm", "--out", out);
    expect(r.code, r.stderr).toBe(0);
    const header = readFileSync(join(out, "vocals.wav"));
    expect(header.readUInt32LE(24)).toBe(16000);
  });

  it("loads as training tracks, the mixture being the sum of the 16-bit stems", async () => {
    const tracks = await readStemTracks(DATASET);
    expect(tracks.map((t) => t.name)).toEqual(manifest().songs.map((s: { dir: string }) => s.dir));
    for (const t of tracks) {
      expect(t.vocals.sampleRate).toBe(16000);
      expect(t.vocals.channels[0].length).toBe(30 * 16000);
      expect(t.mixture).toBeUndefined();
    }
    const total = tracks.reduce((s, t) => s + t.vocals.channels[0].length / t.vocals.sampleRate, 0);
    expect(total).toBeGreaterThanOrEqual(180);
  });
});
