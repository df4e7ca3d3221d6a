import type { Slot } from '@antre/server/contract';
import type { Lang, T } from '../shared/i18n';

const DAYS_ID = ['Min', 'Sen', 'Sel', 'Rab', 'Kam', 'Jum', 'Sab'];
const DAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS_ID = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 2026-11-25 as "Rab 25 Nov" (a calendar date: no time zone involved). */
export function dayLabel(day: string, lang: Lang): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${(lang === 'en' ? DAYS_EN : DAYS_ID)[wd]} ${d} ${(lang === 'en' ? MONTHS_EN : MONTHS_ID)[m - 1]}`;
}

/** Day chips, then the day's slots with the places left. */
export function SlotPicker({
  t,
  lang,
  days,
  day,
  slots,
  time,
  onDay,
  onTime,
}: {
  t: T;
  lang: Lang;
  days: string[];
  day: string | null;
  slots: Slot[] | null;
  time: string | null;
  onDay: (d: string) => void;
  onTime: (t: string) => void;
}) {
  return (
    <>
      <div className="bk-chips" role="group" aria-label={t('bkDay')}>
        {days.map((d) => (
          <button type="button" key={d} className={`bk-chip${d === day ? ' is-on' : ''}`} data-day={d} onClick={() => onDay(d)}>
            {dayLabel(d, lang)}
          </button>
        ))}
      </div>
      {day &&
        slots &&
        (slots.some((s) => s.left > 0) ? (
          <div className="bk-slots" role="group" aria-label={t('bkTime')}>
            {slots.map((s) => (
              <button
                type="button"
                key={s.time}
                className={`bk-slot${s.time === time ? ' is-on' : ''}`}
                data-time={s.time}
                disabled={s.left <= 0}
                onClick={() => onTime(s.time)}
              >
                <b>{s.time}</b>
                <span>{s.left > 0 ? t('bkLeft', { n: s.left }) : t('bkFull')}</span>
              </button>
            ))}
          </div>
        ) : (
          <p className="bk-note">{t('bkNoSlots')}</p>
        ))}
    </>
  );
}

/** The code, its QR, and what to do at the kiosk. */
export function CodeCard({ t, code, qrSvg, when, before, after }: { t: T; code: string; qrSvg?: string; when: string; before: number; after: number }) {
  return (
    <section className="bk-card bk-code-card" data-testid="bk-code-card">
      <p className="bk-label">{t('bkYourCode')}</p>
      <p className="bk-code" data-testid="bk-code">
        {code}
      </p>
      {qrSvg && <img className="bk-qr" alt={code} src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(qrSvg)}`} />}
      <p className="bk-when">{when}</p>
      <p className="bk-howto">{t('bkHowCheckIn', { before, after })}</p>
    </section>
  );
}
