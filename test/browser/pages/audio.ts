import { decodeAudio, encodeWav } from "../../../src/audio";
import { blobStemStorage } from "../../../src/separate/long";
import { mediaBlobSource } from "../../../src/separate/media-source";
import { canWriteOpfs, opfsStemStorage } from "../../../src/separate/opfs-stems";

/** What a test gets back: plain data, so it crosses the page boundary as JSON. */
export interface DecodedSummary {
  sampleRate: number;
  channels: number[][];
}

async function summarise(bytes: Uint8Array, name?: string): Promise<DecodedSummary> {
  const signal = await decodeAudio(bytes, name);
  return { sampleRate: signal.sampleRate, channels: signal.channels.map((c) => Array.from(c)) };
}

/** What streaming a file gave, against decoding it whole and against the analytic source. */
export interface StreamSummary {
  sampleRate: number;
  channelCount: number;
  frames: number;
  /** Frames decodeAudio (Web Audio, whole file) returned. */
  wholeFrames: number;
  /** Largest difference between chunked reads (with the preroll) and one read of everything. */
  chunkedVsOneRead: number;
  /** Lag (frames) at which the streamed audio best matches decodeAudio's, and the SNR there (dB). */
  lagVsWhole: number;
  snrVsWhole: number;
  /** The same against the chirps the fixture was encoded from (scripts/fixtures/stream_files.sh). */
  lagVsSource: number;
  snrVsSource: number;
}

/** SNR (dB) of `x` against `ref` shifted by each lag in ±maxLag over [from, to); the best lag wins. */
function bestLag(x: Float32Array, ref: (i: number) => number, from: number, to: number, maxLag: number): { lag: number; snr: number } {
  let best = { lag: 0, snr: -Infinity };
  for (let lag = -maxLag; lag <= maxLag; lag++) {
    let signal = 0, noise = 0;
    for (let i = from; i < to; i++) {
      const r = ref(i - lag);
      signal += r * r;
      noise += (x[i] - r) ** 2;
    }
    const snr = 10 * Math.log10(signal / noise);
    if (snr > best.snr) best = { lag, snr };
  }
  return best;
}

const chirp = (rate: number, channel: number) => (i: number) => {
  const t = i / rate;
  return channel === 0 ? 0.4 * Math.sin(2 * Math.PI * (200 * t + 150 * t * t)) : 0.4 * Math.sin(2 * Math.PI * (300 * t + 100 * t * t));
};

const api = {
  /** The same pieces through OPFS files and through Blobs: whether the bytes agree, written twice over (a rerun overwrites). */
  async opfsStems(): Promise<{ opfs: boolean; same: boolean[]; sizes: number[] }> {
    const opfs = await canWriteOpfs();
    const same: boolean[] = [];
    const sizes: number[] = [];
    for (const n of [5, 3]) {
      const pieces = Array.from({ length: n }, (_, k) => Uint8Array.from({ length: 1000 + 17 * k }, (_, i) => (i * 7 + k) & 0xff));
      const files = await Promise.all([opfsStemStorage("test")("vocals"), blobStemStorage("vocals")]);
      for (const p of pieces) for (const f of files) await f.write(p);
      const [a, b] = await Promise.all(files.map(async (f) => new Uint8Array(await (await f.finish()).arrayBuffer())));
      same.push(a.length === b.length && a.every((v, i) => v === b[i]));
      sizes.push(a.length);
    }
    return { opfs, same, sizes };
  },

  /** Streams a served file with mediaBlobSource: in chunks of `chunk` frames (overlapping by a quarter) and in one read. */
  async streamUrl(url: string, name: string, chunk: number): Promise<StreamSummary> {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    const blob = await response.blob();
    const source = await mediaBlobSource(blob, name);
    const { sampleRate, channelCount, frames } = source;
    const all = await source.read(0, frames);
    let chunkedVsOneRead = 0;
    for (let start = 0; start < frames; start += Math.floor((3 * chunk) / 4)) {
      const piece = await source.read(start, chunk);
      piece.forEach((p, c) => p.forEach((v, i) => (chunkedVsOneRead = Math.max(chunkedVsOneRead, Math.abs(v - all[c][start + i])))));
    }
    source.close();
    const whole = await decodeAudio(new Uint8Array(await blob.arrayBuffer()), name);
    const from = Math.floor(frames / 2), to = from + Math.floor(sampleRate / 2);
    const vsWhole = bestLag(all[0], (i) => whole.channels[0][i] ?? 0, from, to, 2400);
    const vsSource = bestLag(all[0], chirp(sampleRate, 0), from, to, 2400);
    return { sampleRate, channelCount, frames, wholeFrames: whole.channels[0].length, chunkedVsOneRead, lagVsWhole: vsWhole.lag, snrVsWhole: vsWhole.snr, lagVsSource: vsSource.lag, snrVsSource: vsSource.snr };
  },

  /** Fetches a file served by the dev server and decodes it. */
  async decodeUrl(url: string, name?: string): Promise<DecodedSummary> {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return summarise(new Uint8Array(await response.arrayBuffer()), name);
  },
  /** Encodes a signal as WAV in the page and decodes it again. */
  async wavRoundTrip(sampleRate: number, channels: number[][]): Promise<DecodedSummary> {
    return summarise(encodeWav({ sampleRate, channels: channels.map((c) => Float32Array.from(c)) }, "pcm16"), "tone.wav");
  },
  /** Decodes raw bytes and returns the error message, or "" when it decoded. */
  async decodeError(bytes: number[], name?: string): Promise<string> {
    try {
      await decodeAudio(Uint8Array.from(bytes), name);
      return "";
    } catch (e) {
      return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    }
  },
};

declare global {
  interface Window {
    demixAudio: typeof api;
  }
}
window.demixAudio = api;
document.body.dataset.ready = "true";
