import type { AccountabilityRow } from '@antre/server/contract';
import { localTime } from '@antre/server/contract';
import { pick, type Lang } from '../shared/i18n';
import { S } from './texts';
import { usePolled, type VenueView } from './use-staff-data';

/** The one-page daily summary for the head of the MPP: per agency and per counter, printable. */
export function AccountabilitySection({ day, token, lang, venue }: { day: string; token: string; lang: Lang; venue: VenueView | null }) {
  const { data, missing } = usePolled('accountability.get', { query: { day } }, token, 30000);
  if (missing) return <p>{pick(S.noData, lang)}</p>;
  if (!data || !venue) return <p>{pick(S.loading, lang)}</p>;
  const tz = data.timeZone;
  const time = (t: number | null) => (t === null ? '–' : localTime(t, tz));
  const mins = (n: number | null) => (n === null || n === 0 ? '–' : String(n));
  const breaks = (r: AccountabilityRow) =>
    Object.entries(r.breakMinutes)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ') || '–';
  // The printed page keeps the agencies (one page for the head of the MPP); counters and officers stay on screen and in the CSV.
  const table = (title: string, rows: AccountabilityRow[], testId: string, print = true) => (
    <section data-testid={testId} className={print ? '' : 'sv-day__noprint'}>
      <h2>{title}</h2>
      <table>
        <thead>
          <tr>
            <th>{pick(S.accName, lang)}</th>
            <th>{pick(S.accPlanned, lang)}</th>
            <th>{pick(S.accOpened, lang)}</th>
            <th>{pick(S.accFirstCall, lang)}</th>
            <th className="num">{pick(S.accLate, lang)}</th>
            <th className="num">{pick(S.accEarly, lang)}</th>
            <th>{pick(S.accBreaks, lang)}</th>
            <th className="num">{pick(S.accIdle, lang)}</th>
            <th className="num">{pick(S.accCalls, lang)}</th>
            <th className="num">{pick(S.accServed, lang)}</th>
            <th className="num">{pick(S.accNoShow, lang)}</th>
            <th className="num">{pick(S.accTransfers, lang)}</th>
            <th className="num">{pick(S.accLongest, lang)}</th>
            <th className="num">{pick(S.accAlerts, lang)}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.kind}:${r.key}`} data-row={r.key}>
              <td>
                {r.label}
                {r.with.length ? <small> · {r.with.join(', ')}</small> : null}
              </td>
              <td>{time(r.plannedOpen)}</td>
              <td>{time(r.actualOpen)}</td>
              <td>{time(r.firstCall)}</td>
              <td className="num">{mins(r.lateOpenMinutes)}</td>
              <td className="num">{mins(r.earlyCloseMinutes)}</td>
              <td>{breaks(r)}</td>
              <td className="num">{mins(r.idleWhileWaitingMinutes)}</td>
              <td className="num">{r.calls}</td>
              <td className="num">{r.served}</td>
              <td className="num">{r.noShows}</td>
              <td className="num">{r.transfers}</td>
              <td className="num">{mins(r.longestWaitMinutes)}</td>
              <td className="num">{r.alerts ? `${r.alerts} (${r.alertsAcked} ${pick(S.accAcked, lang)})` : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
  const active = (r: AccountabilityRow) => r.calls > 0 || r.openMinutes > 0 || r.plannedOpen !== null || r.alerts > 0;
  return (
    <>
      <header className="sv-day__head">
        <h1>{pick(S.summaryTitle, lang, { venue: data.venueName, day: data.day })}</h1>
        <p>
          {pick(S.summaryLine, lang, {
            served: data.total.served,
            calls: data.total.calls,
            idle: data.total.idleWhileWaitingMinutes,
            late: data.total.lateOpenMinutes ?? 0,
            alerts: data.total.alerts,
          })}
          {' · '}
          {pick(S.summaryMade, lang, { time: `${localTime(data.generatedAt, tz)} ${data.timeZoneLabel}` })}
        </p>
      </header>
      {table(pick(S.accAgencies, lang), data.agencies.filter(active), 'acc-agencies')}
      {table(pick(S.accCounters, lang), data.counters.filter(active), 'acc-counters', false)}
      {data.officers.length > 0 && table(pick(S.accOfficers, lang), data.officers, 'acc-officers', false)}
    </>
  );
}
