import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import pixelmatch from "pixelmatch";
import { PNG } from "pngjs";
import type { Locator } from "playwright-core";
import { ARTIFACTS } from "./harness";

/** Committed reference pictures; regenerate one by deleting it (or UPDATE_PICTURES=1) and re-running. */
export const REFERENCES = resolve("test/browser/pictures");

export interface PictureOptions {
  /** Per-pixel colour distance (pixelmatch's threshold, 0–1) under which two pixels count as equal. */
  threshold?: number;
  /** Fraction of pixels allowed to differ: anti-aliasing and font hinting move a few. */
  maxDiffRatio?: number;
}

export interface PictureResult {
  /** Pixels that differ beyond the threshold. */
  diffPixels: number;
  ratio: number;
  /** True when no reference existed and this run wrote it. */
  created: boolean;
  /** test-artifacts/<name>.actual.png and .diff.png, for looking at a failure. */
  actual: string;
  diff?: string;
}

/**
 * Screenshots `target` and compares it with test/browser/pictures/<name>.png by a tolerant pixel
 * diff. A missing reference is written (and reported as created), so a new picture test records its
 * reference on the first run; commit it after looking at it. Throws with the paths when the
 * pictures differ in size or in more than maxDiffRatio of their pixels.
 */
export async function comparePicture(target: Locator, name: string, options: PictureOptions = {}): Promise<PictureResult> {
  const threshold = options.threshold ?? 0.1;
  const maxDiffRatio = options.maxDiffRatio ?? 0.002;
  mkdirSync(ARTIFACTS, { recursive: true });
  mkdirSync(REFERENCES, { recursive: true });
  const bytes = await target.screenshot({ animations: "disabled", caret: "hide" });
  const actualPath = join(ARTIFACTS, `${name}.actual.png`);
  writeFileSync(actualPath, bytes);
  const referencePath = join(REFERENCES, `${name}.png`);
  if (!existsSync(referencePath) || process.env.UPDATE_PICTURES === "1") {
    writeFileSync(referencePath, bytes);
    return { diffPixels: 0, ratio: 0, created: true, actual: actualPath };
  }
  const actual = PNG.sync.read(bytes);
  const expected = PNG.sync.read(readFileSync(referencePath));
  if (actual.width !== expected.width || actual.height !== expected.height) {
    throw new Error(
      `picture "${name}" is ${actual.width}×${actual.height} but its reference is ${expected.width}×${expected.height}; ` +
        `compare ${actualPath} with ${referencePath} (delete the reference to accept the new one)`,
    );
  }
  const diff = new PNG({ width: actual.width, height: actual.height });
  const diffPixels = pixelmatch(actual.data, expected.data, diff.data, actual.width, actual.height, { threshold });
  const ratio = diffPixels / (actual.width * actual.height);
  const diffPath = join(ARTIFACTS, `${name}.diff.png`);
  writeFileSync(diffPath, PNG.sync.write(diff));
  if (ratio > maxDiffRatio) {
    throw new Error(
      `picture "${name}" differs from its reference in ${diffPixels} pixels (${(ratio * 100).toFixed(2)}%, allowed ${(maxDiffRatio * 100).toFixed(2)}%); ` +
        `see ${diffPath} and ${actualPath} against ${referencePath}`,
    );
  }
  return { diffPixels, ratio, created: false, actual: actualPath, diff: diffPath };
}
