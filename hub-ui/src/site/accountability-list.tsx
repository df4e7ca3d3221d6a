import type { LocalizedText } from '@antre/server/contract';
import { pick, type Lang } from '@antre/counter-ui/shared/i18n';
import { hubTime } from '../shared/format';
import { H } from '../texts';

type Rec = Record<string, unknown>;

const ROW_KIND: Record<string, LocalizedText> = { counter: H.accCounter, officer: H.accOfficer, agency: H.accAgency, total: H.accTotal };
const AGENCY_STATUS: Record<string, LocalizedText> = { present: H.accPresent, absent: H.accAbsent, late: H.accLate };
const GENERIC_HIDDEN = new Set(['type', 'kind', 'key', 'label', 'day', 'at', 'seq']);

const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/**
 * One accountability record in a line. The hub keeps them as the site sent them: a day's row per
 * counter, officer and agency (`type: 'row'`), an agency's attendance (`'agency'`), how a visit
 * ended (`'outcome'`); anything else is shown by its plain fields, so a new kind is never hidden.
 */
export function describeRecord(raw: unknown, lang: Lang): { when: string | null; title: string; detail: string } {
  const r: Rec = raw && typeof raw === 'object' ? (raw as Rec) : {};
  const at = num(r.at);
  const when = at !== null ? `${str(r.day) ?? ''} ${hubTime(at)}`.trim() : str(r.day);
  const parts = (list: (string | null | false)[]) => list.filter((p): p is string => !!p).join(' · ');
  if (r.type === 'row') {
    const kind = ROW_KIND[String(r.kind)];
    const late = num(r.lateOpenMinutes);
    const idle = num(r.idleWhileWaitingMinutes);
    return {
      when,
      title: parts([kind ? pick(kind, lang) : null, str(r.label) ?? str(r.key)]),
      detail: parts([
        pick(H.accCalls, lang, { n: num(r.calls) ?? 0, served: num(r.served) ?? 0, noShow: num(r.noShows) ?? 0 }),
        late ? pick(H.accLateOpen, lang, { n: late }) : null,
        idle ? pick(H.accIdle, lang, { n: idle }) : null,
        num(r.alerts) ? pick(H.accAlerts, lang, { n: num(r.alerts)! }) : null,
      ]),
    };
  }
  if (r.type === 'agency') {
    const status = AGENCY_STATUS[String(r.status)];
    return { when, title: parts([str(r.agencyId), status ? pick(status, lang) : str(r.status)]), detail: str(r.reason) ?? '' };
  }
  if (r.type === 'outcome') {
    const missing = Array.isArray(r.missing) ? r.missing.filter((m): m is string => typeof m === 'string') : [];
    return {
      when,
      title: parts([pick(H.accOutcome, lang), str(r.outcome)]),
      detail: parts([str(r.serviceId), missing.length ? pick(H.accMissing, lang, { list: missing.join(', ') }) : null, str(r.reason)]),
    };
  }
  const plain = Object.entries(r).filter(([k, v]) => !GENERIC_HIDDEN.has(k) && ['string', 'number', 'boolean'].includes(typeof v) && v !== '');
  return { when, title: parts([str(r.type), str(r.kind), str(r.label) ?? str(r.key)]) || '—', detail: plain.map(([k, v]) => `${k}: ${String(v)}`).join(' · ') };
}

/** The site's accountability records the hub holds for the range, newest first. */
export function AccountabilityList({ rows, lang, loading }: { rows: unknown[] | undefined; lang: Lang; loading: boolean }) {
  if (loading && !rows) return <p className="sv-muted">{pick(H.loading, lang)}</p>;
  if (!rows?.length) return <p className="sv-muted">{pick(H.noAccountability, lang)}</p>;
  return (
    <ul className="hub-list hub-acc" data-testid="accountability">
      {rows.map((row, i) => {
        const d = describeRecord(row, lang);
        return (
          <li key={i}>
            {d.when && <time>{d.when}</time>}
            <strong>{d.title}</strong>
            {d.detail && <div className="sv-muted sv-small">{d.detail}</div>}
          </li>
        );
      })}
    </ul>
  );
}
