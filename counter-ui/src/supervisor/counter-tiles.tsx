import type { PublicCounter } from '@antre/server/contract';
import { pick, type Lang } from '../shared/i18n';
import { clock, duration } from './format';
import { COUNTER_STATUS, S } from './texts';
import type { VenueView } from './use-staff-data';

/** One tile per counter of a floor: state colour, the ticket at the desk, how long since what. */
export function CounterTiles({
  venue,
  floor,
  counters,
  now,
  lang,
}: {
  venue: VenueView;
  floor: number;
  counters: Map<string, PublicCounter>;
  now: number;
  lang: Lang;
}) {
  const list = venue.counters.filter((c) => c.floor === floor);
  return (
    <div className="sv-tiles">
      {list.map((cfg) => {
        const c = counters.get(cfg.id);
        const status = c?.status ?? 'closed';
        const agency = venue.agencies.find((a) => a.id === cfg.agencyId);
        return (
          <article key={cfg.id} className={`sv-tile sv-tile--${status}`} data-counter={cfg.id} data-status={status}>
            <header>
              <strong>{cfg.name}</strong>
              <span className="sv-pill">{pick(COUNTER_STATUS[status], lang)}</span>
            </header>
            <span className="sv-tile__agency" style={{ borderColor: agency?.color }}>
              {agency?.shortName ?? cfg.agencyId}
            </span>
            <TileBody c={c} venue={venue} now={now} lang={lang} />
          </article>
        );
      })}
    </div>
  );
}

function TileBody({ c, venue, now, lang }: { c: PublicCounter | undefined; venue: VenueView; now: number; lang: Lang }) {
  const tz = venue.timeZone;
  if (!c || c.status === 'closed') return <div className="sv-tile__body sv-muted">—</div>;
  if (c.status === 'break') {
    const until = c.breakUntil;
    const overdue = until !== null && now - until >= 60000;
    return (
      <div className="sv-tile__body">
        <div className="sv-tile__reason">
          {c.breakReason ?? pick(S.statusBreak, lang)} · {pick(S.onBreakFor, lang, { d: duration(Math.max(0, now - c.since), lang) })}
        </div>
        {until !== null && (
          <div className={overdue ? 'sv-bad' : 'sv-muted'}>
            {pick(S.breakBack, lang, { t: clock(until, tz) })} ·{' '}
            {overdue ? pick(S.breakOverdue, lang, { d: duration(now - until, lang) }) : duration(Math.max(0, until - now), lang)}
          </div>
        )}
      </div>
    );
  }
  if (c.ticket) {
    const svc = venue.services.find((s) => s.id === c.ticket!.serviceId);
    return (
      <div className="sv-tile__body">
        <div className="sv-tile__number">{c.ticket.number}</div>
        <div className="sv-muted">
          {svc?.name} ·{' '}
          {c.ticket.status === 'serving'
            ? pick(S.serving, lang)
            : now - (c.ticket.calledAt ?? now) < 60000
              ? pick(S.calledNow, lang)
              : pick(S.called, lang, { d: duration(now - (c.ticket.calledAt ?? now), lang) })}
        </div>
      </div>
    );
  }
  return (
    <div className="sv-tile__body sv-muted">
      {c.lastCallAt === null
        ? pick(S.idleNever, lang)
        : now - c.lastCallAt < 60000
          ? pick(S.idleJust, lang)
          : pick(S.idleFor, lang, { d: duration(now - c.lastCallAt, lang) })}
    </div>
  );
}
