import { localTime, type LocalizedText } from '@antre/server/contract';
import { pick, type Lang } from '../shared/i18n';
import { S } from './texts';

/** A duration as staff read it: "12 mnt", "1 j 5 mnt". */
export function duration(ms: number, lang: Lang): string {
  const total = Math.max(0, Math.floor(ms / 60000));
  if (total < 60) return pick(S.minutes, lang, { n: total });
  return pick(S.hoursMinutes, lang, { h: Math.floor(total / 60), m: total % 60 });
}

/** Minutes (possibly fractional, possibly unknown) from a report or an estimate. */
export function minutesText(m: number | null, lang: Lang): string {
  return m === null ? '—' : pick(S.minutes, lang, { n: Number.isInteger(m) ? m : m.toFixed(1) });
}

/** Local HH:MM of an instant in the venue's zone. */
export function clock(t: number, tz: string): string {
  return localTime(t, tz);
}

/** A text in the screen language. */
export function tr(text: LocalizedText, lang: Lang, vars?: Record<string, string | number>): string {
  return pick(text, lang, vars);
}

/** The per-field lines a 400 carries in details.problems (venue, announcements, users...). */
export function problemsOf(e: unknown): string[] {
  const d = (e as { details?: { problems?: unknown } } | null)?.details;
  return Array.isArray(d?.problems) ? d.problems.filter((p): p is string => typeof p === 'string') : [];
}
