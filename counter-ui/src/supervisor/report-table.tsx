import type { Report, ReportGroupBy, ReportRow } from '@antre/server/contract';
import { pick, type Lang } from '../shared/i18n';
import { minutesText } from './format';
import { GROUP_BY, S } from './texts';

const num = (m: number | null) => (m === null ? '—' : String(m));
const pct = (share: number | null) => (share === null ? '—' : `${Math.round(share * 1000) / 10}%`);

/** The headline figures of the whole range. */
export function ReportSummary({ report, lang }: { report: Report; lang: Lang }) {
  const t = report.total;
  const cards: [keyof typeof S, string, string?][] = [
    ['kIssued', String(t.issued)],
    ['kServed', String(t.served)],
    ['kNoShow', String(t.noShow)],
    ['kTransferred', String(t.transferred)],
    ['kExpired', String(t.expired)],
    ['kWait', minutesText(t.waitMeanMinutes, lang), pick(S.p90, lang, { v: minutesText(t.waitP90Minutes, lang) })],
    ['kService', minutesText(t.serviceMeanMinutes, lang), pick(S.p90, lang, { v: minutesText(t.serviceP90Minutes, lang) })],
    ['kWithin', pct(t.withinTargetShare)],
    // Visitors who booked online (of the issued), and their wait from the slot.
    ['kBooked', String(t.booked), pick(S.kBookedWait, lang, { v: minutesText(t.bookedWaitMeanMinutes, lang) })],
  ];
  if (t.inProgress > 0) cards.splice(5, 0, ['kInProgress', String(t.inProgress)]);
  return (
    <div className="sv-kpis">
      {cards.map(([k, v, sub]) => (
        <div key={k} className="sv-kpi" data-kpi={k}>
          <span className="sv-kpi__label">{pick(S[k], lang)}</span>
          <strong className="sv-kpi__value">{v}</strong>
          {sub && <span className="sv-muted sv-small">{sub}</span>}
        </div>
      ))}
    </div>
  );
}

/** One row per group with every figure, the total last; a click picks the row the chart shows. */
export function ReportTable({
  report,
  by,
  lang,
  selected,
  onSelect,
}: {
  report: Report;
  by: ReportGroupBy;
  lang: Lang;
  selected: string | null;
  onSelect: (key: string | null) => void;
}) {
  const rows = report.by[by];
  const cols: [keyof typeof S, (r: ReportRow) => string][] = [
    ['hIssued', (r) => String(r.issued)],
    ['hIn', (r) => String(r.transferredIn)],
    ['hServed', (r) => String(r.served)],
    ['hNoShow', (r) => String(r.noShow)],
    ['hOut', (r) => String(r.transferred)],
    ['hExpired', (r) => String(r.expired)],
    ['hLive', (r) => String(r.inProgress)],
    ['hWait', (r) => `${num(r.waitMeanMinutes)} / ${num(r.waitP90Minutes)}`],
    ['hService', (r) => `${num(r.serviceMeanMinutes)} / ${num(r.serviceP90Minutes)}`],
    ['hWithin', (r) => pct(r.withinTargetShare)],
    // Of the issued, visitors who booked online, and their mean wait from the slot.
    ['hBooked', (r) => (r.booked ? `${r.booked} (${num(r.bookedWaitMeanMinutes)})` : '0')],
  ];
  const line = (r: ReportRow, key: string, total = false) => (
    <tr
      key={key}
      className={`${total ? 'is-total' : ''} ${selected === key ? 'is-selected' : ''}`}
      onClick={() => onSelect(total || selected === key ? null : key)}
      data-key={key}
    >
      <th scope="row">{total ? pick(S.total, lang) : r.label}</th>
      {cols.map(([k, f]) => (
        <td key={k} className="num">
          {f(r)}
        </td>
      ))}
    </tr>
  );
  return (
    <table className="sv-table sv-report">
      <thead>
        <tr>
          <th>{pick(GROUP_BY[by], lang)}</th>
          {cols.map(([k]) => (
            <th key={k} className="num">
              {pick(S[k], lang)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{rows.map((r) => line(r, r.key))}</tbody>
      <tfoot>{line(report.total, '*total', true)}</tfoot>
    </table>
  );
}
