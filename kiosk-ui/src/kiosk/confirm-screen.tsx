import { PRIORITY_CATEGORIES, type DayHours, type PriorityCategory, type QueueInfo, type Service } from '@antre/server/contract';
import { local, type Lang, type T } from '../shared/i18n';
import type { PublicVenue } from '../shared/venue-types';
import { hoursOf, hoursOn, weekSummary } from './availability';
import { Icon } from './icons';
import { clock, estimateText, reasonText, reopenText } from './wording';
import { startsText } from '../shared/format';

interface Props {
  t: T;
  lang: Lang;
  venue: PublicVenue;
  service: Service;
  queue: QueueInfo | undefined;
  online: boolean;
  now: number;
  priority: PriorityCategory | null;
  onPriority: (p: PriorityCategory | null) => void;
  taking: boolean;
  error: string | null;
  onTake: () => void;
}

/** Everything to know before taking the ticket, with live numbers, then one big button. */
export function ConfirmScreen({ t, lang, venue, service, queue, online, now, priority, onPriority, taking, error, onTake }: Props) {
  const requirements = lang === 'en' && service.requirementsEn?.length ? service.requirementsEn : service.requirements;
  const open = !!queue?.available;
  const canTake = open && online && !taking;
  // A server told to ignore hours (demo) takes tickets on a closed day: then say nothing about today.
  const today = hoursOn(venue, service, now);
  return (
    <div className="confirm-screen">
      <section className="confirm-facts">
        <div className="fact-row">
          <div className="fact fact-big" data-testid="waiting">
            <span className="fact-label">
              <Icon name="people" size={40} /> {t('waitingNow')}
            </span>
            <span className="fact-value">{queue ? t('peopleN', { n: queue.waiting }) : '–'}</span>
          </div>
          <div className="fact fact-big" data-testid="estimate">
            <span className="fact-label">
              <Icon name="clock" size={40} /> {t('estimatedWait')}
            </span>
            <span className="fact-value">{queue ? estimateText(t, queue.estimatedWaitMinutes) : '–'}</span>
          </div>
        </div>
        {queue?.available && queue.servedBeforeClose === false && (
          <div className="notice notice-closed" role="alert" data-testid="not-before-closing">
            {t('notBeforeClosing')}
          </div>
        )}
        {queue?.available && queue.serviceStartsAt !== null && (
          <div className="notice" data-testid="service-starts">
            {startsText(t, lang, queue.serviceStartsAt, now, venue.timeZone, venue.timeZoneLabel)}
          </div>
        )}
        <div className="fact">
          <span className="fact-label">{t('bring')}</span>
          {requirements.length ? (
            <ul className="requirements">
              {requirements.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          ) : (
            <span className="fact-value-sm">{t('bringNothing')}</span>
          )}
        </div>
        <div className="fact-row">
          <div className="fact">
            <span className="fact-label">{t('fee')}</span>
            <span className="fact-value-sm">{local(service.fee, service.feeEn, lang)}</span>
          </div>
          <div className="fact">
            <span className="fact-label">{t('hours')}</span>
            {(today || !open) && <span className="fact-value-sm">{today ? todayLine(t, lang, venue, today) : t('hoursClosedToday')}</span>}
            <span className="fact-week">{weekLine(t, lang, venue, service)}</span>
          </div>
        </div>
        {service.processingTime && (
          <div className="fact">
            <span className="fact-label">{t('processing')}</span>
            <span className="fact-value-sm">{local(service.processingTime, service.processingTimeEn, lang)}</span>
          </div>
        )}
      </section>
      <section className="confirm-action">
        <h2>{t('priorityQuestion')}</h2>
        <div className="priority-choices" role="radiogroup">
          <PriorityButton label={t('priorityNo')} icon="people" selected={priority === null} onClick={() => onPriority(null)} id="none" />
          {PRIORITY_CATEGORIES.map((p) => (
            <PriorityButton key={p} label={t(`priority_${p}`)} icon={p} selected={priority === p} onClick={() => onPriority(p)} id={p} />
          ))}
        </div>
        <p className="priority-note">{t('priorityNote')}</p>
        {queue && !open && (
          <div className="notice notice-closed" role="alert" data-testid="closed-reason">
            <strong>
              {t('cannotTake')}: {reasonText(t, queue)}
            </strong>
            <span>{reopenText(t, lang, venue, service, queue, now)}</span>
          </div>
        )}
        {!online && (
          <div className="notice notice-closed" role="alert">
            <strong>{t('offlineTitle')}</strong>
          </div>
        )}
        {error && (
          <div className="notice notice-error" role="alert" data-testid="take-error">
            <strong>{t('notTaken')}</strong>
            <span>{error}</span>
          </div>
        )}
        <button type="button" className="btn btn-take" data-testid="take" disabled={!canTake} onClick={onTake}>
          {taking ? (
            t('taking')
          ) : (
            <>
              <Icon name="printer" size={56} /> {t('takeTicket')}
            </>
          )}
        </button>
      </section>
    </div>
  );
}

function PriorityButton({ label, icon, selected, onClick, id }: { label: string; icon: string; selected: boolean; onClick: () => void; id: string }) {
  return (
    <button
      type="button"
      role="radio"
      aria-checked={selected}
      className={`priority${selected ? ' is-selected' : ''}`}
      data-testid={`priority-${id}`}
      onClick={onClick}
    >
      <Icon name={icon} size={48} />
      <span>{label}</span>
      {selected && <Icon name="check" size={40} className="priority-check" />}
    </button>
  );
}

/** Today's opening hours with the last ticket time and breaks. */
function todayLine(t: T, lang: Lang, venue: PublicVenue, h: DayHours): string {
  const parts = [t('hoursToday', { range: t('hoursRange', { open: clock(h.open, lang), close: clock(h.close, lang), tz: venue.timeZoneLabel }) })];
  if (h.lastTicket && h.lastTicket !== h.close) parts.push(t('hoursLastTicket', { time: clock(h.lastTicket, lang) }));
  for (const b of h.breaks) parts.push(t('hoursBreak', { start: clock(b.start, lang), end: clock(b.end, lang) }));
  return parts.join(', ');
}

/** The whole week in one line, for a visitor deciding whether to come back another day. */
function weekLine(t: T, lang: Lang, venue: PublicVenue, service: Service): string {
  return weekSummary(hoursOf(venue, service))
    .map((s) => {
      const days = s.from === s.to ? t(`dayShort_${s.from}`) : `${t(`dayShort_${s.from}`)}–${t(`dayShort_${s.to}`)}`;
      return `${days} ${clock(s.open, lang)}–${clock(s.close, lang)}`;
    })
    .join(' · ');
}
