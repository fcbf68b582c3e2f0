import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { demixWith } from "../cli/run-cli";

// Every shipped notebook runs headless, cell by cell, in its quick form (as CI and `demix notebook
// run --quick` do); models they save go to a temporary DEMIX_HOME, not the working tree.
describe("the shipped notebooks", () => {
  const files = readdirSync("notebooks").filter((f) => f.endsWith(".ts")).sort();

  it("are at least the two the workbench starts with", () => {
    expect(files).toEqual(expect.arrayContaining(["01-song-to-masks.ts", "02-train-unet.ts"]));
  });

  for (const file of files) {
    it(`${file} runs every cell without an error`, () => {
      const home = mkdtempSync(join(tmpdir(), "demix-home-"));
      const r = demixWith({ DEMIX_HOME: home }, "notebook", "run", join("notebooks", file), "--quick");
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).not.toMatch(/✗/);
      expect(r.stderr).toMatch(/\d+ cells ran in/);
    }, 180_000);
  }
});
