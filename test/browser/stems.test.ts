import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addSignals, decodeWav, encodeWav, type AudioSignal } from "../../src/audio";
import { generateSong } from "../../src/data";
import { tempDir } from "../unit/cli/run-cli";
import { openPage, screenshot, shutdown } from "./harness";

/**
 * "Your stems" in Chromium: a folder chosen through the webkitdirectory input (playwright uploads a
 * real folder from disk), loose files through the file input, and files dropped on the zone.
 */
let page: Page;
let errors: string[];
let close: () => Promise<void>;
let root: string;

const wav = (s: AudioSignal) => encodeWav(s, "float32");
const write = (path: string, bytes: Uint8Array | string) => {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, bytes);
};

// Song A: MUSDB18-HQ-like (mixture, vocals, accompaniment), 22.05 kHz stereo, 2 s.
const songA = generateSong({ seed: 3, seconds: 2, sampleRate: 22050, stereo: true });
// Track X: MUSDB's layout without accompaniment.wav: drums, bass and other (keys + plucked + bowed) to be summed; 16 kHz mono, 1.5 s.
const songX = generateSong({ seed: 4, seconds: 1.5, sampleRate: 16000 });
const other = addSignals([songX.stems.keys, songX.stems.plucked, songX.stems.bowed]);
const loose = generateSong({ seed: 5, seconds: 1, sampleRate: 8000 });

beforeAll(async () => {
  root = join(tempDir("demix-stems-"), "my songs");
  for (const stem of ["mixture", "vocals", "accompaniment"] as const) write(join(root, "song A", `${stem}.wav`), wav(songA[stem]));
  write(join(root, "song A", "song.json"), "{}");
  write(join(root, "Track X", "vocals.wav"), wav(songX.vocals));
  write(join(root, "Track X", "drums.wav"), wav(songX.stems.drums));
  write(join(root, "Track X", "bass.wav"), wav(songX.stems.bass));
  write(join(root, "Track X", "other.wav"), wav(other));
  // A file cut off in its header, and one with no bytes at all.
  write(join(root, "broken", "vocals.wav"), wav(loose.vocals));
  write(join(root, "broken", "accompaniment.wav"), wav(loose.accompaniment).subarray(0, 30));
  write(join(root, "empty", "vocals.wav"), new Uint8Array(0));
  write(join(root, "empty", "accompaniment.wav"), wav(loose.accompaniment));
  write(join(root, "just drums", "drums.wav"), wav(songX.stems.drums));
  // Stems that disagree: 8 kHz vocals for 1 s, 16 kHz accompaniment for 1.5 s.
  write(join(root, "odd rates", "vocals.wav"), wav(loose.vocals));
  write(join(root, "odd rates", "accompaniment.wav"), wav(songX.stems.bass));
  write(join(root, "README.txt"), "my stems");
  ({ page, errors, close } = await openPage("/test/browser/pages/stems.html"));
  await page.waitForSelector("body[data-ready=true]");
});
afterAll(async () => {
  await close?.();
  await shutdown();
  if (root) rmSync(join(root, ".."), { recursive: true, force: true });
});

/** Waits for the panel to list `n` tracks and finish loading. */
async function listed(n: number): Promise<void> {
  await page.waitForFunction((n) => document.querySelectorAll(".stems-track").length === n && !document.querySelector(".stems-panel.busy"), n);
}

const trackItem = (folder: string) => page.locator(`.stems-track[data-folder="${folder}"]`);
const text = (folder: string, field: string) => trackItem(folder).locator(`[data-field="${field}"]`).textContent();
const roles = (folder: string) => trackItem(folder).locator(".stems-roles").getAttribute("data-roles");

describe("Your stems", () => {
  it("lists a chosen folder's tracks with roles, duration, rate, channels and problems", async () => {
    await expect(page.locator(".stems-panel h2").textContent()).resolves.toBe("Your stems");
    await page.locator('.stems-panel input[name="folder"]').setInputFiles(root);
    await listed(6);

    const names = await page.locator(".stems-track-name").allTextContents();
    expect(names).toEqual(["Track X", "broken", "empty", "just drums", "odd rates", "song A"]);

    const A = "my songs/song A";
    expect(await roles(A)).toBe("mixture,vocals,accompaniment");
    expect(await text(A, "duration")).toBe("2.00 s");
    expect(await text(A, "rate")).toBe("22050 Hz");
    expect(await text(A, "channels")).toBe("stereo");
    expect(await trackItem(A).locator(".stems-ignored").textContent()).toBe("Left out (not stems): song.json");

    const X = "my songs/Track X";
    expect(await roles(X)).toBe("vocals,drums,bass,other");
    expect(await text(X, "duration")).toBe("1.50 s");
    expect(await text(X, "rate")).toBe("16000 Hz");
    expect(await text(X, "channels")).toBe("mono");
    expect(await trackItem(X).locator(".stems-derived").textContent()).toBe("accompaniment = drums + bass + other; mixture = vocals + accompaniment");

    // The corrupt and the empty file are named on their own tracks; the other tracks loaded.
    expect(await trackItem("my songs/broken").locator(".stems-problems").textContent()).toMatch(/"my songs\/broken\/accompaniment\.wav"/);
    expect(await trackItem("my songs/empty").locator(".stems-problems").textContent()).toBe(
      'Cannot decode "my songs/empty/vocals.wav": the file is empty (0 bytes).',
    );
    expect(await trackItem("my songs/just drums").locator(".stems-problems li").allTextContents()).toEqual([
      "No vocals file: add vocals.wav (or .flac, .mp3, …); the vocals are what a model learns to separate.",
      "No accompaniment file, and MUSDB's bass and other are missing, so drums cannot be summed into one: add accompaniment.wav, or bass and other.",
    ]);
    const O = "my songs/odd rates";
    expect(await trackItem(O).locator(".stems-problems li").allTextContents()).toEqual([
      "accompaniment.wav is at 16000 Hz, vocals.wav at 8000 Hz: resampled it to 8000 Hz.",
      "The files differ in length by up to 4000 samples (0.50 s): trimmed accompaniment.wav to the shortest, 8000 samples (1.00 s).",
    ]);
    expect(await text(O, "duration")).toBe("1.00 s");
    expect(await text(O, "rate")).toBe("8000 Hz");
    expect(await trackItem(O).getAttribute("class")).toContain("ok");
    for (const bad of ["broken", "empty", "just drums"]) expect(await trackItem(`my songs/${bad}`).getAttribute("class")).toContain("bad");
    expect(await page.locator(".stems-notes").textContent()).toBe("Left out 1 file outside any song folder: my songs/README.txt.");
    expect(await page.locator(".stems-status").textContent()).toBe("3 of 6 tracks ready, 4.50 s in all; 3 cannot be used (see below)");

    const summary = await page.evaluate(() => window.demixStems.summary());
    expect(summary.filter((t) => t.usable).map((t) => t.name)).toEqual(["Track X", "odd rates", "song A"]);
    expect(await page.evaluate(() => window.demixStems.onTracksCalls())).toEqual([["Track X", "odd rates", "song A"]]);
  });

  it("sums MUSDB's drums, bass and other into the accompaniment, and keeps given stems exactly", async () => {
    const decoded = (s: AudioSignal) => decodeWav(wav(s)).channels;
    const [drums, bass, oth] = [songX.stems.drums, songX.stems.bass, other].map((s) => decoded(s)[0]);
    const acc = (await page.evaluate(() => window.demixStems.samples("Track X", "accompaniment")))[0];
    expect(acc).toHaveLength(drums.length);
    let worst = 0;
    for (let i = 0; i < acc.length; i++) worst = Math.max(worst, Math.abs(acc[i] - (drums[i] + bass[i] + oth[i])));
    expect(worst).toBeLessThan(1e-6);
    // Not a trivially silent signal either.
    expect(Math.max(...acc.map(Math.abs))).toBeGreaterThan(0.05);

    const mix = await page.evaluate(() => window.demixStems.samples("Track X", "mixture"));
    const voc = decoded(songX.vocals)[0];
    expect(mix[0].every((v, i) => Math.abs(v - (voc[i] + acc[i])) < 1e-6)).toBe(true);

    const vocalsA = await page.evaluate(() => window.demixStems.samples("song A", "vocals"));
    expect(vocalsA).toHaveLength(2);
    expect(vocalsA[1].every((v, i) => v === songA.vocals.channels[1][i])).toBe(true);
  });

  it("takes loose files from the file input as one track, and adds dropped files", async () => {
    await page.locator('.stems-panel input[name="files"]').setInputFiles([
      { name: "vocals.wav", mimeType: "audio/wav", buffer: Buffer.from(wav(loose.vocals)) },
      { name: "accompaniment.wav", mimeType: "audio/wav", buffer: Buffer.from(wav(loose.accompaniment)) },
    ]);
    await listed(7);
    expect(await roles("")).toBe("vocals,accompaniment");
    expect(await trackItem("").locator(".stems-track-name").textContent()).toBe("Chosen files");
    expect(await text("", "duration")).toBe("1.00 s");
    expect(await text("", "rate")).toBe("8000 Hz");
    expect(await trackItem("").locator(".stems-derived").textContent()).toBe("mixture = vocals + accompaniment");
    const mixture = await page.evaluate(() => window.demixStems.samples("Chosen files", "mixture"));
    expect(mixture[0].every((v, i) => v === loose.mixture.channels[0][i])).toBe(true);

    // A drop replaces the loose-files track (same folder: none) with what was dropped.
    await page.evaluate(
      (files) => window.demixStems.drop(files),
      [
        { name: "vocals.wav", bytes: Array.from(wav(songX.vocals)) },
        { name: "accompaniment.wav", bytes: Array.from(wav(songX.stems.bass)) },
        { name: "mixture.wav", bytes: Array.from(wav(songX.mixture)) },
      ],
    );
    await page.waitForFunction(() => document.querySelector('.stems-track[data-folder=""] .stems-roles')?.getAttribute("data-roles") === "mixture,vocals,accompaniment");
    expect(await text("", "rate")).toBe("16000 Hz");
    expect(await page.locator(".stems-track").count()).toBe(7);
  });

  it("says the folder picker is unsupported where it is missing, and points to the folder input", async () => {
    await page.evaluate(() => delete (window as { showDirectoryPicker?: unknown }).showDirectoryPicker);
    await page.locator('.stems-panel button[name="picker"]').click();
    await expect(page.locator(".stems-notes .stems-error").textContent()).resolves.toMatch(/cannot open a folder directly.*Use "Choose folder" instead/);
    const shot = await screenshot(page, "stems-panel");
    expect(shot).toMatch(/stems-panel\.png$/);
    expect(errors).toEqual([]);
  });

  it("clears the list and tells onTracks", async () => {
    await page.evaluate(() => window.demixStems.clear());
    await listed(0);
    const calls = await page.evaluate(() => window.demixStems.onTracksCalls());
    expect(calls[calls.length - 1]).toEqual([]);
    expect(await page.locator(".stems-status").textContent()).toBe("");
  });
});
