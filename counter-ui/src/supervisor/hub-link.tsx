import { pick, type Lang } from '../shared/i18n';
import { duration } from './format';
import { S } from './texts';
import { usePolled } from './use-staff-data';

/** This building's link to the hub of many buildings, when it has one: is it reporting, how much waits, why not. */
export function HubLinkPanel({ token, now, lang }: { token: string; now: number; lang: Lang }) {
  const health = usePolled('health', {}, token, 15000);
  const hub = health.data?.hub;
  if (!hub) return null;
  const good = hub.state === 'ok';
  return (
    <>
      <h2>{pick(S.hubLink, lang)}</h2>
      <ul className="sv-devlist">
        <li className={`sv-dev ${good ? 'is-on' : hub.state === 'starting' ? 'is-idle' : 'is-bad'}`} data-hub-link={hub.state}>
          <span className="sv-dot" aria-hidden />
          <div className="sv-dev__main">
            <strong>{pick(S.hubSite, lang, { site: hub.siteId })}</strong> <code className="sv-small">{hub.url}</code>
            <div className="sv-small">
              {pick(good ? S.hubOk : hub.state === 'starting' ? S.hubStarting : S.hubRetrying, lang)}
              {' · '}
              {hub.lastOkAt ? pick(S.hubLastOk, lang, { d: duration(now - hub.lastOkAt, lang) }) : pick(S.hubNever, lang)}
              {' · '}
              <span className={hub.pendingEvents > 0 && !good ? 'sv-bad' : ''}>{pick(S.hubPending, lang, { n: hub.pendingEvents })}</span>
              {hub.lastError && <div className="sv-bad">{hub.lastError.message}</div>}
            </div>
          </div>
        </li>
      </ul>
    </>
  );
}
