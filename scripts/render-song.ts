/**
 * Renders one generated song to a track folder and times it, for listening and for looking at its
 * spectrogram (`sox DIR/vocals.wav -n spectrogram -o spec.png`).
 * usage: tsx scripts/render-song.ts SEED SECONDS [RATE] [stereo] [OUT]
 */
import { generateSong } from "../src/data";
import { writeSongFolder } from "../src/data/node";

const [seed = "1", seconds = "30", rate = "44100", stereo = "", out = "out/songs"] = process.argv.slice(2);
const started = performance.now();
const song = generateSong({ seed: Number(seed), seconds: Number(seconds), sampleRate: Number(rate), stereo: stereo === "stereo" });
const ms = performance.now() - started;
writeSongFolder(song, `${out}/${song.name}`, { stems: true });
console.log(`${song.name}: ${song.key}, ${song.tempo} BPM, ${song.progression.join(" ")}, ${song.singer.voice} — rendered in ${ms.toFixed(0)} ms`);
console.log(song.sections.map((s) => `${s.name}@${s.start.toFixed(1)}s ${s.chords.join(" ")}`).join("\n"));
