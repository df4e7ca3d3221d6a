import { useState } from 'react';
import type { AlertHistory, AgencyDayBody, DayPlan, LocalizedText } from '@antre/server/contract';
import { localTime } from '@antre/server/contract';
import { api, errorText } from '../shared/api';
import { pick, type Lang } from '../shared/i18n';
import { AccountabilitySection } from './accountability-section';
import { Bilingual, TopBar, type StaffPageProps } from './staff-frame';
import { S } from './texts';
import { usePolled, useVenue, type VenueView } from './use-staff-data';

/** The daily record: today's plan (mark an agency absent or late), the alert history and the accountability summary. */
export function DayPage({ session, lang, toggleLang, logout }: StaffPageProps) {
  const venue = useVenue(0);
  const plan = usePolled('plan.get', {}, session.token, 15000);
  // The server's service day until another is picked.
  const [picked, setDay] = useState<string | null>(null);
  const day = picked ?? plan.data?.day ?? null;
  const history = usePolled('alerts.history', day ? { query: { day } } : null, session.token, 10000);
  const [error, setError] = useState<LocalizedText | null>(null);
  const mark = async (agencyId: string, body: AgencyDayBody) => {
    try {
      setError(null);
      await api.call('agencies.day', { params: { id: agencyId }, body, token: session.token });
      plan.reload();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <div className="sv">
      <TopBar page="day" session={session} lang={lang} toggleLang={toggleLang} logout={logout} />
      <main className="sv-day">
        <div className="sv-day__tools">
          <label className="sv-field">
            <span>{pick(S.day, lang)}</span>
            <input type="date" name="day" value={day ?? ''} onChange={(e) => e.target.value && setDay(e.target.value)} />
          </label>
          <button type="button" className="sv-btn" onClick={() => window.print()}>
            {pick(S.printSummary, lang)}
          </button>
          {day && (
            <button type="button" className="sv-btn" data-action="csv" onClick={() => void downloadCsv(day, session.token)}>
              {pick(S.downloadCsv, lang)}
            </button>
          )}
        </div>
        {error && (
          <p className="sv-note sv-note--error" role="alert">
            <Bilingual text={error} lang={lang} />
          </p>
        )}
        {day && <AccountabilitySection day={day} token={session.token} lang={lang} venue={venue} />}
        {venue && plan.data && plan.data.day === day && <PlanSection venue={venue} plan={plan.data} lang={lang} onMark={mark} />}
        {venue && <HistorySection venue={venue} history={history.data} lang={lang} />}
      </main>
    </div>
  );
}

async function downloadCsv(day: string, token: string): Promise<void> {
  const file = await api.file('accountability.csv', { query: { day }, token }).catch(() => null);
  if (!file) return;
  const url = URL.createObjectURL(file.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `akuntabilitas-${day}.csv`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function PlanSection({ venue, plan, lang, onMark }: { venue: VenueView; plan: DayPlan; lang: Lang; onMark: (agencyId: string, body: AgencyDayBody) => void }) {
  const tz = venue.timeZone;
  const absent = (agencyId: string) => {
    const reason = window.prompt(pick(S.absentReasonPrompt, lang));
    if (reason?.trim()) onMark(agencyId, { status: 'absent', reason: reason.trim() });
  };
  const late = (agencyId: string) => {
    const from = window.prompt(pick(S.lateFromPrompt, lang), '09:00');
    if (from?.trim()) onMark(agencyId, { status: 'late', from: from.trim() });
  };
  return (
    <section className="sv-day__noprint" data-testid="plan">
      <h2>{pick(S.planTitle, lang)}</h2>
      <table>
        <thead>
          <tr>
            <th>{pick(S.planAgency, lang)}</th>
            <th>{pick(S.planStatus, lang)}</th>
            <th>{pick(S.planFrom, lang)}</th>
            <th>{pick(S.planCounters, lang)}</th>
            <th>{pick(S.planMark, lang)}</th>
          </tr>
        </thead>
        <tbody>
          {plan.agencies.map((a) => {
            const agency = venue.agencies.find((x) => x.id === a.agencyId);
            const counters = plan.counters
              .filter((c) => c.agencyId === a.agencyId)
              .map((c) => venue.counters.find((x) => x.id === c.counterId)?.name ?? c.counterId);
            return (
              <tr key={a.agencyId} data-agency={a.agencyId} data-status={a.status}>
                <td>{agency?.shortName ?? a.agencyId}</td>
                <td className={`sv-plan--${a.status}`}>
                  {pick(S[`plan_${a.status}`], lang)}
                  {a.reason ? `: ${a.reason}` : ''}
                </td>
                <td>{a.from ? localTime(a.from, tz) : '–'}</td>
                <td>{counters.join(', ') || '–'}</td>
                <td>
                  {a.status !== 'closed' && (
                    <span className="sv-day__tools">
                      <button type="button" className="sv-btn sv-btn--small" onClick={() => absent(a.agencyId)}>
                        {pick(S.markAbsent, lang)}
                      </button>
                      <button type="button" className="sv-btn sv-btn--small" onClick={() => late(a.agencyId)}>
                        {pick(S.markLate, lang)}
                      </button>
                      {(a.status === 'absent' || a.status === 'late') && (
                        <button type="button" className="sv-btn sv-btn--small" onClick={() => onMark(a.agencyId, { status: 'present' })}>
                          {pick(S.markPresent, lang)}
                        </button>
                      )}
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function HistorySection({ venue, history, lang }: { venue: VenueView; history: AlertHistory | null; lang: Lang }) {
  const tz = venue.timeZone;
  const records = history?.records ?? [];
  return (
    <section data-testid="alert-history">
      <h2>{pick(S.historyTitle, lang)}</h2>
      {!records.length ? (
        <p>{pick(S.historyNone, lang)}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{pick(S.historyBegan, lang)}</th>
              <th>{pick(S.historyEnded, lang)}</th>
              <th>{pick(S.historyWhat, lang)}</th>
              <th>{pick(S.historyAck, lang)}</th>
            </tr>
          </thead>
          <tbody>
            {[...records]
              .sort((a, b) => b.begunAt - a.begunAt)
              .map((r) => (
                <tr key={r.id} data-kind={r.kind}>
                  <td>{localTime(r.begunAt, tz)}</td>
                  <td>{r.endedAt === null ? pick(S.stillOpen, lang) : localTime(r.endedAt, tz)}</td>
                  <td className={`sv-history__sev--${r.severity}`}>{pick(r.message, lang)}</td>
                  <td>{r.ackAt === null ? '–' : `${r.ackByName ?? ''} ${localTime(r.ackAt, tz)}`}</td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
