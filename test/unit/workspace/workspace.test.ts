import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteModel, listModels, loadModel, loadShippedModel, saveModel } from "../../../src/workspace";
import { startTraining, type TrainingOptions } from "../../../src/session";

const options: TrainingOptions = {
  model: { preset: "tiny", seed: 3 },
  data: { generated: { songs: 2, seconds: 4, seed: 11 } },
  steps: 4,
  batchSize: 2,
  learningRate: 1e-3,
};

describe("models saved by name (Node: folders under $DEMIX_HOME/models)", () => {
  const before = process.env.DEMIX_HOME;
  beforeAll(() => {
    process.env.DEMIX_HOME = mkdtempSync(join(tmpdir(), "demix-home-"));
  });
  afterAll(() => {
    if (before === undefined) delete process.env.DEMIX_HOME;
    else process.env.DEMIX_HOME = before;
  });

  it("saves a run, lists it, loads it and continues it exactly", async () => {
    const whole = startTraining(options);
    await whole.done;
    const reference = whole.records.map((r) => r.loss);
    whole.dispose();

    const first = startTraining({ ...options, steps: 2 });
    expect((await first.done).stoppedBy).toBe("steps");
    const info = await saveModel("my tiny U-Net", first);
    first.dispose();
    expect(info).toMatchObject({ name: "my tiny U-Net", step: 2, target: "vocals", resumable: true });
    expect(info.where).toBe(join(process.env.DEMIX_HOME!, "models", "my-tiny-U-Net"));
    expect((await listModels()).map((m) => m.name)).toEqual(["my tiny U-Net"]);

    const loaded = await loadModel("my tiny U-Net");
    expect(loaded.step).toBe(2);
    const rest = startTraining({ ...options, model: loaded.source, steps: 2 });
    await rest.done;
    expect([...first.records, ...rest.records].map((r) => r.loss)).toEqual(reference);
    rest.dispose();
    loaded.model.dispose();
  });

  it("says which models there are when a name is not found, and deletes by name", async () => {
    await expect(loadModel("nope")).rejects.toThrow(/no model named "nope" .*there are "my-tiny-U-Net"/);
    await deleteModel("my tiny U-Net");
    expect(await listModels()).toEqual([]);
    await expect(saveModel("  ", {} as never)).rejects.toThrow(/give the model a name/);
  });

  it("loads the shipped model from the repository, whatever the working directory, and refuses odd names", async () => {
    const cwd = process.cwd();
    process.chdir(tmpdir());
    try {
      const model = await loadShippedModel();
      expect(model.countParams()).toBe(9_826_321); // 9,823,313 trainable + batch-norm statistics
      model.dispose();
    } finally {
      process.chdir(cwd);
    }
    await expect(loadShippedModel("../secrets")).rejects.toThrow(/not a folder name under models/);
    await expect(loadShippedModel("nope")).rejects.toThrow(/no shipped model "nope"/);
  });
});
