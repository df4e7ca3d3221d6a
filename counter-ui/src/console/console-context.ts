import { createContext, useContext } from 'react';
import type { LocalizedText } from '@antre/server/contract';
import { pick, type Lang } from '../shared/i18n';
import { T } from './texts';
import type { VenueView } from './use-venue';

export interface ConsoleEnv {
  lang: Lang;
  venue: VenueView;
  /** A dictionary entry in the current language. */
  t: (key: keyof typeof T, vars?: Record<string, string | number>) => string;
  /** Any bilingual text (server messages, action captions) in the current language. */
  tx: (text: LocalizedText, vars?: Record<string, string | number>) => string;
  serviceName: (serviceId: string) => string;
  servicePrefix: (serviceId: string) => string;
  counterName: (counterId: string) => string;
}

/** Builds the language and venue helpers every console component reads. */
export function makeEnv(lang: Lang, venue: VenueView): ConsoleEnv {
  const services = new Map(venue.services.map((s) => [s.id, s]));
  const counters = new Map(venue.counters.map((c) => [c.id, c]));
  return {
    lang,
    venue,
    t: (key, vars) => pick(T[key], lang, vars),
    tx: (text, vars) => pick(text, lang, vars),
    serviceName: (id) => {
      const s = services.get(id);
      return s ? (lang === 'en' && s.nameEn ? s.nameEn : s.name) : id;
    },
    servicePrefix: (id) => services.get(id)?.prefix ?? '?',
    counterName: (id) => counters.get(id)?.name ?? id,
  };
}

export const ConsoleContext = createContext<ConsoleEnv | null>(null);

/** The console's language and venue helpers (inside ConsoleContext). */
export function useEnv(): ConsoleEnv {
  const env = useContext(ConsoleContext);
  if (!env) throw new Error('useEnv outside ConsoleContext');
  return env;
}
