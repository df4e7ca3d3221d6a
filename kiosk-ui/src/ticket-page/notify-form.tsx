import { useEffect, useState } from 'react';
import { messageSettings } from '@antre/server/contract';
import type { ContactState } from '@antre/server/api';
import { api, ApiError } from '../shared/api';
import { pick, type Lang, type T } from '../shared/i18n';
import { TEXT } from '../shared/text';
import type { PublicVenue } from '../shared/venue-types';

/** A walk-in visitor adds a number to get the same WhatsApp/SMS messages as a booked one; consent first. */
export function NotifyForm({ t, lang, ticketId, venue }: { t: T; lang: Lang; ticketId: string; venue: PublicVenue | null }) {
  const [state, setState] = useState<ContactState | null>(null);
  const [phone, setPhone] = useState('');
  const [consent, setConsent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.call('tickets.contact.get', { params: { id: ticketId } }).then(setState, () => setState(null));
  }, [ticketId]);

  if (!state?.available) return null;
  const settings = venue ? messageSettings(venue.settings) : null;
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!consent) return setError(t('ntNeedConsent'));
    setBusy(true);
    setError(null);
    try {
      const out = await api.call('tickets.contact.add', { params: { id: ticketId }, body: { phone, consent: true } });
      setState({ available: true, ...out });
    } catch (err) {
      setError(pick(err instanceof ApiError && err.text ? err.text : TEXT.networkError, lang));
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    setBusy(true);
    try {
      const out = await api.call('tickets.contact.remove', { params: { id: ticketId } });
      setState({ available: true, ...out });
    } catch (err) {
      setError(pick(err instanceof ApiError && err.text ? err.text : TEXT.networkError, lang));
    } finally {
      setBusy(false);
    }
  };
  if (state.registered) {
    return (
      <section className="tp-notify" data-testid="tp-notify">
        <p>{t('ntRegistered', { phone: state.phone ?? '' })}</p>
        <button type="button" className="tp-notify-remove" onClick={() => void remove()} disabled={busy}>
          {t('ntRemove')}
        </button>
      </section>
    );
  }
  return (
    <form className="tp-notify" data-testid="tp-notify" onSubmit={(e) => void submit(e)}>
      <h2>{t('ntTitle')}</h2>
      <p>{t('ntIntro', { n: settings?.almostTurnAhead ?? 3 })}</p>
      <label>
        <span>{t('ntPhone')}</span>
        <input
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          placeholder="0812 3456 7890"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          maxLength={20}
          required
        />
      </label>
      <label className="tp-consent">
        <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} />
        <span>{t('ntConsent', { days: settings?.keepNumbersDays ?? 7 })}</span>
      </label>
      {error && (
        <p className="tp-notify-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {t('ntSubmit')}
      </button>
    </form>
  );
}
