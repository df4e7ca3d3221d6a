/**
 * Wires the announcement queue to the page: one Announcer and one audio context for the life
 * of the board, voice chosen per call (speech when an Indonesian voice exists, else clips),
 * the autoplay block surfaced so the board can ask for a tap.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallEvent, Counter, VenueSettings } from '@antre/server/contract';
import { CLIP_TOKENS, announce } from './announcement';
import { Announcer, type AnnouncementRecord, type Voice } from './announcer';
import { ClipVoice } from './clip-voice';
import { SpeechVoice, findIndonesianVoice } from './speech-voice';
import { callKey } from '../live/live-state';

declare global {
  interface Window {
    /** The announcement log, for browser tests and for a technician's console. */
    __antreAnnouncements?: AnnouncementRecord[];
  }
}

export type VoicePreference = 'auto' | 'clips' | 'speech';

export interface AnnouncerHandle {
  /** Queues the spoken call for a CallEvent (once per call; recalls are their own call). */
  say(call: CallEvent, counter: Pick<Counter, 'name' | 'spokenName'>, mode: VenueSettings['spokenNumbers']): void;
  blocked: boolean;
  /** To be called from a user gesture. */
  unlock(): void;
}

/** One announcer for the page's lifetime, torn down with the board. */
export function useAnnouncer(preference: VoicePreference): AnnouncerHandle {
  const ref = useRef<{ announcer: Announcer; clips: ClipVoice } | null>(null);
  const [blocked, setBlocked] = useState(false);

  useEffect(() => {
    const base = import.meta.env.BASE_URL;
    const clips = new ClipVoice(base);
    const synth = typeof speechSynthesis === 'undefined' ? null : speechSynthesis;
    let speech: SpeechVoice | undefined;
    const pickVoice = (): Voice => {
      if (preference === 'clips' || !synth) return clips;
      const voices = synth.getVoices();
      const i = findIndonesianVoice(voices);
      const v = voices[i];
      if (!v) return clips;
      if (speech?.voice !== v) speech = new SpeechVoice(synth, v, clips);
      return speech;
    };
    const announcer = new Announcer({ pickVoice });
    ref.current = { announcer, clips };
    window.__antreAnnouncements = announcer.log;
    const off = announcer.onBlocked(setBlocked);
    // Some browsers fill the voice list late; asking once starts the load.
    synth?.getVoices();
    // Clips load a moment after start, so the board's own data goes first on a busy network.
    const preload = setTimeout(() => void clips.preload(CLIP_TOKENS), 1500);
    let alive = true;
    clips.canPlay().then(
      (ok) => {
        if (alive && !ok) announcer.setBlocked(true);
      },
      () => undefined, // no audio at all: each call will record its failure and the board goes on
    );
    return () => {
      alive = false;
      clearTimeout(preload);
      off();
      announcer.dispose();
      clips.close();
      synth?.cancel();
      ref.current = null;
      if (window.__antreAnnouncements === announcer.log) delete window.__antreAnnouncements;
    };
  }, [preference]);

  const say = useCallback<AnnouncerHandle['say']>((call, counter, mode) => {
    const r = ref.current;
    if (!r) return;
    r.announcer.enqueue(callKey(call), { number: call.number, counterId: call.counterId, recall: call.recall }, announce(call, counter, mode));
  }, []);

  const unlock = useCallback(() => {
    const r = ref.current;
    if (!r) return;
    r.clips.unlock().then(
      (ok) => {
        if (ok) r.announcer.setBlocked(false);
      },
      () => undefined,
    );
  }, []);

  return { say, blocked, unlock };
}
