import { bandOfConverted, type HubReportResponse, type HubReportRow, type LocalizedText } from '@antre/server/contract';
import { pick, type Lang } from '@antre/counter-ui/shared/i18n';
import { H } from '../texts';

/** The CSV's columns after the site's id and name: one figure per column, as a spreadsheet wants them. */
const CSV_COLUMNS: { head: LocalizedText; value: (r: HubReportRow) => string | number | null }[] = [
  { head: H.hIssued, value: (r) => r.issued },
  { head: H.hServed, value: (r) => r.served },
  { head: H.hNoShow, value: (r) => r.noShow },
  { head: H.hTransferred, value: (r) => r.transferred },
  { head: H.csvWaitMedian, value: (r) => r.medianWaitMinutes },
  { head: H.csvWaitP90, value: (r) => r.p90WaitMinutes },
  { head: H.csvServiceMedian, value: (r) => r.medianServiceMinutes },
  { head: H.hIkm, value: (r) => (r.ikm === null ? null : r.ikm.toFixed(2)) },
  { head: H.csvBand, value: (r) => (r.ikm === null ? null : bandOfConverted(r.ikm)) },
  { head: H.hRespondents, value: (r) => r.skmRespondents },
];

/**
 * One CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). A text that a
 * spreadsheet would take for a formula (a site named "=HYPERLINK(...)") is kept as text.
 */
function field(v: string | number | null): string {
  const s = v === null ? '' : typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The cross-site report as CSV: one row per site, every site together last; decimals with a
 * point, so that the comma stays the separator. Built here from the answer already on screen:
 * the hub's API has no CSV route, and quoting five kinds of cell needs no library.
 */
export function reportCsv(report: HubReportResponse, lang: Lang): string {
  const head = [pick(H.siteId, lang), pick(H.hSite, lang), ...CSV_COLUMNS.map((c) => pick(c.head, lang))];
  const line = (r: HubReportRow, id: string) => [id, r.name, ...CSV_COLUMNS.map((c) => c.value(r))].map(field).join(',');
  const rows = [head.map(field).join(','), ...report.rows.map((r) => line(r, r.siteId)), line({ ...report.total, name: pick(H.total, lang) }, '*')];
  return `${rows.join('\r\n')}\r\n`;
}

/** Hands a text to the browser as a file download. */
export function downloadText(text: string, name: string, type = 'text/csv;charset=utf-8'): void {
  // The byte-order mark makes spreadsheet programs read the names (é, –) as UTF-8.
  const url = URL.createObjectURL(new Blob(['\ufeff', text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
