import { join, resolve } from "node:path";
import { note, parseCommandArgs, UsageError, type Command } from "../command";
import { help } from "./oracle";

export const dataCommand: Command = {
  name: "data",
  summary: "generate synthetic songs (vocals + band, separate stems) as MUSDB-style track folders",
  usage: `demix data generate --out DIR [--songs N] [--seconds S] [--seed N] [--rate HZ] [--stereo] [--stems]
                     [--format float32|pcm16] [--singers pop|wide] [--band pop|wide]

  --out DIR      where to write DIR/song-<seed>/ folders and DIR/manifest.json
  --songs N      how many songs (default 1); seeds run from --seed upward
  --seconds S    length of each song (default 30)
  --seed N       first seed (default 1); the same seed always gives the same song, bit for bit
  --rate HZ      sample rate (default 44100; 8192 is the model's rate and fastest)
  --stereo       two channels, instruments panned, vocals centred (default mono)
  --stems        also write each instrument (drums, bass, keys, plucked, bowed .wav)
  --format F     float32 (default) or pcm16: half the size, and no mixture.wav (16-bit rounds each
                 file on its own; readers sum the stems, which keeps mixture = vocals + accompaniment)
  --singers R    pop (default): alto and tenor ranges, sung. wide: also contralto, soprano, baritone
                 and bass ranges, and spoken/rapped lines in 40 % of songs (voices down to ~85 Hz)
  --band B       pop (default). wide: in half the songs a pure-sine bass (sustained or 808-style)
                 joins the synth bass, at 55–150 Hz where deep voices sit

Each folder holds mixture.wav, vocals.wav and accompaniment.wav (32-bit float, so the two stems add
up to the mixture exactly) and song.json (key, tempo, chords, form, melody). manifest.json lists the
songs with their seeds, keys, tempos and the SHA-256 of every WAV, to check a regeneration.`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, {
      out: { type: "string" },
      songs: { type: "string" },
      seconds: { type: "string" },
      seed: { type: "string" },
      rate: { type: "string" },
      stereo: { type: "boolean" },
      stems: { type: "boolean" },
      format: { type: "string" },
      singers: { type: "string" },
      band: { type: "string" },
    });
    if (values.help) return help(this);
    if (positionals[0] !== "generate" || positionals.length !== 1) throw new UsageError('the only subcommand is "generate"');
    if (!values.out) throw new UsageError("--out is required");
    const songs = whole(values.songs ?? "1", "--songs", 1, 100000);
    const first = whole(values.seed ?? "1", "--seed", 0, 2 ** 32 - songs);
    const rate = whole(values.rate ?? "44100", "--rate", 4000, 384000);
    const seconds = Number(values.seconds ?? "30");
    if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) throw new UsageError(`--seconds must be a number in (0, 3600], got "${values.seconds}"`);
    const out = resolve(values.out);
    const format = values.format ?? "float32";
    if (format !== "float32" && format !== "pcm16") throw new UsageError(`--format must be float32 or pcm16, got "${format}"`);
    const singers = values.singers ?? "pop";
    if (singers !== "pop" && singers !== "wide") throw new UsageError(`--singers must be pop or wide, got "${singers}"`);
    const band = values.band ?? "pop";
    if (band !== "pop" && band !== "wide") throw new UsageError(`--band must be pop or wide, got "${band}"`);

    const [{ generateSong }, { writeSongFolder }, { writeFileSync, mkdirSync }] = await Promise.all([
      import("../../data"),
      import("../../data/node"),
      import("node:fs"),
    ]);
    mkdirSync(out, { recursive: true });
    const started = performance.now();
    const entries = [];
    for (let k = 0; k < songs; k++) {
      const seed = first + k;
      const song = generateSong({ seed, seconds, sampleRate: rate, stereo: values.stereo ?? false, singers, band });
      const files = writeSongFolder(song, join(out, song.name), { stems: values.stems, format });
      entries.push({
        name: song.name,
        dir: song.name,
        seed,
        seconds: song.seconds,
        sampleRate: song.sampleRate,
        channels: song.mixture.channels.length,
        key: song.key,
        tempo: song.tempo,
        progression: song.progression,
        vocalLevelDb: song.vocalLevelDb,
        sha256: files,
      });
      note(`${song.name}: ${song.key}, ${song.tempo} BPM, ${song.progression.join(" ")} (${k + 1}/${songs})`);
    }
    const manifest = { generator: "demix-lab synthetic song v1", sampleFormat: format, command: commandLine(songs, seconds, first, rate, values.stereo, values.stems, format, singers, band), songs: entries };
    writeFileSync(join(out, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
    note(`wrote ${songs} song${songs === 1 ? "" : "s"} and manifest.json to ${out} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    return 0;
  },
};

/** The command that regenerates this output, so a manifest says how to check itself. */
function commandLine(songs: number, seconds: number, seed: number, rate: number, stereo?: boolean, stems?: boolean, format?: string, singers?: string, band?: string): string {
  return [
    `demix data generate --songs ${songs} --seconds ${seconds} --seed ${seed} --rate ${rate}`,
    stereo ? "--stereo" : "",
    stems ? "--stems" : "",
    format === "pcm16" ? "--format pcm16" : "",
    singers === "wide" ? "--singers wide" : "",
    band === "wide" ? "--band wide" : "",
  ]
    .filter(Boolean)
    .join(" ") + " --out DIR";
}

function whole(text: string, flag: string, min: number, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${flag} must be a whole number in [${min}, ${max}], got "${text}"`);
  return n;
}
