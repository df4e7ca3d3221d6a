import { localTime } from '@antre/server/contract';
import { pick, type Lang } from '@antre/counter-ui/shared/i18n';
import { duration } from '@antre/counter-ui/supervisor/format';
import { H } from '../texts';

/** The hub's pages show times in WITA: the province's sites are all on Asia/Makassar. */
export const HUB_TZ = 'Asia/Makassar';

/** HH:MM on the hub's pages. */
export function hubTime(t: number): string {
  return localTime(t, HUB_TZ);
}

/** A span in seconds as staff read it: "4 dtk" under a minute, else "3 mnt", "1 j 5 mnt". */
export function spanText(seconds: number, lang: Lang): string {
  const s = Math.abs(seconds);
  return s < 60 ? pick(H.seconds, lang, { n: Math.round(s) }) : duration(s * 1000, lang);
}

/** A clock skew in ms with its sign (site ahead is +). */
export function skewText(ms: number, lang: Lang): string {
  return `${ms >= 0 ? '+' : '−'}${spanText(ms / 1000, lang)}`;
}

/** How long ago a site was last heard from: "baru saja" under 5 s, else "terakhir 12 dtk lalu". */
export function seenText(now: number, lastSeenAt: number, lang: Lang): string {
  return now - lastSeenAt < 5000 ? pick(H.seenJust, lang) : pick(H.seenAgo, lang, { d: spanText((now - lastSeenAt) / 1000, lang) });
}

/** Minutes as a bare figure (the unit is in the label): 18, 6.5, or — when unknown. */
export function minutesFigure(m: number | null): string {
  return m === null ? '—' : String(Math.round(m * 10) / 10);
}
