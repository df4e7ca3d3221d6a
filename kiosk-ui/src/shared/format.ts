import { localTime } from '@antre/server/contract';
import type { Lang, T } from './i18n';

/** Clock time as each language writes it (Indonesian uses a dot: 08.00). */
export function clock(hhmm: string, lang: Lang): string {
  return lang === 'id' ? hhmm.replace(':', '.') : hhmm;
}

/** The estimate as a visitor reads it: minutes, "soon", or honestly unknown. */
export function estimateText(t: T, minutes: number | null): string {
  if (minutes === null) return t('estimateUnknown');
  if (minutes < 1) return t('estimateSoon');
  return t('estimateMinutes', { n: Math.round(minutes) });
}

/** When a service taken before its counter opened will start: a time, or "shortly" once that time passed. */
export function startsText(t: T, lang: Lang, startsAt: number | null, now: number, tz: string, tzLabel: string): string | null {
  if (startsAt === null) return null;
  if (startsAt <= now) return t('serviceStartsSoon');
  return t('serviceStartsAt', { time: `${clock(localTime(startsAt, tz), lang)} ${tzLabel}` });
}
