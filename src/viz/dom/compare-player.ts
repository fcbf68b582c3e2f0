import { encodeWav, frameCount, type AudioSignal } from "../../audio";
import { formatPeak, signalPeak } from "../waveform";

/**
 * Listening across a comparison grid. One transport per grid: one cell plays at a time, and starting
 * another cell starts it where the last one was, so switching estimates mid-phrase is an A/B test by
 * ear. Every thumbnail carries a playhead at the shared time. Audio is encoded (float WAV, at its true
 * level: never normalised) only when a cell is first played, so a large grid costs nothing until heard.
 */
export class CompareTransport {
  /** Seconds into the song where the next play starts. */
  time = 0;
  private playing: CellPlayer | undefined;
  private readonly playheads: HTMLElement[] = [];
  private readonly players: CellPlayer[] = [];
  private frame = 0;

  constructor(private readonly seconds: number) {}

  /** A compact player for one cell, with a playhead over `thumbnail` (which must be position: relative). */
  cell(audio: AudioSignal, thumbnail: HTMLElement): CellPlayer {
    const head = document.createElement("div");
    head.className = "viz-compare-playhead";
    head.hidden = true;
    thumbnail.append(head);
    this.playheads.push(head);
    const player = new CellPlayer(audio, this);
    this.players.push(player);
    // Clicking a picture plays that estimate from the clicked moment.
    thumbnail.addEventListener("click", (e) => {
      const box = thumbnail.getBoundingClientRect();
      this.seek(((e.clientX - box.left) / box.width) * this.seconds);
      void this.start(player);
    });
    return player;
  }

  seek(time: number): void {
    this.time = Math.min(this.seconds, Math.max(0, time));
    this.playing?.seekTo(this.time);
    this.draw();
  }

  async start(player: CellPlayer): Promise<void> {
    if (this.playing && this.playing !== player) {
      this.time = this.playing.currentTime();
      this.playing.stop();
    }
    if (this.time >= this.seconds - 0.05) this.time = 0;
    this.playing = player;
    // Show it playing at once: audio.play() resolves only when sound starts, which can take a while.
    this.draw();
    await player.playFrom(this.time);
    this.tick();
  }

  pause(player: CellPlayer): void {
    if (this.playing !== player) return;
    this.time = player.currentTime();
    player.stop();
    this.playing = undefined;
    this.draw();
  }

  /** Called by a player whose audio ended or failed. */
  stopped(player: CellPlayer, time: number): void {
    if (this.playing !== player) return;
    this.playing = undefined;
    this.time = time;
    this.draw();
  }

  private tick = (): void => {
    cancelAnimationFrame(this.frame);
    if (!this.playing) return;
    this.time = this.playing.currentTime();
    this.draw();
    this.frame = requestAnimationFrame(this.tick);
  };

  /** Stops playback and frees every cell's audio (the output was cleared or the cell re-ran). */
  dispose(): void {
    cancelAnimationFrame(this.frame);
    this.playing = undefined;
    for (const p of this.players) p.dispose();
  }

  private draw(): void {
    const shown = this.time > 0 || this.playing !== undefined;
    const left = `${(100 * this.time) / this.seconds}%`;
    for (const head of this.playheads) {
      head.hidden = !shown;
      head.style.left = left;
    }
    for (const p of this.players) p.showTime(this.time, p === this.playing);
  }
}

export class CellPlayer {
  readonly element: HTMLElement;
  private readonly button: HTMLButtonElement;
  private readonly clock: HTMLElement;
  private audio: HTMLAudioElement | undefined;
  private readonly seconds: number;

  constructor(private readonly signal: AudioSignal, private readonly transport: CompareTransport) {
    this.seconds = frameCount(signal) / signal.sampleRate;
    this.element = document.createElement("div");
    this.element.className = "viz-compare-player";
    this.button = document.createElement("button");
    this.button.className = "small";
    this.button.type = "button";
    this.button.textContent = "▶";
    this.button.title = "Play this estimate (from where the last one stopped)";
    this.button.addEventListener("click", () => (this.audio && !this.audio.paused ? transport.pause(this) : void transport.start(this)));
    this.clock = document.createElement("span");
    this.clock.className = "viz-compare-clock";
    const peak = document.createElement("span");
    peak.className = "viz-compare-peak";
    peak.textContent = `peak ${formatPeak(signalPeak(signal.channels))}`;
    peak.title = "Highest sample level; the player plays at this true level, never normalised";
    this.element.append(this.button, this.clock, peak);
    this.showTime(0, false);
  }

  currentTime(): number {
    return this.audio?.currentTime ?? 0;
  }

  seekTo(time: number): void {
    if (this.audio) this.audio.currentTime = time;
  }

  async playFrom(time: number): Promise<void> {
    const audio = this.ensureAudio();
    audio.currentTime = time;
    this.element.classList.remove("failed");
    try {
      await audio.play();
    } catch (e) {
      this.element.classList.add("failed");
      this.button.title = `Could not play: ${(e as Error).message}`;
      this.transport.stopped(this, time);
    }
  }

  stop(): void {
    this.audio?.pause();
  }

  /** Pauses and gives back the WAV's object URL (a 3-minute float WAV holds ~60 MB per cell). */
  dispose(): void {
    if (!this.audio) return;
    this.audio.pause();
    URL.revokeObjectURL(this.audio.src);
    this.audio.removeAttribute("src");
    this.audio.remove();
    this.audio = undefined;
  }

  showTime(time: number, playing: boolean): void {
    this.button.textContent = playing ? "❚❚" : "▶";
    this.clock.textContent = `${clock(playing ? time : this.transport.time)} / ${clock(this.seconds)}`;
  }

  private ensureAudio(): HTMLAudioElement {
    if (this.audio) return this.audio;
    const audio = document.createElement("audio");
    audio.hidden = true;
    audio.preload = "auto";
    audio.src = URL.createObjectURL(new Blob([encodeWav(this.signal, "float32") as BlobPart], { type: "audio/wav" }));
    audio.addEventListener("ended", () => this.transport.stopped(this, 0));
    this.element.append(audio);
    this.audio = audio;
    return audio;
  }
}

/** m:ss */
export function clock(seconds: number): string {
  const s = Math.floor(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

