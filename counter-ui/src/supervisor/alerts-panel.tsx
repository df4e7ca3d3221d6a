import type { AlertRecord } from '@antre/server/contract';
import { localTime } from '@antre/server/contract';
import { pick, type Lang } from '../shared/i18n';
import { Bilingual } from './staff-frame';
import { S } from './texts';

interface Props {
  alerts: AlertRecord[];
  lang: Lang;
  timeZone: string;
  /** Without it (a read-only view such as the hub's), no re-route button. */
  onReroute?: (serviceId: string) => void;
  /** Without it (a read-only view such as the hub's), no acknowledge button. */
  onAck?: (id: string) => void;
}

/**
 * The top of the monitor: a green strip when all is well; otherwise every alert the server holds,
 * in both languages, the critical ones (nobody serves waiting visitors, an officer not back from a
 * break, a priority visitor kept waiting) big and red, the warnings amber; each acknowledged once.
 */
export function AlertsPanel({ alerts, lang, timeZone, onReroute, onAck }: Props) {
  if (!alerts.length) {
    return (
      <section className="sv-alerts sv-alerts--none" aria-label={pick(S.alertsTitle, lang, { n: 0 })} data-testid="alerts">
        <Bilingual text={S.alertsNone} lang={lang} />
      </section>
    );
  }
  const critical = alerts.filter((a) => a.severity === 'critical');
  const warnings = alerts.filter((a) => a.severity !== 'critical');
  const card = (a: AlertRecord) => (
    <article
      key={a.id}
      className={`sv-alert sv-alert--${a.severity}${a.ackAt ? ' is-acked' : ''}`}
      role="alert"
      data-kind={a.kind}
      data-service={a.serviceId}
      data-counter={a.counterId ?? undefined}
    >
      <AlertIcon critical={a.severity === 'critical'} />
      <div className="sv-alert__text">
        <Bilingual text={a.message} lang={lang} />
        <span className="sv-alert__meta">
          {pick(S.alertSince, lang, { time: localTime(a.begunAt, timeZone) })}
          {a.ackAt !== null && ` · ${pick(S.alertAckedBy, lang, { name: a.ackByName ?? '', time: localTime(a.ackAt, timeZone) })}`}
        </span>
      </div>
      <div className="sv-alert__actions">
        {a.ackAt === null && onAck && (
          <button type="button" className="sv-btn sv-btn--small" data-action="ack" onClick={() => onAck(a.id)}>
            {pick(S.alertAck, lang)}
          </button>
        )}
        {a.serviceId && onReroute && (
          <button type="button" className="sv-btn sv-btn--small" onClick={() => onReroute(a.serviceId)}>
            {pick(S.reroute, lang)}
          </button>
        )}
      </div>
    </article>
  );
  return (
    <section className="sv-alerts" aria-label={pick(S.alertsTitle, lang, { n: alerts.length })} data-testid="alerts" aria-live="polite">
      {critical.length > 0 && <div className="sv-alerts__critical">{critical.map(card)}</div>}
      {warnings.length > 0 && <div className="sv-alerts__warnings">{warnings.map(card)}</div>}
    </section>
  );
}

function AlertIcon({ critical }: { critical: boolean }) {
  return (
    <svg className="sv-alert__icon" viewBox="0 0 24 24" aria-hidden>
      {critical ? (
        <path d="M12 3 2 21h20L12 3Zm0 6v6m0 2.5v.5" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />
      ) : (
        <g fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round">
          <circle cx="12" cy="12" r="9" />
          <path d="M12 7v5l3 2" />
        </g>
      )}
    </svg>
  );
}
