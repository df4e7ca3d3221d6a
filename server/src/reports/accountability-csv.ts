import type { AccountabilityReport, AccountabilityRow } from '../contract/accountability.js';
import { localTime } from '../contract/time.js';

/**
 * The accountability record as a CSV Indonesian Excel opens as it is: a UTF-8 BOM, a `sep=;`
 * line, semicolons between cells (a comma is the decimal mark there), times as HH:MM WITA.
 */
export function accountabilityCsv(r: AccountabilityReport): string {
  const time = (t: number | null) => (t === null ? '' : localTime(t, r.timeZone));
  const num = (n: number | null) => (n === null ? '' : String(n).replace('.', ','));
  const cols: [string, (x: AccountabilityRow) => string][] = [
    ['tanggal', () => r.day],
    ['jenis', (x) => ({ counter: 'loket', officer: 'petugas', agency: 'instansi', total: 'total' })[x.kind]],
    ['kode', (x) => x.key],
    ['nama', (x) => x.label],
    ['instansi', (x) => x.agencyId ?? ''],
    ['bersama', (x) => x.with.join(', ')],
    ['rencana_buka', (x) => time(x.plannedOpen)],
    ['buka', (x) => time(x.actualOpen)],
    ['panggilan_pertama', (x) => time(x.firstCall)],
    ['terlambat_menit', (x) => num(x.lateOpenMinutes)],
    ['tutup_lebih_awal_menit', (x) => num(x.earlyCloseMinutes)],
    ['buka_menit', (x) => num(x.openMinutes)],
    ['istirahat_menit', (x) => num(Object.values(x.breakMinutes).reduce((a, b) => a + b, 0))],
    [
      'istirahat_rincian',
      (x) =>
        Object.entries(x.breakMinutes)
          .map(([k, v]) => `${k} ${v}`)
          .join(' | '),
    ],
    ['diam_saat_ada_antrean_menit', (x) => num(x.idleWhileWaitingMinutes)],
    ['panggilan', (x) => num(x.calls)],
    ['dilayani', (x) => num(x.served)],
    ['tidak_hadir', (x) => num(x.noShows)],
    ['dialihkan', (x) => num(x.transfers)],
    ['tunggu_terlama_menit', (x) => num(x.longestWaitMinutes)],
    ['peringatan', (x) => num(x.alerts)],
    ['peringatan_dilihat', (x) => num(x.alertsAcked)],
  ];
  const rows = [...r.counters, ...r.officers, ...r.agencies, r.total];
  const lines = ['sep=;', cols.map(([h]) => h).join(';'), ...rows.map((x) => cols.map(([, f]) => cell(f(x))).join(';'))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Quotes what needs quoting; text starting like a formula is defused with a leading quote. */
function cell(v: string): string {
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
