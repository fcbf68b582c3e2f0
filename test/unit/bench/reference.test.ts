import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PYTHON, runReference } from "../../../bench/reference";

/**
 * bench/reference.py through runReference, quick and on two cheap items. Which branch is checked
 * depends on what this machine has installed: a missing PyTorch must be said, never faked.
 */
const hasTorch = (() => {
  if (!existsSync(PYTHON)) return false;
  try {
    execFileSync(PYTHON, ["-c", "import torch"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

describe("bench/reference.py", () => {
  it("times the PyTorch U-Net (built to the paper's parameter count) and scipy's STFT, or says what is missing", async () => {
    const r = await runReference(["forward_b1", "stft_istft_3min"], true);
    if (hasTorch) {
      expect(r.missing).toEqual([]);
      expect(r.items.forward_b1!.ms).toBeGreaterThan(0);
      expect(r.items.forward_b1!.threads === 1 || r.items.forward_b1!.threads === 2).toBe(true);
      expect(Object.keys(r.items.forward_b1!.by_threads!).sort()).toEqual(["1", "2"]);
      expect(r.versions.torch).toBeTruthy();
    } else {
      expect(r.missing.join(" ")).toMatch(/PyTorch not installed|no Python/);
    }
    if (r.versions.scipy) expect(r.items.stft_istft_3min!.ms).toBeGreaterThan(0);
    // Only what was asked for.
    expect(Object.keys(r.items).every((k) => k === "forward_b1" || k === "stft_istft_3min")).toBe(true);
  });
  it("refuses an unknown item by name", async () => {
    const r = await runReference(["nonsense" as never], true);
    expect(r.items).toEqual({});
    expect(r.missing.join(" ")).toMatch(/failed.*unknown items \['nonsense'\]/);
  });
});
