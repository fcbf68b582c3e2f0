import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { NOTEBOOK_MAX_BYTES, readNotebookFile } from "../../../src/app/notebook-file";

const file = (name: string, bytes: Uint8Array<ArrayBuffer> | string) => Object.assign(new Blob([bytes]), { name });

describe("reading a file chosen as a notebook", () => {
  it("returns a notebook's text as it is", async () => {
    const text = readFileSync("notebooks/01-song-to-masks.ts", "utf8");
    expect(await readNotebookFile(file("01.ts", text))).toBe(text);
  });

  it("names an audio file for what it is and says where it belongs", async () => {
    const wav = new Uint8Array(readFileSync("datasets/songs/song-100/vocals.wav"));
    await expect(readNotebookFile(file("song.wav", wav))).rejects.toThrow(/song\.wav is a WAV file, not a notebook: open it with "Separate a song" or "Inspect audio"/);
    const mp3 = new Uint8Array(readFileSync("test/fixtures/audio/stream/chirp_44100_stereo.mp3"));
    await expect(readNotebookFile(file("a.mp3", mp3))).rejects.toThrow(/a\.mp3 is an MP3 file, not a notebook/);
  });

  it("refuses empty, binary, non-UTF-8 and oversized files with a reason", async () => {
    await expect(readNotebookFile(file("e.ts", ""))).rejects.toThrow(/e\.ts is empty/);
    await expect(readNotebookFile(file("w.ts", " \n\t\n"))).rejects.toThrow(/w\.ts is empty/);
    await expect(readNotebookFile(file("b.ts", new Uint8Array([0x63, 0x6f, 0x6e, 0x00, 0x01])))).rejects.toThrow(/b\.ts is a binary file/);
    await expect(readNotebookFile(file("l.ts", new Uint8Array([0x63, 0xff, 0xfe, 0x41])))).rejects.toThrow(/l\.ts is not text \(it is not valid UTF-8\)/);
    await expect(readNotebookFile(file("big.ts", "x".repeat(NOTEBOOK_MAX_BYTES + 1)))).rejects.toThrow(/big\.ts is 2\.0 MB, too big to be a notebook/);
  });
});
