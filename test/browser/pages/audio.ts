import { decodeAudio, encodeWav } from "../../../src/audio";

/** What a test gets back: plain data, so it crosses the page boundary as JSON. */
export interface DecodedSummary {
  sampleRate: number;
  channels: number[][];
}

async function summarise(bytes: Uint8Array, name?: string): Promise<DecodedSummary> {
  const signal = await decodeAudio(bytes, name);
  return { sampleRate: signal.sampleRate, channels: signal.channels.map((c) => Array.from(c)) };
}

const api = {
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
