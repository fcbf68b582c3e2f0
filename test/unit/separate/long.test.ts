import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as tf from "@tensorflow/tfjs";
import { decodeWav, encodeWav } from "../../../src/audio";
import { generateSong } from "../../../src/data";
import { bssEvalSources } from "../../../src/eval";
import { separate } from "../../../src/separate";
import { separateLong, separateToWav, signalSource, wavBlobSource, type ChunkSource, type SeparatedChunk } from "../../../src/separate/long";
import { loadShippedModel } from "../../../src/workspace";

let model: tf.LayersModel;
beforeAll(async () => {
  model = await loadShippedModel();
});
afterAll(() => model?.dispose());

const join = (pieces: SeparatedChunk[], stem: "vocals" | "accompaniment", channel: number, length: number) => {
  const out = new Float32Array(length);
  for (const p of pieces) out.set(p[stem][channel], p.start);
  return out;
};

describe("separateLong: chunk by chunk, with cross-faded overlaps", () => {
  it("covers the input with contiguous pieces, reads at most a chunk at a time, and scores as the whole-song separation does", async () => {
    const song = generateSong({ seed: 104, seconds: 40, sampleRate: 16000 });
    const reads: number[] = [];
    const memory = signalSource(song.mixture);
    const source: ChunkSource = { ...memory, read: (start, count) => (reads.push(count), memory.read(start, count)) };
    const pieces: SeparatedChunk[] = [];
    const chunks: number[] = [];
    const fractions: number[] = [];
    await separateLong(source, { kind: "single", model, target: "vocals" }, { chunkSeconds: 15, overlapSeconds: 6, batchSize: 1, write: (p) => void pieces.push(p), onChunk: (d, t) => chunks.push(d / t), onFraction: (f) => fractions.push(f) });
    const n = song.mixture.channels[0].length;
    // 40 s in chunks of 15 s every 9 s: 4 chunks; the fraction moves after every batch of patches, up to 1.
    expect(chunks).toEqual([0.25, 0.5, 0.75, 1]);
    expect(fractions.length).toBeGreaterThan(chunks.length);
    expect(fractions.every((f, i) => f > 0 && f <= 1 && (i === 0 || f >= fractions[i - 1]))).toBe(true);
    expect(fractions.at(-1)).toBe(1);
    expect(Math.max(...reads)).toBe(15 * 16000);
    let at = 0;
    for (const p of pieces) {
      expect(p.start).toBe(at);
      at += p.vocals[0].length;
    }
    expect(at).toBe(n);
    const whole = await separate(song.mixture, { kind: "single", model, target: "vocals" });
    const refs = [song.vocals.channels[0], song.accompaniment.channels[0]];
    const long = bssEvalSources(refs, [join(pieces, "vocals", 0, n), join(pieces, "accompaniment", 0, n)], { computePermutation: false });
    const direct = bssEvalSources(refs, [whole.vocals.channels[0], whole.accompaniment.channels[0]], { computePermutation: false });
    expect(Math.abs(long.sdr[0] - direct.sdr[0])).toBeLessThan(0.3);
    expect(Math.abs(long.sdr[1] - direct.sdr[1])).toBeLessThan(0.3);
    // Still a mixture decomposition: the two stems sum back to the mixture.
    const v = join(pieces, "vocals", 0, n), a = join(pieces, "accompaniment", 0, n);
    let worst = 0;
    for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(v[i] + a[i] - song.mixture.channels[0][i]));
    expect(worst).toBeLessThan(1e-5);
  }, 120_000);

  it("separates a song shorter than a chunk in one piece, exactly as separate() does", async () => {
    const song = generateSong({ seed: 7, seconds: 5, sampleRate: 16000 });
    const pieces: SeparatedChunk[] = [];
    await separateLong(signalSource(song.mixture), { kind: "single", model, target: "vocals" }, { write: (p) => void pieces.push(p) });
    const whole = await separate(song.mixture, { kind: "single", model, target: "vocals" });
    expect(pieces).toHaveLength(1);
    expect(pieces[0].vocals[0]).toEqual(whole.vocals.channels[0]);
  });

  it("writes the stems as WAV Blobs, piece by piece", async () => {
    const song = generateSong({ seed: 7, seconds: 12, sampleRate: 16000, stereo: true });
    const wav = await separateToWav(signalSource(song.mixture), { kind: "single", model, target: "vocals" }, { chunkSeconds: 5, overlapSeconds: 2 });
    const pieces: SeparatedChunk[] = [];
    await separateLong(signalSource(song.mixture), { kind: "single", model, target: "vocals" }, { chunkSeconds: 5, overlapSeconds: 2, write: (p) => void pieces.push(p) });
    const decoded = decodeWav(new Uint8Array(await wav.vocals.arrayBuffer()));
    expect([decoded.sampleRate, decoded.channels.length, decoded.channels[1].length]).toEqual([16000, 2, song.mixture.channels[0].length]);
    const expected = join(pieces, "vocals", 1, decoded.channels[1].length);
    let worst = 0;
    for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(decoded.channels[1][i] - expected[i]));
    expect(worst).toBeLessThanOrEqual(1 / 32768); // pcm16 rounding
  });

  it("refuses an empty input and a chunk shorter than two overlaps", async () => {
    const empty = signalSource({ sampleRate: 8000, channels: [new Float32Array(0)] });
    await expect(separateLong(empty, { kind: "single", model, target: "vocals" }, { write: () => {} })).rejects.toThrow(/empty/);
    const some = signalSource({ sampleRate: 8000, channels: [new Float32Array(8000)] });
    await expect(separateLong(some, { kind: "single", model, target: "vocals" }, { chunkSeconds: 10, overlapSeconds: 6, write: () => {} })).rejects.toThrow(/at least twice the overlap/);
  });
});

describe("wavBlobSource", () => {
  it("reads any range of a WAV Blob without reading the rest", async () => {
    const channels = [Float32Array.from({ length: 50_000 }, (_, i) => Math.round(32767 * Math.sin(i / 9)) / 32768), Float32Array.from({ length: 50_000 }, (_, i) => Math.round(16000 * Math.cos(i / 4)) / 32768)];
    const source = await wavBlobSource(new Blob([encodeWav({ sampleRate: 22050, channels }, "pcm16") as Uint8Array<ArrayBuffer>]));
    expect([source.sampleRate, source.channelCount, source.frames]).toEqual([22050, 2, 50_000]);
    const part = await source.read(12_345, 1000);
    expect(part[0]).toEqual(channels[0].slice(12_345, 13_345));
    expect(part[1]).toEqual(channels[1].slice(12_345, 13_345));
    // Past the end: only what is there.
    expect((await source.read(49_990, 100))[0]).toEqual(channels[0].slice(49_990));
  });
});
