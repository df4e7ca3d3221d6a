import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { addDays, bandOfConverted, localDay, type HubReportResponse, type HubReportRow } from '@antre/server/contract';
import { errorText } from '@antre/counter-ui/shared/api';
import { pick, type Lang } from '@antre/counter-ui/shared/i18n';
import { minutesText } from '@antre/counter-ui/supervisor/format';
import { BandBadge, num } from '@antre/counter-ui/supervisor/skm/skm-parts';
import { Bilingual } from '@antre/counter-ui/supervisor/staff-frame';
import { HubTopBar, type HubPageProps } from '../frame';
import { hubApi } from '../shared/hub-api';
import { HUB_TZ } from '../shared/format';
import { routeHref } from '../shared/route';
import { H } from '../texts';
import { downloadText, reportCsv } from './report-csv';

type Range = { from: string; to: string };

/** Per-site and cross-site figures over a range, with the SKM/IKM column and a CSV download. */
export function ReportsPage(props: HubPageProps) {
  const { session, lang } = props;
  const today = localDay(Date.now(), HUB_TZ);
  const [draft, setDraft] = useState<Range>({ from: today, to: today });
  const [range, setRange] = useState<Range>({ from: today, to: today });
  const report = useQuery({ queryKey: ['report', range.from, range.to], queryFn: () => hubApi.reports(session.token, range.from, range.to) });
  const show = (r: Range) => (setDraft(r), setRange(r));
  const data = report.data;
  return (
    <div className="sv">
      <HubTopBar {...props} route={{ page: 'reports' }} />
      <main className="sv-reports">
        <form className="sv-card sv-reports__form" onSubmit={(e) => (e.preventDefault(), setRange(draft))}>
          <label className="sv-field">
            <span>{pick(H.from, lang)}</span>
            <input type="date" name="from" value={draft.from} onChange={(e) => setDraft((r) => ({ ...r, from: e.target.value }))} required />
          </label>
          <label className="sv-field">
            <span>{pick(H.to, lang)}</span>
            <input type="date" name="to" value={draft.to} onChange={(e) => setDraft((r) => ({ ...r, to: e.target.value }))} required />
          </label>
          <button type="submit" className="sv-btn sv-btn--primary" disabled={report.isFetching}>
            {pick(H.show, lang)}
          </button>
          <div className="sv-reports__quick">
            <button type="button" className="sv-btn sv-btn--small" onClick={() => show({ from: today, to: today })}>
              {pick(H.today, lang)}
            </button>
            <button type="button" className="sv-btn sv-btn--small" onClick={() => show({ from: addDays(today, -6), to: today })}>
              {pick(H.last7, lang)}
            </button>
            <button type="button" className="sv-btn sv-btn--small" onClick={() => show({ from: `${today.slice(0, 8)}01`, to: today })}>
              {pick(H.thisMonth, lang)}
            </button>
          </div>
          <button
            type="button"
            className="sv-btn sv-reports__csv"
            disabled={!data}
            onClick={() => data && downloadText(reportCsv(data, lang), `antre-mpp-${data.from}_${data.to}.csv`)}
          >
            {pick(H.downloadCsv, lang)}
          </button>
        </form>
        {report.isError && (
          <div className="sv-note sv-note--error" role="alert">
            <Bilingual text={errorText(report.error)} lang={lang} />
          </div>
        )}
        {!data && report.isLoading && <p className="sv-loading">{pick(H.loading, lang)}</p>}
        {data && <ReportView report={data} lang={lang} />}
      </main>
    </div>
  );
}

function ReportView({ report, lang }: { report: HubReportResponse; lang: Lang }) {
  const t = report.total;
  const ikm = (r: HubReportRow) => (r.ikm === null ? '—' : num(r.ikm, 2, lang));
  const kpis: [keyof typeof H, string, string?][] = [
    ['kIssued', String(t.issued)],
    ['kServed', String(t.served)],
    ['kNoShow', String(t.noShow)],
    ['kWait', minutesText(t.medianWaitMinutes, lang), `P90 ${minutesText(t.p90WaitMinutes, lang)}`],
    ['kIkm', ikm(t), pick(H.respondents, lang, { n: t.skmRespondents })],
  ];
  const line = (r: HubReportRow, total = false) => (
    <tr key={total ? '*total' : r.siteId} className={total ? 'is-total' : ''} data-site={total ? undefined : r.siteId}>
      <th scope="row">{total ? pick(H.total, lang) : <a href={routeHref({ page: 'site', siteId: r.siteId })}>{r.name}</a>}</th>
      <td className="num">{r.issued}</td>
      <td className="num">{r.served}</td>
      <td className="num">{r.noShow}</td>
      <td className="num">{r.transferred}</td>
      <td className="num">
        {minutesText(r.medianWaitMinutes, lang)} / {minutesText(r.p90WaitMinutes, lang)}
      </td>
      <td className="num">{minutesText(r.medianServiceMinutes, lang)}</td>
      <td className="num hub-ikm" data-testid="ikm">
        {ikm(r)} {r.ikm !== null && <BandBadge band={bandOfConverted(r.ikm)} lang={lang} />}
      </td>
      <td className="num">{r.skmRespondents}</td>
    </tr>
  );
  return (
    <>
      <p className="sv-muted">{report.from === report.to ? report.from : `${report.from} – ${report.to}`}</p>
      <div className="sv-kpis">
        {kpis.map(([k, v, sub]) => (
          <div key={k} className="sv-kpi" data-kpi={k}>
            <span className="sv-kpi__label">{pick(H[k], lang)}</span>
            <strong className="sv-kpi__value">{v}</strong>
            {sub && <span className="sv-muted sv-small">{sub}</span>}
          </div>
        ))}
      </div>
      {report.rows.length === 0 || t.issued === 0 ? <p className="sv-card sv-empty">{pick(H.noReport, lang)}</p> : null}
      {report.rows.length > 0 && (
        <div className="sv-card sv-scroll">
          <table className="sv-table hub-report" data-testid="report">
            <thead>
              <tr>
                <th>{pick(H.hSite, lang)}</th>
                {[H.hIssued, H.hServed, H.hNoShow, H.hTransferred, H.hWait, H.hService, H.hIkm, H.hRespondents].map((h) => (
                  <th key={h.en} className="num">
                    {pick(h, lang)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>{report.rows.map((r) => line(r))}</tbody>
            <tfoot>{line(t, true)}</tfoot>
          </table>
        </div>
      )}
    </>
  );
}
