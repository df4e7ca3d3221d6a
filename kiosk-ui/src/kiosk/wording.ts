import type { QueueInfo, Service } from '@antre/server/contract';
import type { Lang, T } from '../shared/i18n';
import type { PublicVenue } from '../shared/venue-types';
import { clock } from '../shared/format';
import { describeWhen, reopensAt } from './availability';

export { clock, estimateText } from '../shared/format';

/** Why a service cannot be taken now, in one short line. */
export function reasonText(t: T, q: QueueInfo): string {
  const base = t(`reason_${q.reason}`);
  // The supervisor's own words (e.g. "Blangko habis") say more than "closed today".
  return q.reason === 'closed_today' && q.closedReason ? `${base}: ${q.closedReason}` : base;
}

/** When the service takes tickets again, or who to ask when nobody can know. */
export function reopenText(t: T, lang: Lang, venue: PublicVenue, service: Service, q: QueueInfo, now: number): string {
  const at = reopensAt(venue, service, q, now);
  if (at === null) return t('opensAskStaff');
  const w = describeWhen(at, now, venue.timeZone);
  const time = `${clock(w.time, lang)} ${venue.timeZoneLabel}`;
  if (w.kind === 'today') return t('opensToday', { time });
  if (w.kind === 'tomorrow') return t('opensTomorrow', { time });
  return t('opensOn', { day: t(`day_${w.weekday}`), time });
}
