import { describe, expect, it } from "vitest";
import { stemTracks, trackBuffers } from "../../../src/session/data";
import { Progress } from "../../../src/session/progress";

describe("session data", () => {
  it("generates the songs of a generated source, at the model's rate unless told", () => {
    const tracks = stemTracks({ generated: { songs: 2, seconds: 1, seed: 5 } });
    expect(tracks).toHaveLength(2);
    expect(tracks[0].name).not.toBe(tracks[1].name);
    expect(tracks[0].vocals.sampleRate).toBe(8192);
    expect(tracks[0].vocals.channels[0]).toHaveLength(8192);
    expect(stemTracks({ generated: { songs: 1, seconds: 1, seed: 5, sampleRate: 16000 } })[0].accompaniment.channels[0]).toHaveLength(16000);
  });

  it("lists each transferable buffer once, across training and validation tracks", () => {
    const shared = new Float32Array(8);
    const a = new Float32Array(4);
    const views = new Float32Array(16);
    const track = (name: string, v: Float32Array, acc: Float32Array) => ({ name, vocals: { sampleRate: 8192, channels: [v] }, accompaniment: { sampleRate: 8192, channels: [acc] } });
    const data = { tracks: [track("one", shared, a), track("two", views.subarray(0, 8), views.subarray(8))] };
    const validation = { tracks: [track("three", shared, new Float32Array(new SharedArrayBuffer(16)))] };
    const buffers = trackBuffers(data, validation, { generated: { songs: 1, seconds: 1, seed: 1 } }, undefined);
    expect(buffers).toHaveLength(3);
    expect(new Set(buffers)).toEqual(new Set([shared.buffer, a.buffer, views.buffer]));
    // What the worker start really does with them: one transfer, every buffer moved.
    structuredClone(data, { transfer: buffers });
    expect(shared.length + a.length + views.length).toBe(0);
  });
});

describe("progress", () => {
  it("gives every iteration every item from the first, waiting for new ones until closed", async () => {
    const progress = new Progress<number>();
    progress.push(1);
    const early = (async () => {
      const seen: number[] = [];
      for await (const n of progress) seen.push(n);
      return seen;
    })();
    await new Promise((resolve) => setTimeout(resolve, 0));
    progress.push(2);
    const late = (async () => {
      const seen: number[] = [];
      for await (const n of progress) seen.push(n);
      return seen;
    })();
    progress.push(3);
    progress.close();
    progress.push(4); // after the end: ignored
    expect(await early).toEqual([1, 2, 3]);
    expect(await late).toEqual([1, 2, 3]);
    expect(progress.items).toEqual([1, 2, 3]);
  });
});
