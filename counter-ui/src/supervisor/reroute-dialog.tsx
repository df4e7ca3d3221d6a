import { useMemo, useState } from 'react';
import type { LocalizedText, PublicCounter, StaffTicket } from '@antre/server/contract';
import { type BodyOf, api, errorText } from '../shared/api';
import { pick, type Lang } from '../shared/i18n';
import { duration } from './format';
import { Bilingual, Dialog } from './staff-frame';
import { S } from './texts';
import type { VenueView } from './use-staff-data';

interface Props {
  venue: VenueView;
  tickets: Map<string, StaffTicket>;
  /** Live counter states: a closed counter is marked and cannot be chosen. */
  counterStates: ReadonlyMap<string, PublicCounter>;
  serviceId: string;
  now: number;
  lang: Lang;
  token: string;
  onClose: () => void;
}

/** Sends a waiting (or held) visitor to another service, or to one counter, with a note. */
export function RerouteDialog({ venue, tickets, counterStates, serviceId, now, lang, token, onClose }: Props) {
  const [from, setFrom] = useState(serviceId);
  const [ticketId, setTicketId] = useState<string | null>(null);
  const [toService, setToService] = useState('');
  const [toCounter, setToCounter] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: LocalizedText; vars?: Record<string, string> } | null>(null);
  const waiting = useMemo(
    () => [...tickets.values()].filter((t) => t.serviceId === from && (t.status === 'waiting' || t.status === 'held')).sort((a, b) => a.queuedAt - b.queuedAt),
    [tickets, from],
  );
  const chosen = waiting.find((t) => t.id === ticketId) ?? waiting[0] ?? null;
  const target = toService || from;
  const counters = venue.counters.filter((c) => c.serviceIds.includes(target));
  const valid = !!chosen && (toService !== '' || toCounter !== '');
  const submit = async () => {
    if (!chosen || !valid) return;
    setBusy(true);
    setResult(null);
    const body: BodyOf<'tickets.transfer'> = {};
    if (toService) body.toServiceId = toService;
    if (toCounter) body.toCounterId = toCounter;
    if (note.trim()) body.note = note.trim();
    try {
      const moved = await api.call('tickets.transfer', { params: { id: chosen.id }, token, body });
      setResult({ ok: true, text: S.rerouted, vars: { from: chosen.number, to: moved.number } });
      setTicketId(null);
    } catch (e) {
      setResult({ ok: false, text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={pick(S.rerouteTitle, lang)} onClose={onClose}>
      <form className="sv-reroute" onSubmit={(e) => (e.preventDefault(), void submit())}>
        {result && (
          <p className={`sv-note ${result.ok ? 'sv-note--ok' : 'sv-note--error'}`} role={result.ok ? 'status' : 'alert'}>
            <Bilingual text={result.text} lang={lang} vars={result.vars} />
          </p>
        )}
        <label className="sv-field">
          <span>{pick(S.fromService, lang)}</span>
          <select value={from} onChange={(e) => (setFrom(e.target.value), setTicketId(null))}>
            {venue.services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.prefix} · {s.name}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="sv-field">
          <legend>{pick(S.ticket, lang)}</legend>
          {waiting.length === 0 && <p className="sv-muted">{pick(S.rerouteNone, lang)}</p>}
          <div className="sv-reroute__tickets">
            {waiting.slice(0, 30).map((t) => (
              <label key={t.id} className={`sv-chip ${chosen?.id === t.id ? 'is-on' : ''}`}>
                <input type="radio" name="ticket" checked={chosen?.id === t.id} onChange={() => setTicketId(t.id)} />
                <strong>{t.number}</strong> <small>{pick(S.waitedFor, lang, { d: duration(now - t.queuedAt, lang) })}</small>
              </label>
            ))}
          </div>
        </fieldset>
        <label className="sv-field">
          <span>{pick(S.toService, lang)}</span>
          <select value={toService} onChange={(e) => (setToService(e.target.value), setToCounter(''))} name="toService">
            <option value="">{pick(S.sameService, lang)}</option>
            {venue.services
              .filter((s) => s.id !== from)
              .map((s) => (
                <option key={s.id} value={s.id}>
                  {s.prefix} · {s.name}
                </option>
              ))}
          </select>
        </label>
        <label className="sv-field">
          <span>{pick(S.toCounter, lang)}</span>
          <select value={toCounter} onChange={(e) => setToCounter(e.target.value)} name="toCounter">
            <option value="">{pick(S.anyCounter, lang)}</option>
            {counters.map((c) => {
              const closed = counterStates.get(c.id)?.status === 'closed';
              return (
                <option key={c.id} value={c.id} disabled={closed} data-closed={closed || undefined}>
                  {c.name}
                  {closed ? ` — ${pick(S.counterClosed, lang)}` : ''}
                </option>
              );
            })}
          </select>
        </label>
        <label className="sv-field">
          <span>{pick(S.note, lang)}</span>
          <input value={note} maxLength={300} onChange={(e) => setNote(e.target.value)} />
        </label>
        <div className="sv-modal__actions">
          <button type="button" className="sv-btn" onClick={onClose}>
            {pick(S.cancel, lang)}
          </button>
          <button type="submit" className="sv-btn sv-btn--primary" disabled={!valid || busy}>
            {pick(S.rerouteButton, lang)}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
