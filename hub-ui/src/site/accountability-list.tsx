import { localTime } from '@antre/server/contract';
import { pick, type Lang } from '@antre/counter-ui/shared/i18n';
import { HUB_TZ } from '../shared/format';
import { H } from '../texts';

const HIDDEN = new Set(['seq', 'at', 'day', 'key', 'kind', 'type', 'data', 'agencyId', 'with', 'breakMinutes']);

/** A record's time: the event's own `at`, else the site time inside it. */
function timeOf(row: Record<string, unknown>, data: Record<string, unknown>): number | null {
  for (const v of [row.at, data.at, data.generatedAt]) if (typeof v === 'number') return v;
  return null;
}

/**
 * One accountability record in a line. The hub hands them as the site sent them (a day's row per
 * counter, officer and agency, an agency's attendance, an outcome): their shape belongs to the
 * site, so the line names the record and lists its plain fields rather than assuming columns.
 */
export function describeRecord(row: unknown): { at: number | null; title: string; fields: string } {
  const r = (row && typeof row === 'object' ? row : {}) as Record<string, unknown>;
  const data = (r.data && typeof r.data === 'object' ? r.data : r) as Record<string, unknown>;
  const title = [data.type, data.kind, data.label ?? data.key ?? r.key].filter((v) => typeof v === 'string' && v).join(' · ');
  const fields = Object.entries(data)
    .filter(([k, v]) => !HIDDEN.has(k) && k !== 'label' && v !== null && v !== '' && ['string', 'number', 'boolean'].includes(typeof v))
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(' · ');
  return { at: timeOf(r, data), title, fields };
}

/** The site's accountability records the hub holds for the range, newest first. */
export function AccountabilityList({ rows, lang, loading }: { rows: unknown[] | undefined; lang: Lang; loading: boolean }) {
  if (loading && !rows) return <p className="sv-muted">{pick(H.loading, lang)}</p>;
  if (!rows?.length) return <p className="sv-muted">{pick(H.noAccountability, lang)}</p>;
  return (
    <ul className="hub-list hub-acc" data-testid="accountability">
      {rows.map((row, i) => {
        const d = describeRecord(row);
        return (
          <li key={i}>
            {d.at !== null && <time>{localTime(d.at, HUB_TZ)}</time>}
            <strong>{d.title}</strong>
            {d.fields && <div className="sv-muted sv-small">{d.fields}</div>}
          </li>
        );
      })}
    </ul>
  );
}
