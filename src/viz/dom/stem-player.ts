/**
 * Several stems played in sync through Web Audio: one AudioBufferSourceNode per stem, all started
 * with the same `when` on the context's clock (sample-accurate, unlike several <audio> elements,
 * which drift), each through its own GainNode. Stems play at gain 1 or 0: never rescaled.
 */
export interface PlayerStem {
  name: string;
  sampleRate: number;
  channels: Float32Array[];
}

/** What a test or a status line can read about the player. */
export interface PlayerState {
  playing: boolean;
  /** Seconds into the stems. */
  position: number;
  /** The audio clock now, and the clock time and offset the sources were started at. */
  contextTime: number;
  startedAt: number | null;
  startOffset: number;
  /** Every source of the last play started at this clock time (one entry per stem). */
  sourceStarts: number[];
  /** The GainNodes' current values. */
  gains: Record<string, number>;
}

let shared: AudioContext | undefined;

/** One AudioContext for every player on the page: browsers limit how many can be open. */
export function sharedAudioContext(): AudioContext {
  shared ??= new AudioContext();
  return shared;
}

/** Scheduling this far ahead lets every source start on the same sample even if the page is busy. */
const LEAD = 0.05;

export class StemPlayer {
  readonly duration: number;
  private context: BaseAudioContext | undefined;
  private buffers = new Map<string, AudioBuffer>();
  private gainNodes = new Map<string, GainNode>();
  private sources: AudioBufferSourceNode[] = [];
  private starts: number[] = [];
  private startedAt: number | null = null;
  private offset = 0;
  private wanted: Record<string, number>;

  /** `context` defaults to a shared AudioContext made on first play (a user gesture); tests may pass an OfflineAudioContext. */
  constructor(
    private readonly stems: PlayerStem[],
    private readonly makeContext: () => BaseAudioContext = sharedAudioContext,
  ) {
    this.duration = Math.max(...stems.map((s) => s.channels[0].length / s.sampleRate));
    this.wanted = Object.fromEntries(stems.map((s) => [s.name, 1]));
  }

  get playing(): boolean {
    return this.startedAt !== null;
  }

  position(): number {
    if (this.startedAt === null || !this.context) return this.offset;
    return Math.min(this.duration, this.offset + Math.max(0, this.context.currentTime - this.startedAt));
  }

  /** Starts every stem at the current position, on one clock time. */
  async play(): Promise<void> {
    if (this.playing) return;
    const ctx = this.ensureContext();
    if (ctx instanceof AudioContext && ctx.state !== "running") await ctx.resume();
    if (!this.playing) this.start(ctx);
  }

  private start(ctx: BaseAudioContext): void {
    if (this.offset >= this.duration) this.offset = 0;
    const when = ctx.currentTime + (ctx instanceof AudioContext ? LEAD : 0);
    this.sources = [];
    this.starts = [];
    for (const stem of this.stems) {
      const source = ctx.createBufferSource();
      source.buffer = this.buffers.get(stem.name)!;
      source.connect(this.gainNodes.get(stem.name)!);
      const length = stem.channels[0].length / stem.sampleRate;
      if (this.offset < length) {
        source.start(when, this.offset);
        this.starts.push(when);
      }
      this.sources.push(source);
    }
    this.startedAt = when;
  }

  pause(): void {
    if (!this.playing) return;
    this.offset = this.position();
    this.stopSources();
  }

  /** Moves to `seconds`; while playing, the stems restart there together without a gap in `playing`. */
  seek(seconds: number): void {
    const to = Math.min(this.duration, Math.max(0, seconds));
    const playing = this.playing;
    if (playing) this.stopSources();
    this.offset = to;
    if (playing && this.context) this.start(this.context);
  }

  /** Stops at the end: call from the animation loop when position() reaches the duration. */
  finishIfEnded(): boolean {
    if (this.playing && this.position() >= this.duration) {
      this.stopSources();
      this.offset = this.duration;
      return true;
    }
    return false;
  }

  setGains(gains: Record<string, number>): void {
    Object.assign(this.wanted, gains);
    if (!this.context) return;
    for (const [name, g] of Object.entries(gains)) {
      const param = this.gainNodes.get(name)?.gain;
      if (!param) continue;
      if (this.playing) {
        // A 5 ms glide: an instant jump mid-waveform clicks.
        param.cancelScheduledValues(this.context.currentTime);
        param.setTargetAtTime(g, this.context.currentTime, 0.005);
      } else {
        param.cancelScheduledValues(0);
        param.value = g;
      }
    }
  }

  state(): PlayerState {
    const gains: Record<string, number> = {};
    for (const s of this.stems) gains[s.name] = this.gainNodes.get(s.name)?.gain.value ?? this.wanted[s.name];
    return {
      playing: this.playing,
      position: this.position(),
      contextTime: this.context?.currentTime ?? 0,
      startedAt: this.startedAt,
      startOffset: this.offset,
      sourceStarts: [...this.starts],
      gains,
    };
  }

  dispose(): void {
    this.stopSources();
    for (const g of this.gainNodes.values()) g.disconnect();
    this.gainNodes.clear();
    this.buffers.clear();
    this.context = undefined;
  }

  private ensureContext(): BaseAudioContext {
    if (this.context) return this.context;
    const ctx = this.makeContext();
    for (const stem of this.stems) {
      const buffer = ctx.createBuffer(stem.channels.length, stem.channels[0].length, stem.sampleRate);
      stem.channels.forEach((c, i) => buffer.getChannelData(i).set(c));
      this.buffers.set(stem.name, buffer);
      const gain = ctx.createGain();
      gain.gain.value = this.wanted[stem.name];
      gain.connect(ctx.destination);
      this.gainNodes.set(stem.name, gain);
    }
    this.context = ctx;
    return ctx;
  }

  private stopSources(): void {
    for (const s of this.sources) {
      try {
        s.stop();
      } catch {
        // never started (the stem ended before the offset)
      }
      s.disconnect();
    }
    this.sources = [];
    this.startedAt = null;
  }
}
