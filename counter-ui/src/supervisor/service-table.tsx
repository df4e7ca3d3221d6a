import { useState } from 'react';
import { localDay, weekdayOfDay, type QueueInfo, type Service } from '@antre/server/contract';
import { api, errorText } from '../shared/api';
import { pick, type Lang } from '../shared/i18n';
import { duration, minutesText } from './format';
import { Bilingual, Dialog } from './staff-frame';
import { AVAILABILITY, S } from './texts';
import type { VenueView } from './use-staff-data';

interface Props {
  venue: VenueView;
  floor: number;
  queues: Map<string, QueueInfo>;
  now: number;
  lang: Lang;
  token: string;
  onReroute: (serviceId: string) => void;
}

/** The services of a floor: how many wait, how long the longest has waited, the estimate; open or close for today. */
export function ServiceTable({ venue, floor, queues, now, lang, token, onReroute }: Props) {
  const [closing, setClosing] = useState<Service | null>(null);
  const [error, setError] = useState<{ serviceId: string; text: ReturnType<typeof errorText> } | null>(null);
  const services = venue.services.filter((s) => (queues.get(s.id)?.floor ?? venue.agencies.find((a) => a.id === s.agencyId)?.floor) === floor);
  const setStatus = async (s: Service, closedToday: boolean, reason?: string) => {
    setError(null);
    try {
      await api.call('services.status', { params: { id: s.id }, token, body: reason ? { closedToday, reason } : { closedToday } });
      setClosing(null);
    } catch (e) {
      setError({ serviceId: s.id, text: errorText(e) });
    }
  };
  return (
    <>
      <table className="sv-table sv-services">
        <thead>
          <tr>
            <th>{pick(S.colService, lang)}</th>
            <th className="num">{pick(S.colWaiting, lang)}</th>
            <th className="num">{pick(S.colLongest, lang)}</th>
            <th className="num">{pick(S.colEstimate, lang)}</th>
            <th className="num">{pick(S.colCounters, lang)}</th>
            <th>{pick(S.colHours, lang)}</th>
            <th>{pick(S.colState, lang)}</th>
            <th>{pick(S.colActions, lang)}</th>
          </tr>
        </thead>
        <tbody>
          {services.map((s) => {
            const q = queues.get(s.id);
            const agency = venue.agencies.find((a) => a.id === s.agencyId);
            const longest = q?.oldestWaitingSince ? now - q.oldestWaitingSince : null;
            const late = longest !== null && longest > s.targetWaitMinutes * 60000;
            const staffed = venue.counters.filter((c) => c.serviceIds.includes(s.id)).length;
            const closedToday = q?.reason === 'closed_today';
            return (
              <tr key={s.id} data-service={s.id} className={q && q.waiting > 0 && q.countersOpen === 0 ? 'is-stuck' : ''}>
                <td>
                  <div className="sv-services__svc">
                    <span className="sv-prefix" style={{ background: agency?.color }}>
                      {s.prefix}
                    </span>
                    <div>
                      <span className="sv-services__name">{s.name}</span>
                      <span className="sv-services__agency">{agency?.shortName}</span>
                    </div>
                  </div>
                  {error?.serviceId === s.id && (
                    <div className="sv-note sv-note--error" role="alert">
                      <Bilingual text={error.text} lang={lang} />
                    </div>
                  )}
                </td>
                <td className="num sv-services__waiting">
                  {q?.waiting ?? 0}
                  {q && q.waitingPriority > 0 && <small className="sv-muted"> ({q.waitingPriority}P)</small>}
                </td>
                <td className={`num ${late ? 'sv-bad' : ''}`}>{longest === null ? '—' : duration(longest, lang)}</td>
                <td className="num">{q?.waiting ? minutesText(q.estimatedWaitMinutes, lang) : '—'}</td>
                <td className="num">
                  {q?.countersOpen ?? 0}/{staffed}
                </td>
                <td className="sv-services__hours" data-testid="hours">
                  {todaysHours(venue, s, now) ?? pick(S.closedWeekdayShort, lang)}
                </td>
                <td>
                  <span className={`sv-state sv-state--${q?.available ? 'open' : 'closed'}`}>{q ? pick(AVAILABILITY[q.reason], lang) : '—'}</span>
                </td>
                <td className="sv-actions">
                  {closedToday ? (
                    <button type="button" className="sv-btn sv-btn--small" onClick={() => void setStatus(s, false)}>
                      {pick(S.reopen, lang)}
                    </button>
                  ) : (
                    <button type="button" className="sv-btn sv-btn--small" onClick={() => setClosing(s)} title={pick(S.closeToday, lang)}>
                      {pick(S.closeShort, lang)}
                    </button>
                  )}
                  <button type="button" className="sv-btn sv-btn--small" disabled={!q?.waiting} onClick={() => onReroute(s.id)}>
                    {pick(S.rerouteShort, lang)}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {closing && (
        <CloseDialog
          service={closing}
          lang={lang}
          error={error?.serviceId === closing.id ? error.text : null}
          onCancel={() => setClosing(null)}
          onClose={(reason) => void setStatus(closing, true, reason)}
        />
      )}
    </>
  );
}

function CloseDialog({
  service,
  lang,
  error,
  onCancel,
  onClose,
}: {
  service: Service;
  lang: Lang;
  error: ReturnType<typeof errorText> | null;
  onCancel: () => void;
  onClose: (reason: string) => void;
}) {
  const [reason, setReason] = useState('');
  return (
    <Dialog title={pick(S.closeTitle, lang, { name: service.name })} onClose={onCancel}>
      <form onSubmit={(e) => (e.preventDefault(), onClose(reason.trim()))}>
        <p className="sv-muted">{pick(S.closeHint, lang)}</p>
        {error && (
          <p className="sv-note sv-note--error" role="alert">
            <Bilingual text={error} lang={lang} />
          </p>
        )}
        <label className="sv-field">
          <span>{pick(S.reason, lang)}</span>
          <input value={reason} maxLength={200} placeholder={pick(S.reasonPlaceholder, lang)} onChange={(e) => setReason(e.target.value)} autoFocus />
        </label>
        <div className="sv-modal__actions">
          <button type="button" className="sv-btn" onClick={onCancel}>
            {pick(S.cancel, lang)}
          </button>
          <button type="submit" className="sv-btn sv-btn--danger">
            {pick(S.closeToday, lang)}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** "08:00–15:00" for today's weekday, from the service's, its agency's or the building's hours. */
export function todaysHours(venue: VenueView, s: Service, now: number): string | null {
  const week = s.hours ?? venue.agencies.find((a) => a.id === s.agencyId)?.hours ?? venue.hours;
  const h = week[weekdayOfDay(localDay(now, venue.timeZone))];
  return h ? `${h.open}–${h.close}` : null;
}
