import type { Report, ReportGroupBy, ReportRow } from '../contract/reports.js';

const COLUMNS: { head: string; value: (r: ReportRow) => string | number | null }[] = [
  { head: 'issued', value: (r) => r.issued },
  { head: 'transferred_in', value: (r) => r.transferredIn },
  { head: 'served', value: (r) => r.served },
  { head: 'no_show', value: (r) => r.noShow },
  { head: 'transferred', value: (r) => r.transferred },
  { head: 'expired', value: (r) => r.expired },
  { head: 'in_progress', value: (r) => r.inProgress },
  { head: 'wait_mean_min', value: (r) => r.waitMeanMinutes },
  { head: 'wait_p90_min', value: (r) => r.waitP90Minutes },
  { head: 'service_mean_min', value: (r) => r.serviceMeanMinutes },
  { head: 'service_p90_min', value: (r) => r.serviceP90Minutes },
  { head: 'served_within_target_pct', value: (r) => (r.withinTargetShare === null ? null : Math.round(r.withinTargetShare * 1000) / 10) },
  // Of the issued, visitors who booked online, and their mean wait from the slot (added after the first columns, which stay put).
  { head: 'booked', value: (r) => r.booked },
  { head: 'booked_wait_mean_min', value: (r) => r.bookedWaitMeanMinutes },
];

/**
 * The report as CSV (RFC 4180, CRLF, UTF-8 with a BOM so spreadsheet programs read names right):
 * one row per group, then a total row; tickets per hour as h08..h15 columns over the hours used.
 */
export function reportCsv(report: Report, by: ReportGroupBy): string {
  const hours = hourSpan(report.total.perHour);
  const head = ['from', 'to', 'group_by', 'key', 'name', ...COLUMNS.map((c) => c.head), ...hours.map((h) => `h${String(h).padStart(2, '0')}`)];
  const line = (r: ReportRow, key: string) =>
    [report.from, report.to, by, key, r.label, ...COLUMNS.map((c) => c.value(r)), ...hours.map((h) => r.perHour[h] ?? 0)].map(cell).join(',');
  const lines = [head.join(','), ...report.by[by].map((r) => line(r, r.key)), line(report.total, 'total')];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** A download name that says what is inside. */
export function reportFileName(report: Report, by: ReportGroupBy): string {
  const range = report.from === report.to ? report.from : `${report.from}_${report.to}`;
  return `antre-${report.venueId}-${range}-${by}.csv`;
}

/** The hours from the first to the last one with tickets (none: an empty list). */
function hourSpan(perHour: number[]): number[] {
  const used = perHour.map((n, h) => (n > 0 ? h : -1)).filter((h) => h >= 0);
  if (!used.length) return [];
  const out: number[] = [];
  for (let h = used[0]!; h <= used[used.length - 1]!; h++) out.push(h);
  return out;
}

/** Quotes what needs quoting; text starting like a formula is defused with a leading quote. */
function cell(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
