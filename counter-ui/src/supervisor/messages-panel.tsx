import { useState } from 'react';
import { localDay, localTime } from '@antre/server/contract';
import { api } from '../shared/api';
import { pick, type Lang } from '../shared/i18n';
import { S } from './texts';
import { usePolled } from './use-staff-data';

/** The message channels at a glance and the dead letters (numbers masked), each can be sent again. */
export function MessagesPanel({ token, now, lang, timeZone }: { token: string; now: number; lang: Lang; timeZone: string }) {
  const outbox = usePolled('messages.outbox', {}, token, 15000);
  const [resent, setResent] = useState<Set<string>>(new Set());
  const o = outbox.data;
  const resend = async (id: string) => {
    await api.call('messages.retry', { params: { id }, token }).then(
      () => setResent((s) => new Set(s).add(id)),
      () => undefined,
    );
    outbox.reload();
  };
  const today = Object.values(o?.sent[localDay(now, timeZone)] ?? {}).reduce((a, b) => a + b, 0);
  return (
    <section className="sv-card sv-panel" aria-labelledby="sv-messages" data-testid="messages-panel">
      <h2 id="sv-messages">{pick(S.messages, lang)}</h2>
      {o && o.channels.length === 0 && <p className="sv-muted sv-small">{pick(S.messagesOff, lang)}</p>}
      {o && o.channels.length > 0 && (
        <p className="sv-small">{pick(S.messagesState, lang, { channels: o.channels.join(', '), pending: o.pending, sent: today })}</p>
      )}
      {o && o.channels.length > 0 && (
        <>
          <h3 className="sv-small">{pick(S.deadLetters, lang)}</h3>
          {o.dead.length === 0 && <p className="sv-muted sv-small">{pick(S.noDeadLetters, lang)}</p>}
          <ul className="sv-devlist">
            {o.dead
              .slice(-20)
              .reverse()
              .map((d) => (
                <li key={d.id} className="sv-dev is-bad" data-dead={d.id}>
                  <span className="sv-dot" aria-hidden />
                  <div className="sv-dev__main">
                    <strong>{d.to}</strong> <span className="sv-muted sv-small">{localTime(d.createdAt, timeZone)}</span>
                    <div className="sv-small">{d.text}</div>
                    {d.lastError && <div className="sv-small sv-bad">{d.lastError}</div>}
                  </div>
                  <button type="button" className="sv-btn sv-btn--small" disabled={resent.has(d.id)} onClick={() => void resend(d.id)}>
                    {pick(resent.has(d.id) ? S.resent : S.resend, lang)}
                  </button>
                </li>
              ))}
          </ul>
        </>
      )}
    </section>
  );
}
