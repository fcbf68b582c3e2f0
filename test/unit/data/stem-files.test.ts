import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readTrackDir } from "../../../src/cli/track";
import { readStemTracks } from "../../../src/cli/data-dir";
import { groupStemFiles, LOOSE_FILES_TRACK, stemFileName, stemRoleOf, type StemFileEntry } from "../../../src/data";
import { tempDir, writeWav } from "../cli/run-cli";

const entries = (...paths: string[]): StemFileEntry[] => paths.map((path) => ({ path, name: path.slice(path.lastIndexOf("/") + 1) }));
const codes = (t: { problems: { code: string }[] }) => t.problems.map((p) => p.code);

describe("stem naming rules", () => {
  it("knows a role by the name without its extension, in any audio format and case", () => {
    expect(stemRoleOf("vocals.wav")).toBe("vocals");
    expect(stemRoleOf("Drums.FLAC")).toBe("drums");
    expect(stemRoleOf("accompaniment.mp3")).toBe("accompaniment");
    expect(stemRoleOf("mixture.m4a")).toBe("mixture");
    for (const name of ["vocals.txt", "vocals", "keys.wav", "song.json", "Track.stem.mp4", ".wav", "vocals.wav.bak"]) {
      expect(stemRoleOf(name), name).toBeUndefined();
    }
    expect(stemFileName("other")).toBe("other.wav");
  });
});

describe("groupStemFiles", () => {
  it("makes one track per folder holding stems, named after the folder, sorted by path", () => {
    const g = groupStemFiles(entries("song B/vocals.wav", "song B/accompaniment.wav", "song A/mixture.wav", "song A/vocals.flac", "song A/accompaniment.flac"));
    expect(g.tracks.map((t) => t.name)).toEqual(["song A", "song B"]);
    const [a, b] = g.tracks;
    expect(Object.keys(a.files).sort()).toEqual(["accompaniment", "mixture", "vocals"]);
    expect(a.files.vocals?.path).toBe("song A/vocals.flac");
    expect([a.accompaniment, a.mixture, a.usable]).toEqual(["file", "file", true]);
    expect([b.accompaniment, b.mixture, b.usable]).toEqual(["file", "sum", true]);
    expect(a.problems).toEqual([]);
    expect(g.ignored).toEqual([]);
    expect(g.notes).toEqual([]);
  });

  it("finds MUSDB track folders deep inside a chosen folder and sums their parts", () => {
    const g = groupStemFiles(
      entries(
        "musdb/README.md",
        "musdb/train/Track X/mixture.wav",
        "musdb/train/Track X/vocals.wav",
        "musdb/train/Track X/drums.wav",
        "musdb/train/Track X/bass.wav",
        "musdb/train/Track X/other.wav",
      ),
    );
    expect(g.tracks).toHaveLength(1);
    expect(g.tracks[0]).toMatchObject({ name: "Track X", folder: "musdb/train/Track X", accompaniment: "musdb", mixture: "file", usable: true, problems: [] });
    expect(g.ignored).toEqual(["musdb/README.md"]);
  });

  it("says when vocals are missing, and when the accompaniment is missing or incomplete", () => {
    const g = groupStemFiles(entries("a/accompaniment.wav", "b/vocals.wav", "c/vocals.wav", "c/drums.wav", "c/bass.wav", "d/mixture.wav"));
    const [a, b, c, d] = g.tracks;
    expect(codes(a)).toEqual(["missing-vocals"]);
    expect(a.problems[0].message).toMatch(/No vocals file: add vocals\.wav/);
    expect(codes(b)).toEqual(["missing-accompaniment"]);
    expect(b.problems[0].message).toMatch(/add accompaniment\.wav, or MUSDB's drums, bass and other/);
    expect(codes(c)).toEqual(["missing-accompaniment"]);
    expect(c.problems[0].message).toMatch(/MUSDB's other is missing, so drums and bass cannot be summed/);
    expect(codes(d)).toEqual(["missing-vocals", "missing-accompaniment"]);
    expect([a, b, c, d].every((t) => !t.usable && t.problems.every((p) => p.level === "error"))).toBe(true);
  });

  it("uses the accompaniment file over MUSDB parts, with a warning, as the CLI does", () => {
    // `demix data generate --stems` writes such folders: accompaniment plus drums, bass, keys, ….
    const [t] = groupStemFiles(entries("s/vocals.wav", "s/accompaniment.wav", "s/drums.wav", "s/bass.wav", "s/keys.wav", "s/song.json")).tracks;
    expect(t.usable).toBe(true);
    expect(t.accompaniment).toBe("file");
    expect(codes(t)).toEqual(["accompaniment-twice"]);
    expect(t.problems[0]).toMatchObject({ level: "warning", message: expect.stringMatching(/using accompaniment\.wav, leaving out drums and bass/) });
    expect(t.files.drums).toBeUndefined();
    expect(t.ignored).toEqual(["s/bass.wav", "s/drums.wav", "s/keys.wav", "s/song.json"]);
  });

  it("refuses a role given twice, naming both files", () => {
    const [t] = groupStemFiles(entries("s/vocals.wav", "s/Vocals.flac", "s/accompaniment.wav")).tracks;
    expect(t.usable).toBe(false);
    expect(codes(t)).toEqual(["duplicate-role"]);
    expect(t.problems[0].message).toBe("2 files are vocals: Vocals.flac, vocals.wav. Keep one of them in the folder.");
  });

  it("groups loose files (no folder) into one track, skips hidden files, and tells same-named folders apart", () => {
    const g = groupStemFiles([
      { path: "", name: "vocals.wav" },
      { path: "", name: "accompaniment.wav" },
      { path: "", name: ".DS_Store" },
      ...entries("train/X/vocals.wav", "train/X/accompaniment.wav", "test/X/vocals.wav", "test/X/accompaniment.wav", "test/X/._vocals.wav", "./.git/vocals.wav"),
    ]);
    expect(g.tracks.map((t) => [t.folder, t.name])).toEqual([
      ["", LOOSE_FILES_TRACK],
      ["test/X", "test/X"],
      ["train/X", "train/X"],
    ]);
    expect(g.tracks.every((t) => t.usable && t.ignored.length === 0)).toBe(true);
    expect(g.ignored).toEqual([]);
  });

  it("normalises Windows paths and a leading ./ or /", () => {
    const g = groupStemFiles(entries("song\\vocals.wav", "./song/accompaniment.wav", "/song/mixture.wav"));
    expect(g.tracks).toHaveLength(1);
    expect(g.tracks[0]).toMatchObject({ folder: "song", mixture: "file", accompaniment: "file" });
  });

  it("says so when nothing chosen is a stem, and recognises MUSDB18's .stem.mp4 files", () => {
    expect(groupStemFiles([]).notes[0]).toMatch(/No files were chosen: a track is a folder holding vocals/);
    const g = groupStemFiles(entries("musdb18/train/A - B.stem.mp4", "musdb18/train/C - D.stem.mp4"));
    expect(g.tracks).toEqual([]);
    expect(g.ignored).toHaveLength(2);
    expect(g.notes.join(" ")).toMatch(/None of the 2 files chosen is a stem.*\.stem\.mp4 files are MUSDB18 \(not -HQ\)/);
  });
});

describe("the CLI's track folders follow the same rules", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const tone = (f: number) => ({ sampleRate: 8000, channels: [Float32Array.from({ length: 400 }, (_, i) => 0.2 * Math.sin(i * f))] });

  it("reads differently cased names and refuses a role given twice", async () => {
    const dir = tempDir();
    dirs.push(dir);
    writeWav(join(dir, "Vocals.WAV"), tone(0.1));
    writeWav(join(dir, "accompaniment.wav"), tone(0.2));
    writeFileSync(join(dir, "notes.txt"), "not a stem");
    const track = await readTrackDir(dir, false);
    expect(track.stems.vocals.channels[0][7]).toBeCloseTo(tone(0.1).channels[0][7], 6);
    expect(track.stems.accompaniment.channels[0][7]).toBeCloseTo(tone(0.2).channels[0][7], 6);
    const tracks = await readStemTracks(dir);
    expect(tracks).toHaveLength(1);
    expect(tracks[0].mixture).toBeUndefined();

    writeWav(join(dir, "vocals.wav"), tone(0.3));
    await expect(readTrackDir(dir, false)).rejects.toThrow(/2 files are vocals: Vocals\.WAV, vocals\.wav/);
  });

  it("keeps its messages for a missing vocals or accompaniment file", async () => {
    const dir = tempDir();
    dirs.push(dir);
    await expect(readTrackDir(dir, false)).rejects.toThrow(/vocals\.wav is missing/);
    writeWav(join(dir, "vocals.wav"), tone(0.1));
    writeWav(join(dir, "drums.wav"), tone(0.1));
    await expect(readTrackDir(dir, false)).rejects.toThrow(/has no accompaniment\.wav \(nor MUSDB's drums\.wav, bass\.wav and other\.wav/);
  });
});
