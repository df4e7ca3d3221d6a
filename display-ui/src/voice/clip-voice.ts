/**
 * Offline voice: joins the shipped word clips with the Web Audio API, scheduled back to back
 * on one clock so the sentence has no gaps from file loading. Clips are fetched and decoded
 * once (about 50 small files) and kept, so calls still sound after the server goes away.
 */
import type { Announcement } from './announcement';
import { VoiceBlockedError, type Voice } from './announcer';

/** Pause before a token, in seconds: a breath after the chime and before "silakan menuju". */
export function gapBefore(token: string, previous: string | undefined): number {
  if (previous === undefined) return 0;
  if (previous === 'chime') return 0.15;
  if (token === 'silakan-menuju') return 0.35;
  if (previous === 'nomor-antrean') return 0.12;
  return 0.05;
}

const RESUME_WAIT_MS = 400;
/** Extra time allowed past the scheduled end before the watchdog moves the queue on. */
const WATCHDOG_SLACK_MS = 1500;

export class ClipVoice implements Voice {
  readonly mode = 'clips' as const;
  private ctx: AudioContext | null = null;
  private readonly buffers = new Map<string, Promise<AudioBuffer | null>>();

  constructor(private readonly baseUrl: string) {}

  private context(): AudioContext {
    this.ctx ??= new AudioContext({ latencyHint: 'playback' });
    return this.ctx;
  }

  /** Whether the browser lets this page play now; tries to resume once without a gesture. */
  async canPlay(): Promise<boolean> {
    const ctx = this.context();
    if (ctx.state === 'running') return true;
    if (ctx.state === 'closed') return false;
    await Promise.race([ctx.resume().catch(() => undefined), new Promise((r) => setTimeout(r, RESUME_WAIT_MS))]);
    return (ctx.state as AudioContextState) === 'running';
  }

  /** Called from a tap or key press: the gesture the autoplay policy waits for. */
  async unlock(): Promise<boolean> {
    const ctx = this.context();
    await ctx.resume().catch(() => undefined);
    return ctx.state === 'running';
  }

  /** Fetches and decodes clips ahead of the first call. */
  preload(tokens: readonly string[]): Promise<unknown> {
    return Promise.all(tokens.map((t) => this.load(t)));
  }

  private load(token: string): Promise<AudioBuffer | null> {
    let p = this.buffers.get(token);
    if (!p) {
      p = fetch(`${this.baseUrl}audio/${token}.ogg`)
        .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`clip ${token}: HTTP ${r.status}`))))
        .then((data) => this.context().decodeAudioData(data))
        .catch(() => {
          // Not cached: the next call tries again (server back, file fixed).
          this.buffers.delete(token);
          return null;
        });
      this.buffers.set(token, p);
    }
    return p;
  }

  async play(a: Announcement): Promise<void> {
    await this.playTokens(a.tokens);
  }

  /** Plays clips in order and resolves when the last one has finished. */
  async playTokens(tokens: readonly string[]): Promise<void> {
    if (!(await this.canPlay())) throw new VoiceBlockedError();
    const ctx = this.context();
    const clips = await Promise.all(tokens.map((t) => this.load(t)));
    if (clips.every((c) => c === null)) throw new Error(`no clip could be loaded for: ${tokens.join(' ')}`);
    const sources: AudioBufferSourceNode[] = [];
    let at = ctx.currentTime + 0.05;
    let prev: string | undefined;
    tokens.forEach((token, i) => {
      const buf = clips[i];
      if (!buf) return;
      at += gapBefore(token, prev);
      const src = ctx.createBufferSource();
      src.buffer = buf;
      src.connect(ctx.destination);
      src.start(at);
      sources.push(src);
      at += buf.duration;
      prev = token;
    });
    const last = sources.at(-1);
    const totalMs = (at - ctx.currentTime) * 1000;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(watchdog);
        resolve();
      };
      // If the audio clock stalls (device lost), the queue must still move on.
      const watchdog = setTimeout(done, totalMs + WATCHDOG_SLACK_MS);
      if (last) last.onended = done;
      else done();
    });
    for (const s of sources) {
      s.onended = null;
      s.disconnect();
    }
  }

  close(): void {
    void this.ctx?.close().catch(() => undefined);
    this.ctx = null;
    this.buffers.clear();
  }
}
