import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { demix, tempDir } from "./run-cli";

describe("demix train", () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
    const r = demix("data", "generate", "--out", join(dir, "data"), "--songs", "1", "--seconds", "3", "--rate", "8192");
    expect(r.code, r.stderr).toBe(0);
  });

  it("trains, then fine-tunes from the saved weights with its own schedule (--init, --decay)", () => {
    const first = demix("train", "--data", join(dir, "data"), "--preset", "tiny", "--steps", "2", "--model", join(dir, "a"));
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/step 2\/2 /);
    const tuned = demix("train", "--data", join(dir, "data"), "--init", join(dir, "a"), "--steps", "3", "--lr", "1e-3", "--decay", "0.5", "--decay-every", "2", "--augment", "--model", join(dir, "b"));
    expect(tuned.code, tuned.stderr).toBe(0);
    expect(tuned.stderr).toMatch(/starting from the weights of .*a \(target vocals\)/);
    // A new run: its own step count, and the decayed rate from step 2 on.
    expect(tuned.stdout).toMatch(/step 1\/3 .*lr 1\.0e-3/);
    expect(tuned.stdout).toMatch(/step 3\/3 .*lr 5\.0e-4/);
    const training = JSON.parse(readFileSync(join(dir, "b", "training.json"), "utf8"));
    expect(training.step).toBe(3);
    expect(training.schedule).toEqual({ initial: 1e-3, decay: { factor: 0.5, every: 2 } });
    expect(training.augment).toBeTruthy();
    const model = JSON.parse(readFileSync(join(dir, "b", "model.json"), "utf8"));
    expect(model.userDefinedMetadata.initialisedFrom).toEqual({ model: join(dir, "a"), step: 2 });
    expect(model.userDefinedMetadata.preset).toBe("tiny");
  });

  it("keeps --augment-eq with the run, and refuses it without --augment or out of range", () => {
    const run = demix("train", "--data", join(dir, "data"), "--preset", "tiny", "--steps", "2", "--augment", "--augment-eq", "0.5", "--model", join(dir, "eq"));
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "eq", "training.json"), "utf8")).augment).toMatchObject({ eq: 0.5, eqDb: 6 });
    const alone = demix("train", "--data", join(dir, "data"), "--preset", "tiny", "--steps", "1", "--augment-eq", "0.5", "--model", join(dir, "eq2"));
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/give it with --augment/);
    const range = demix("train", "--data", join(dir, "data"), "--preset", "tiny", "--steps", "1", "--augment", "--augment-eq", "2", "--model", join(dir, "eq3"));
    expect(range.code).toBe(2);
    expect(range.stderr).toMatch(/probability from 0 to 1, got 2/);
  });

  it("keeps --augment-pitch with the run, and refuses it without --augment or out of range", () => {
    const run = demix("train", "--data", join(dir, "data"), "--preset", "tiny", "--steps", "2", "--augment", "--augment-pitch", "4", "--model", join(dir, "pitch"));
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "pitch", "training.json"), "utf8")).augment).toMatchObject({ pitch: 0.5, pitchSemitones: 4, eq: 0 });
    const alone = demix("train", "--data", join(dir, "data"), "--preset", "tiny", "--steps", "1", "--augment-pitch", "4", "--model", join(dir, "pitch2"));
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/--augment-pitch sets how a new run augments/);
    const range = demix("train", "--data", join(dir, "data"), "--preset", "tiny", "--steps", "1", "--augment", "--augment-pitch", "13", "--model", join(dir, "pitch3"));
    expect(range.code).toBe(2);
    expect(range.stderr).toMatch(/semitones from 0 to 12, got 13/);
  });

  it("refuses options that contradict --init", () => {
    const both = demix("train", "--data", join(dir, "data"), "--init", join(dir, "a"), "--resume", "--steps", "1", "--model", join(dir, "a"));
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/use one of them/);
    const preset = demix("train", "--data", join(dir, "data"), "--init", join(dir, "a"), "--preset", "paper", "--steps", "1", "--model", join(dir, "c"));
    expect(preset.code).toBe(2);
    expect(preset.stderr).toMatch(/come from the initial model/);
    const decay = demix("train", "--data", join(dir, "data"), "--preset", "tiny", "--decay", "2", "--steps", "1", "--model", join(dir, "d"));
    expect(decay.code).not.toBe(0);
    expect(decay.stderr).toMatch(/0 < factor ≤ 1/);
  });
});
