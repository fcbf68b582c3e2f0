import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { decodeWav, encodeWav, resampleSignal, type AudioSignal } from "../../../src/audio";
import { readAudioFile } from "../../../src/audio/node";
import { generateSong } from "../../../src/data";
import { readF32 } from "../fixtures";
import { demix, tempDir, writeWav } from "./run-cli";

/** A 44.1 kHz stereo track made from the oracle fixture's voice and accompaniment. */
function stereo(x: Float32Array, left: number, right: number): AudioSignal {
  const up = resampleSignal({ sampleRate: 8192, channels: [x] }, 44100).channels[0];
  return { sampleRate: 44100, channels: [up.map((v) => v * left), up.map((v) => v * right)] };
}

let track: string;
beforeAll(() => {
  track = tempDir();
  const vocals = stereo(readF32("separate", "vocals.f32"), 0.9, 0.7);
  const accompaniment = stereo(readF32("separate", "accompaniment.f32"), 0.5, 0.8);
  const mixture = { sampleRate: 44100, channels: [0, 1].map((c) => vocals.channels[c].map((v, i) => v + accompaniment.channels[c][i])) };
  writeWav(join(track, "vocals.wav"), vocals);
  writeWav(join(track, "accompaniment.wav"), accompaniment);
  writeWav(join(track, "mixture.wav"), mixture);
});

describe("demix", () => {
  it("lists its commands and has --help on each", () => {
    const top = demix("--help");
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/oracle/);
    expect(top.stdout).toMatch(/eval/);
    for (const cmd of ["oracle", "eval"]) {
      const r = demix(cmd, "--help");
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`demix ${cmd}`);
    }
    expect(demix("separat").code).toBe(2);
  });

  it("oracle writes stems at the mixture's rate, length and channel count, and eval scores them", () => {
    const out = join(tempDir(), "irm");
    const r = demix("oracle", track, "--mask", "irm", "--out", out);
    expect(r.stderr).toMatch(/wrote vocals\.wav and accompaniment\.wav/);
    expect(r.code).toBe(0);
    for (const stem of ["vocals", "accompaniment"]) {
      const wav = decodeWav(new Uint8Array(readFileSync(join(out, `${stem}.wav`))));
      expect(wav.sampleRate).toBe(44100);
      expect(wav.channels.length).toBe(2);
      expect(wav.channels[0].length).toBe(2 * 44100);
    }
    const e = demix("eval", "--reference", track, "--estimate", out, "--metric", "sisdr", "--json");
    expect(e.code).toBe(0);
    const scores = JSON.parse(e.stdout);
    expect(scores.metric).toBe("sisdr");
    // The references hold energy above 4096 Hz that an 8192 Hz oracle cannot return, so the bound is finite.
    expect(scores.stems.vocals.SDR).toBeGreaterThan(5);
    expect(scores.stems.accompaniment.SDR).toBeGreaterThan(5);
  });

  it("eval v3 and v4 print SDR, SIR and SAR per stem, and a table without --json", () => {
    const v3 = JSON.parse(demix("eval", "--reference", track, "--estimate", track, "--metric", "v3", "--mono", "--json").stdout);
    expect(Object.keys(v3.stems.vocals)).toEqual(["SDR", "SIR", "SAR"]);
    expect(v3.stems.vocals.SDR).toBeGreaterThan(100); // the references scored against themselves
    const v4 = JSON.parse(demix("eval", "--reference", track, "--estimate", track, "--metric", "v4", "--mono", "--json").stdout);
    expect(Object.keys(v4.stems.accompaniment)).toEqual(["SDR", "SIR", "SAR", "ISR"]);
    const text = demix("eval", "--reference", track, "--estimate", track, "--metric", "sisdr");
    expect(text.stdout).toMatch(/^vocals +inf +inf +inf$/m);
  });

  it("resamples and trims estimates that differ from the references, and says so", () => {
    const est = tempDir();
    for (const stem of ["vocals", "accompaniment"]) {
      const wav = decodeWav(new Uint8Array(readFileSync(join(track, `${stem}.wav`))));
      writeWav(join(est, `${stem}.wav`), resampleSignal(wav, 22050));
    }
    const r = demix("eval", "--reference", track, "--estimate", est, "--metric", "sisdr", "--json");
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/resampling it to the references' 44100 Hz/);
    expect(JSON.parse(r.stdout).stems.vocals.SDR).toBeGreaterThan(10);
  });

  it("names the missing or broken file and exits non-zero", () => {
    const empty = tempDir();
    const missing = demix("oracle", empty, "--mask", "irm");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/vocals\.wav is missing/);

    const broken = tempDir();
    for (const f of ["mixture", "vocals", "accompaniment"]) writeFileSync(join(broken, `${f}.wav`), "");
    const r = demix("oracle", broken, "--mask", "ibm");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(join(broken, "vocals.wav"));

    const usage = demix("oracle", track, "--mask", "soft");
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--mask must be one of ibm, irm, irm-power/);
    expect(demix("eval", "--reference", track).code).toBe(2);
    expect(existsSync(join("out", "oracle-soft"))).toBe(false);
  });
});

describe("demix separate", () => {
  it("uses the shipped model when none is named, and keeps rate, channels and length", () => {
    const out = tempDir();
    const r = demix("separate", join(track, "mixture.wav"), "--out", out);
    expect(r.stderr).toMatch(/model: .*models\/default/);
    expect(r.code).toBe(0);
    for (const stem of ["vocals", "accompaniment"]) {
      const wav = decodeWav(new Uint8Array(readFileSync(join(out, "mixture", `${stem}.wav`))));
      expect([wav.sampleRate, wav.channels.length, wav.channels[0].length]).toEqual([44100, 2, 2 * 44100]);
    }
  });

  it("separates a WAV longer than a chunk piece by piece: full length, and the stems sum to the mixture", () => {
    const dir = tempDir();
    const song = generateSong({ seed: 5, seconds: 70, sampleRate: 16000, stereo: true });
    writeFileSync(join(dir, "long.wav"), encodeWav(song.mixture, "pcm16"));
    const mixture = decodeWav(new Uint8Array(readFileSync(join(dir, "long.wav"))));
    const out = tempDir();
    const r = demix("separate", join(dir, "long.wav"), "--out", out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/long\.wav: 50%/); // 70 s is two chunks of 60 s
    const [vocals, accompaniment] = ["vocals", "accompaniment"].map((stem) => decodeWav(new Uint8Array(readFileSync(join(out, "long", `${stem}.wav`)))));
    expect([vocals.sampleRate, vocals.channels.length, vocals.channels[1].length]).toEqual([16000, 2, 70 * 16000]);
    let worst = 0;
    for (let c = 0; c < 2; c++) for (let i = 0; i < mixture.channels[c].length; i++) worst = Math.max(worst, Math.abs(vocals.channels[c][i] + accompaniment.channels[c][i] - mixture.channels[c][i]));
    expect(worst).toBeLessThan(3 / 32768); // two pcm16 roundings
  }, 120_000);

  it("separates a compressed file through an ffmpeg pipe, a chunk at a time: ffmpeg's length, and the stems sum to its decoding", async () => {
    const out = tempDir();
    const r = demix("separate", "test/fixtures/audio/stream/chirp_44100_stereo.mp3", "--out", out);
    expect(r.code, r.stderr).toBe(0);
    const mixture = await readAudioFile("test/fixtures/audio/stream/chirp_44100_stereo.mp3");
    const [vocals, accompaniment] = ["vocals", "accompaniment"].map((stem) => decodeWav(new Uint8Array(readFileSync(join(out, "chirp_44100_stereo", `${stem}.wav`)))));
    expect([vocals.sampleRate, vocals.channels.length, vocals.channels[0].length]).toEqual([44100, 2, mixture.channels[0].length]);
    let worst = 0;
    for (let c = 0; c < 2; c++) for (let i = 0; i < mixture.channels[c].length; i++) worst = Math.max(worst, Math.abs(vocals.channels[c][i] + accompaniment.channels[c][i] - mixture.channels[c][i]));
    expect(worst).toBeLessThan(3 / 32768);
    const missing = demix("separate", join(tempDir(), "nothing.mp3"), "--out", out);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Cannot read audio file ".*nothing\.mp3": no such file/);
  }, 120_000);

  it("--stereo mid masks both channels with one mask: the same channels out, the stems still sum, a bad value refused", () => {
    const out = tempDir();
    const r = demix("separate", join(track, "mixture.wav"), "--out", out, "--stereo", "mid");
    expect(r.code, r.stderr).toBe(0);
    const [vocals, accompaniment] = ["vocals", "accompaniment"].map((stem) => decodeWav(new Uint8Array(readFileSync(join(out, "mixture", `${stem}.wav`)))));
    const mixture = decodeWav(new Uint8Array(readFileSync(join(track, "mixture.wav"))));
    expect([vocals.channels.length, vocals.channels[0].length]).toEqual([2, 2 * 44100]);
    let worst = 0;
    for (let c = 0; c < 2; c++) for (let i = 0; i < mixture.channels[c].length; i++) worst = Math.max(worst, Math.abs(vocals.channels[c][i] + accompaniment.channels[c][i] - mixture.channels[c][i]));
    expect(worst).toBeLessThan(3 / 32768);
    const bad = demix("separate", join(track, "mixture.wav"), "--out", tempDir(), "--stereo", "side");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--stereo must be each or mid/);
  });

  it("names a model it cannot find", () => {
    const r = demix("separate", join(track, "mixture.wav"), "--out", tempDir(), "--model", "no-such-model");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/model "no-such-model" not found/);
  });
});
