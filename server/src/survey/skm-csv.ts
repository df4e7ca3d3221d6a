import { SKM_ELEMENTS, SKM_PROFILE_FIELDS, SKM_PROFILE_LABELS, SKM_PROFILE_VALUE_LABELS } from '../contract/skm-elements.js';
import { localTime } from '../contract/time.js';
import type { SurveyGroupBy, SurveyRecord, SurveyResults } from '../contract/survey.js';
import type { Venue } from '../contract/venue.js';

/**
 * CSV as Indonesian Excel opens it by a double click: semicolons between cells, decimal commas,
 * UTF-8 with a byte-order mark, CRLF. Text that starts like a formula is defused.
 */
function csv(rows: (string | number | null)[][]): string {
  return `\uFEFF${rows.map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`;
}

function cell(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v).replace('.', ',');
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const dec = (n: number | null, d: number): string | null => (n === null ? null : n.toFixed(d).replace('.', ','));

/** The period's SKM in the annex's order: the scope, each element's NRR, the IKM and band, the breakdown, the profile. */
export function resultsCsv(r: SurveyResults, by: SurveyGroupBy): string {
  const rows: (string | number | null)[][] = [
    ['Survei Kepuasan Masyarakat (Permenpan RB 14/2017)', r.venueName],
    ['Unit', r.scopeLabel],
    ['Periode', r.from, r.to],
    ['Responden', r.respondents],
    ['Populasi (kunjungan selesai)', r.population],
    ['Sampel minimum (Krejcie-Morgan)', r.minimumSample, r.sampleSufficient ? 'cukup' : 'belum cukup'],
    [],
    ['Unsur', 'Nama', 'Jawaban', 'Skor 1', 'Skor 2', 'Skor 3', 'Skor 4', 'Jumlah nilai', 'NRR', 'NRR tertimbang'],
    ...r.elements.map((e, i) => [e.code, SKM_ELEMENTS[i]!.name.id, e.answers, ...e.counts, e.sum, dec(e.nrr, 3), dec(e.weighted, 4)]),
    [],
    ['IKM', dec(r.ikm, 4)],
    ['IKM konversi', dec(r.converted, 2)],
    ['Mutu pelayanan', r.band, r.bandLabel?.id ?? null],
    ['Unsur terlemah', r.weakest.slice(0, 3).join(', ')],
    [],
    ['Kelompok', 'Kunci', 'Nama', 'Responden', 'IKM konversi', 'Mutu'],
    ...r.groups[by].map((g) => [by, g.key, g.label, g.respondents, g.withheld ? 'ditahan' : dec(g.converted, 2), g.band]),
    [],
    ['Profil', 'Nilai', 'Responden'],
    ...SKM_PROFILE_FIELDS.flatMap((f) =>
      Object.entries(r.profile[f]).map(([k, n]) => [SKM_PROFILE_LABELS[f].id, SKM_PROFILE_VALUE_LABELS[k]?.id ?? 'Tidak diisi', n]),
    ),
  ];
  return csv(rows);
}

/** One row per answer, for the unit's own processing: the visit's place and time, U1..U9, comment, profile (no officer, no ticket). */
export function answersCsv(venue: Venue, records: readonly SurveyRecord[]): string {
  const name = (list: { id: string; name: string }[], id: string | null) => (id ? (list.find((x) => x.id === id)?.name ?? id) : '');
  return csv([
    ['tanggal', 'jam', 'instansi', 'layanan', 'loket', 'lantai', 'kanal', 'tunggu_menit', ...SKM_ELEMENTS.map((e) => e.code), 'saran', ...SKM_PROFILE_FIELDS],
    ...records.map((r) => [
      r.day,
      localTime(r.at, venue.timeZone),
      name(venue.agencies, r.agencyId),
      name(venue.services, r.serviceId),
      name(venue.counters, r.counterId),
      r.floor,
      r.channel,
      r.waitMinutes,
      ...r.scores,
      r.comment,
      ...SKM_PROFILE_FIELDS.map((f) => r.profile[f]),
    ]),
  ]);
}
