import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readTrackDir } from "../../../src/cli/track";
import { MUSDB_VALIDATION_TRACKS, splitMusdbTrainNames } from "../../../src/data";
import { musdbSplit } from "../../../src/data/musdb-node";
import { tempDir, writeWav } from "../cli/run-cli";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const tone = (k: number) => ({ sampleRate: 8000, channels: [0, 1].map((c) => Float32Array.from({ length: 800 }, (_, i) => 0.1 * (k + c) * Math.sin(i / (k + 2)))) });

/** A MUSDB18-HQ shaped folder with tiny stereo stems: track k's drums/bass/other are tone(k+1..k+3). */
function fixture(train: string[], test: string[]): string {
  const root = tempDir("demix-musdb-");
  dirs.push(root);
  for (const [subset, names] of [["train", train], ["test", test]] as const) {
    names.forEach((name, k) => {
      const dir = join(root, subset, name);
      ["vocals", "drums", "bass", "other"].forEach((stem, s) => writeWav(join(dir, `${stem}.wav`), tone(k + s)));
      writeWav(join(dir, "mixture.wav"), tone(k));
    });
  }
  return root;
}

describe("MUSDB18", () => {
  it("lists the 14 standard validation tracks", () => {
    expect(MUSDB_VALIDATION_TRACKS).toHaveLength(14);
    expect(new Set(MUSDB_VALIDATION_TRACKS).size).toBe(14);
    expect(splitMusdbTrainNames(["A - B", "Leaf - Summerghost"])).toEqual({ train: ["A - B"], valid: ["Leaf - Summerghost"] });
  });

  it("splits train/ into train and valid, and lists test/", () => {
    const root = fixture(["A Classic Education - NightOwl", "Actions - One Minute Smile", "Zeno - Signs"], ["Al James - Schoolboy Facination"]);
    const split = musdbSplit(root);
    expect(split.valid).toEqual([join(root, "train", "Actions - One Minute Smile")]);
    expect(split.train).toEqual([join(root, "train", "A Classic Education - NightOwl"), join(root, "train", "Zeno - Signs")]);
    expect(split.test).toEqual([join(root, "test", "Al James - Schoolboy Facination")]);
  });

  it("sums drums, bass and other into the accompaniment", async () => {
    const root = fixture(["Actions - One Minute Smile", "Zeno - Signs"], ["T"]);
    const track = await readTrackDir(musdbSplit(root).valid[0], true);
    const acc = track.stems.accompaniment.channels;
    expect(acc).toHaveLength(2);
    for (const c of [0, 1]) {
      for (const i of [0, 17, 799]) {
        const expected = tone(1).channels[c][i] + tone(2).channels[c][i] + tone(3).channels[c][i];
        expect(acc[c][i]).toBeCloseTo(expected, 6);
      }
    }
    expect(track.stems.vocals.channels[1][5]).toBeCloseTo(tone(0).channels[1][5], 6);
  });

  it("says what a MUSDB18-HQ folder should hold", () => {
    const root = tempDir("demix-musdb-");
    dirs.push(root);
    expect(() => musdbSplit(join(root, "nope"))).toThrow(/does not exist.*train\/ and test\//);
    expect(() => musdbSplit(root)).toThrow(/has no train\/ folder.*vocals\.wav, drums\.wav/);
    mkdirSync(join(root, "train", "Some - Song"), { recursive: true });
    mkdirSync(join(root, "test"));
    expect(() => musdbSplit(root)).toThrow(/Some - Song has no vocals\.wav/);
    const other = fixture(["Some - Song"], ["T"]);
    expect(() => musdbSplit(other)).toThrow(/none of MUSDB18's 14 validation tracks/);
  });
});
