import { useEffect, useState } from 'react';
import type { BookingCatalog, BookingView, Slot } from '@antre/server/contract';
import { api, ApiError } from '../shared/api';
import { local, pick, translator, type Lang } from '../shared/i18n';
import { TEXT } from '../shared/text';
import { Requirements } from './booking-page';
import { CodeCard, dayLabel, SlotPicker } from './parts';

/** The link in the confirmation: see the booking, move it to another slot, or cancel it. */
export function ManagePage({ token }: { token: string }) {
  const [lang, setLang] = useState<Lang>('id');
  const t = translator(lang);
  const [cat, setCat] = useState<BookingCatalog | null>(null);
  const [b, setB] = useState<BookingView | null>(null);
  const [day, setDay] = useState<string | null>(null);
  const [slots, setSlots] = useState<Slot[] | null>(null);
  const [time, setTime] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fail = (e: unknown) => setError(pick(e instanceof ApiError && e.text ? e.text : TEXT.networkError, lang));
  const params = { token };

  useEffect(() => {
    api.call('booking.services').then(setCat, fail);
    api.call('bookings.manage.get', { params }).then(setB, fail);
  }, [token]);
  useEffect(() => {
    setSlots(null);
    setTime(null);
    if (b && day) api.call('booking.slots', { query: { serviceId: b.serviceId, day } }).then((r) => setSlots(r.slots), fail);
  }, [b?.serviceId, day]);

  const act = async (fn: () => Promise<BookingView>) => {
    setError(null);
    try {
      const next = await fn();
      setB((prev) => ({ ...next, qrSvg: prev?.qrSvg }));
      setDay(null);
    } catch (e) {
      fail(e);
    }
  };
  const service = cat?.services.find((s) => s.id === b?.serviceId);
  return (
    <div className="bk" data-testid="manage-page">
      <header className="bk-head">
        <span>{cat?.venue.name ?? t('bkTitle')}</span>
        <button type="button" className="bk-lang" onClick={() => setLang(lang === 'id' ? 'en' : 'id')}>
          {t('langSwitch')}
        </button>
      </header>
      {error && (
        <p className="bk-error" role="alert">
          {error}
        </p>
      )}
      {b && cat && service && (
        <>
          <h1 className="bk-title">{local(service.name, service.nameEn, lang)}</h1>
          {b.status === 'cancelled' && (
            <p className="bk-card bk-error" data-testid="bk-cancelled">
              {t('bkCancelled')}
            </p>
          )}
          {b.status === 'checked_in' && b.ticketId && (
            <a className="bk-card bk-link" href={`/t/${b.ticketId}`}>
              {t('bkCheckedIn')}
            </a>
          )}
          {b.status === 'active' && (
            <>
              <CodeCard
                t={t}
                code={b.code}
                qrSvg={b.qrSvg}
                when={t('bkWhen', { day: dayLabel(b.day, lang), time: b.time, tz: cat.venue.timeZoneLabel })}
                before={cat.settings.checkInBeforeMinutes}
                after={cat.settings.checkInAfterMinutes}
              />
              <Requirements t={t} lang={lang} service={service} />
              <section className="bk-card">
                <h2>{t('bkManage')}</h2>
                <SlotPicker t={t} lang={lang} days={cat.days} day={day} slots={slots} time={time} onDay={setDay} onTime={setTime} />
                {day && time && (
                  <button type="button" className="bk-submit" onClick={() => void act(() => api.call('bookings.manage.move', { params, body: { day, time } }))}>
                    {t('bkMove')} ({dayLabel(day, lang)} {time})
                  </button>
                )}
                <button
                  type="button"
                  className="bk-cancel"
                  data-testid="bk-cancel"
                  onClick={() => void act(() => api.call('bookings.manage.cancel', { params, body: {} }))}
                >
                  {t('bkCancel')}
                </button>
              </section>
            </>
          )}
        </>
      )}
    </div>
  );
}
