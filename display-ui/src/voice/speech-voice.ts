/**
 * The browser's own speech (speechSynthesis), used only when it has an Indonesian voice:
 * it reads any counter name, but on most display PCs there is no such voice, so clips are the
 * default. The chime still comes from the clip set.
 */
import type { Announcement } from './announcement';
import { VoiceBlockedError, type Voice } from './announcer';
import type { ClipVoice } from './clip-voice';

/** The Indonesian voice to use, preferring one that works offline (localService). */
export function findIndonesianVoice(voices: readonly Pick<SpeechSynthesisVoice, 'lang' | 'localService'>[]): number {
  const isId = (lang: string) => /^(id|in)([-_]|$)/i.test(lang);
  const local = voices.findIndex((v) => isId(v.lang) && v.localService);
  return local >= 0 ? local : voices.findIndex((v) => isId(v.lang));
}

export class SpeechVoice implements Voice {
  readonly mode = 'speech' as const;

  constructor(
    private readonly synth: SpeechSynthesis,
    readonly voice: SpeechSynthesisVoice,
    private readonly chime: ClipVoice,
  ) {}

  async play(a: Announcement): Promise<void> {
    await this.chime.playTokens(a.tokens.slice(0, 1));
    await new Promise<void>((resolve, reject) => {
      const u = new SpeechSynthesisUtterance(a.speech);
      u.voice = this.voice;
      u.lang = this.voice.lang;
      u.rate = 0.9;
      // Some engines never fire "end"; allow generously for the sentence, then move on.
      const watchdog = setTimeout(
        () => {
          this.synth.cancel();
          resolve();
        },
        4000 + a.speech.length * 150,
      );
      u.onend = () => {
        clearTimeout(watchdog);
        resolve();
      };
      u.onerror = (e) => {
        clearTimeout(watchdog);
        if (e.error === 'not-allowed') reject(new VoiceBlockedError());
        else if (e.error === 'interrupted' || e.error === 'canceled') resolve();
        else reject(new Error(`speech failed: ${e.error}`));
      };
      this.synth.speak(u);
    });
  }
}
