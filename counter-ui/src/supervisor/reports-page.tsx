import { useCallback, useEffect, useState } from 'react';
import { addDays, localDay, REPORT_GROUPS, type LocalizedText, type Report, type ReportGroupBy } from '@antre/server/contract';
import { api, ApiError, errorText } from '../shared/api';
import { pick } from '../shared/i18n';
import { problemsOf } from './format';
import { HourChart } from './hour-chart';
import { ReportSummary, ReportTable } from './report-table';
import { Bilingual, TopBar, type StaffPageProps } from './staff-frame';
import { GROUP_BY, S } from './texts';
import { useVenue } from './use-staff-data';

/** Reports over a date range: headline figures, tickets per hour, a table per grouping, CSV download. */
export function ReportsPage({ session, lang, toggleLang, logout, expire }: StaffPageProps) {
  const venue = useVenue(0);
  const [range, setRange] = useState<{ from: string; to: string } | null>(null);
  const [by, setBy] = useState<ReportGroupBy>('service');
  const [report, setReport] = useState<Report | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [error, setError] = useState<{ text: LocalizedText; problems: string[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const today = venue ? localDay(Date.now(), venue.timeZone) : null;

  const load = useCallback(
    async (r: { from: string; to: string }) => {
      setBusy(true);
      setError(null);
      try {
        setReport(await api.call('reports.get', { query: { from: r.from, to: r.to }, token: session.token }));
        setSelected(null);
      } catch (e) {
        if (e instanceof ApiError && (e.code === 'INVALID_TOKEN' || e.code === 'UNAUTHENTICATED')) expire();
        setError({ text: errorText(e), problems: problemsOf(e) });
      } finally {
        setBusy(false);
      }
    },
    [session.token, expire],
  );

  useEffect(() => {
    if (today && !range) {
      const r = { from: today, to: today };
      setRange(r);
      void load(r);
    }
  }, [today, range, load]);

  const quick = (from: string) => {
    if (!today) return;
    const r = { from, to: today };
    setRange(r);
    void load(r);
  };
  const download = async () => {
    if (!range) return;
    setError(null);
    try {
      const file = await api.file('reports.csv', { query: { from: range.from, to: range.to, by }, token: session.token });
      const name = file.name ?? 'antre.csv';
      const url = URL.createObjectURL(file.blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (e) {
      setError({ text: errorText(e), problems: [] });
    }
  };
  const row = report && selected !== null ? report.by[by].find((r) => r.key === selected) : null;
  return (
    <div className="sv">
      <TopBar page="reports" session={session} lang={lang} toggleLang={toggleLang} logout={logout} />
      <main className="sv-reports">
        <form className="sv-card sv-reports__form" onSubmit={(e) => (e.preventDefault(), range && void load(range))}>
          <label className="sv-field">
            <span>{pick(S.from, lang)}</span>
            <input
              type="date"
              name="from"
              value={range?.from ?? ''}
              onChange={(e) => setRange((r) => ({ from: e.target.value, to: r?.to ?? e.target.value }))}
              required
            />
          </label>
          <label className="sv-field">
            <span>{pick(S.to, lang)}</span>
            <input
              type="date"
              name="to"
              value={range?.to ?? ''}
              onChange={(e) => setRange((r) => ({ from: r?.from ?? e.target.value, to: e.target.value }))}
              required
            />
          </label>
          <label className="sv-field">
            <span>{pick(S.groupBy, lang)}</span>
            <select name="by" value={by} onChange={(e) => (setBy(e.target.value as ReportGroupBy), setSelected(null))}>
              {REPORT_GROUPS.map((g) => (
                <option key={g} value={g}>
                  {pick(GROUP_BY[g], lang)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="sv-btn sv-btn--primary" disabled={busy || !range}>
            {pick(S.show, lang)}
          </button>
          <div className="sv-reports__quick">
            <button type="button" className="sv-btn sv-btn--small" onClick={() => today && quick(today)}>
              {pick(S.today, lang)}
            </button>
            <button type="button" className="sv-btn sv-btn--small" onClick={() => today && quick(addDays(today, -6))}>
              {pick(S.last7, lang)}
            </button>
            <button type="button" className="sv-btn sv-btn--small" onClick={() => today && quick(`${today.slice(0, 8)}01`)}>
              {pick(S.thisMonth, lang)}
            </button>
          </div>
          <button type="button" className="sv-btn sv-reports__csv" onClick={() => void download()} disabled={!report}>
            {pick(S.downloadCsv, lang)}
          </button>
        </form>
        {error && (
          <div className="sv-note sv-note--error" role="alert">
            <Bilingual text={error.text} lang={lang} />
            {error.problems.length > 0 && (
              <ul>
                {error.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        {report && (
          <>
            <p className="sv-muted">
              {report.from === report.to ? report.from : `${report.from} – ${report.to}`} · {pick(S.daysWithData, lang, { n: report.days.length })}
            </p>
            {report.total.issued + report.total.transferredIn === 0 ? (
              <p className="sv-card sv-empty">{pick(S.noData, lang)}</p>
            ) : (
              <>
                <ReportSummary report={report} lang={lang} />
                <div className="sv-card">
                  <HourChart perHour={(row ?? report.total).perHour} tzLabel={report.timeZoneLabel} title={row?.label ?? pick(S.total, lang)} lang={lang} />
                </div>
                <div className="sv-card sv-scroll">
                  <ReportTable report={report} by={by} lang={lang} selected={selected} onSelect={setSelected} />
                </div>
              </>
            )}
          </>
        )}
      </main>
    </div>
  );
}
