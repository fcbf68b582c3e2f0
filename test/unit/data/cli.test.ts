import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeWav, encodeWav } from "../../../src/audio";
import { generateSong } from "../../../src/data";
import { demix, tempDir } from "../cli/run-cli";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

describe("demix data generate", () => {
  it("writes track folders and a manifest whose hashes match the files and a regeneration", () => {
    const out = join(tempDir(), "songs");
    const r = demix("data", "generate", "--out", out, "--songs", "2", "--seconds", "3", "--seed", "40", "--rate", "8192", "--stereo");
    expect(r.stderr).toMatch(/wrote 2 songs and manifest\.json/);
    expect(r.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    expect(manifest.songs.map((s: { seed: number }) => s.seed)).toEqual([40, 41]);
    for (const entry of manifest.songs) {
      const dir = join(out, entry.dir);
      expect(entry).toMatchObject({ seconds: 3, sampleRate: 8192, channels: 2 });
      const info = JSON.parse(readFileSync(join(dir, "song.json"), "utf8"));
      expect(info).toMatchObject({ seed: entry.seed, key: entry.key, tempo: entry.tempo, sampleFormat: "float32" });
      const again = generateSong({ seed: entry.seed, seconds: 3, sampleRate: 8192, stereo: true });
      for (const stem of ["mixture", "vocals", "accompaniment"] as const) {
        const bytes = new Uint8Array(readFileSync(join(dir, `${stem}.wav`)));
        expect(sha256(bytes)).toBe(entry.sha256[`${stem}.wav`]);
        expect(sha256(encodeWav(again[stem], "float32"))).toBe(entry.sha256[`${stem}.wav`]);
      }
      // The files add up exactly, as float32.
      const [mix, voc, acc] = ["mixture", "vocals", "accompaniment"].map((s) => decodeWav(new Uint8Array(readFileSync(join(dir, `${s}.wav`)))));
      expect(mix.channels[0].every((v, i) => v === Math.fround(voc.channels[0][i] + acc.channels[0][i]))).toBe(true);
      expect(existsSync(join(dir, "drums.wav"))).toBe(false);
    }
  });

  it("has --help and refuses bad flags", () => {
    const h = demix("data", "--help");
    expect(h.code).toBe(0);
    expect(h.stdout).toContain("demix data generate");
    expect(demix("--help").stdout).toMatch(/data/);
    expect(demix("data", "generate").code).toBe(2);
    expect(demix("data", "make", "--out", tempDir()).code).toBe(2);
    expect(demix("data", "generate", "--out", tempDir(), "--rate", "100").stderr).toMatch(/--rate/);
    expect(demix("data", "generate", "--out", tempDir(), "--seconds", "-1").code).toBe(2);
    expect(demix("data", "generate", "--out", tempDir(), "--singers", "choir").stderr).toMatch(/--singers must be pop or wide/);
  });

  it("--singers wide draws from the wide singers and says so in the manifest's command", () => {
    const out = join(tempDir(), "wide");
    const r = demix("data", "generate", "--out", out, "--songs", "1", "--seconds", "2", "--seed", "5004", "--rate", "8192", "--singers", "wide");
    expect(r.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    expect(manifest.command).toMatch(/--singers wide --out DIR$/);
    const info = JSON.parse(readFileSync(join(out, "song-5004", "song.json"), "utf8"));
    const again = generateSong({ seed: 5004, seconds: 2, sampleRate: 8192, singers: "wide" });
    expect(info.singer).toEqual(again.singer);
    expect(sha256(new Uint8Array(readFileSync(join(out, "song-5004", "vocals.wav"))))).toBe(sha256(encodeWav(again.vocals, "float32")));
  });
});
