import { useEffect, useState } from 'react';
import type { BookingCatalog, BookingView, Slot } from '@antre/server/contract';
import { api, ApiError } from '../shared/api';
import { local, pick, translator, type Lang } from '../shared/i18n';
import { TEXT } from '../shared/text';
import { CodeCard, dayLabel, SlotPicker } from './parts';
import { solveChallenge } from './pow';

const LANG_KEY = 'antre.booking.lang';

/** The public booking page on the visitor's phone: choose, give a name and number, get a code and a QR. */
export function BookingPage() {
  const [lang, setLang] = useState<Lang>(() => (localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'id'));
  const t = translator(lang);
  const [cat, setCat] = useState<BookingCatalog | null>(null);
  const [agencyId, setAgencyId] = useState<string | null>(null);
  const [serviceId, setServiceId] = useState<string | null>(null);
  const [day, setDay] = useState<string | null>(null);
  const [slots, setSlots] = useState<Slot[] | null>(null);
  const [time, setTime] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [website, setWebsite] = useState('');
  const [consent, setConsent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<BookingView | null>(null);
  const fail = (e: unknown) => setError(pick(e instanceof ApiError && e.text ? e.text : TEXT.networkError, lang));

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = translator(lang)('bkTitle');
  }, [lang]);
  useEffect(() => {
    api.call('booking.services').then(setCat, fail);
  }, []);
  useEffect(() => {
    setSlots(null);
    setTime(null);
    if (serviceId && day) api.call('booking.slots', { query: { serviceId, day } }).then((r) => setSlots(r.slots), fail);
  }, [serviceId, day]);

  const service = cat?.services.find((s) => s.id === serviceId) ?? null;
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!consent) return setError(t('ntNeedConsent'));
    if (!serviceId || !day || !time) return;
    setBusy(true);
    setError(null);
    try {
      const c = await api.call('booking.challenge');
      const nonce = await solveChallenge(c.challenge, c.bits);
      setDone(await api.call('bookings.create', { body: { serviceId, day, time, name, phone, consent: true, challenge: c.challenge, nonce, website } }));
      window.scrollTo(0, 0);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  const switchLang = () => {
    const next = lang === 'id' ? 'en' : 'id';
    localStorage.setItem(LANG_KEY, next);
    setLang(next);
  };

  return (
    <div className="bk" data-testid="booking-page">
      <header className="bk-head">
        <span>{cat?.venue.name ?? t('bkTitle')}</span>
        <button type="button" className="bk-lang" onClick={switchLang}>
          {t('langSwitch')}
        </button>
      </header>
      {done && cat && service ? (
        <>
          <h1 className="bk-title">{t('bkDone')}</h1>
          <CodeCard
            t={t}
            code={done.code}
            qrSvg={done.qrSvg}
            when={`${local(service.name, service.nameEn, lang)} · ${t('bkWhen', { day: dayLabel(done.day, lang), time: done.time, tz: cat.venue.timeZoneLabel })}`}
            before={cat.settings.checkInBeforeMinutes}
            after={cat.settings.checkInAfterMinutes}
          />
          <Requirements t={t} lang={lang} service={service} />
          <section className="bk-card">
            <p>{t('bkSentTo', { phone: done.phone })}</p>
            <a className="bk-link" href={done.manageUrl}>
              {t('bkManage')}
            </a>
          </section>
        </>
      ) : (
        <form className="bk-form" onSubmit={(e) => void submit(e)}>
          <h1 className="bk-title">{t('bkTitle')}</h1>
          <p className="bk-note">{t('bkIntro')}</p>
          {cat && cat.services.length === 0 && <p className="bk-note">{t('bkNone')}</p>}
          {cat && cat.services.length > 0 && (
            <>
              <h2>{t('bkAgency')}</h2>
              <div className="bk-chips">
                {cat.agencies.map((a) => (
                  <button
                    type="button"
                    key={a.id}
                    data-agency={a.id}
                    className={`bk-chip${a.id === agencyId ? ' is-on' : ''}`}
                    onClick={() => {
                      setAgencyId(a.id);
                      setServiceId(null);
                    }}
                  >
                    {a.shortName}
                  </button>
                ))}
              </div>
            </>
          )}
          {cat && agencyId && (
            <>
              <h2>{t('bkService')}</h2>
              <div className="bk-list">
                {cat.services
                  .filter((s) => s.agencyId === agencyId)
                  .map((s) => (
                    <button
                      type="button"
                      key={s.id}
                      data-service={s.id}
                      className={`bk-item${s.id === serviceId ? ' is-on' : ''}`}
                      onClick={() => setServiceId(s.id)}
                    >
                      {local(s.name, s.nameEn, lang)}
                    </button>
                  ))}
              </div>
              {service && <Requirements t={t} lang={lang} service={service} />}
            </>
          )}
          {cat && service && (
            <>
              <h2>
                {t('bkDay')} · {t('bkTime')}
              </h2>
              <SlotPicker t={t} lang={lang} days={cat.days} day={day} slots={slots} time={time} onDay={setDay} onTime={setTime} />
            </>
          )}
          {cat && service && time && (
            <>
              <h2>{t('bkYou')}</h2>
              <label className="bk-field">
                <span>{t('bkName')}</span>
                <input name="name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} minLength={2} maxLength={80} required />
              </label>
              <label className="bk-field">
                <span>{t('bkPhone')}</span>
                <input
                  name="phone"
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
              <label className="bk-hp" aria-hidden="true">
                Website
                <input name="website" tabIndex={-1} autoComplete="off" value={website} onChange={(e) => setWebsite(e.target.value)} />
              </label>
              <label className="bk-consent">
                <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} />
                <span>{t('bkConsent', { days: cat.keepNumbersDays })}</span>
              </label>
              {error && (
                <p className="bk-error" role="alert">
                  {error}
                </p>
              )}
              <button type="submit" className="bk-submit" data-testid="bk-submit" disabled={busy}>
                {busy ? t('bkChecking') : t('bkSubmit')}
              </button>
            </>
          )}
          {error && !time && (
            <p className="bk-error" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
    </div>
  );
}

export function Requirements({ t, lang, service }: { t: (k: 'bkBring' | 'bkFee') => string; lang: Lang; service: BookingCatalog['services'][number] }) {
  const reqs = lang === 'en' && service.requirementsEn?.length ? service.requirementsEn : service.requirements;
  return (
    <section className="bk-card bk-reqs">
      {reqs.length > 0 && (
        <>
          <p className="bk-label">{t('bkBring')}</p>
          <ul>
            {reqs.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </>
      )}
      <p>
        <span className="bk-label">{t('bkFee')}:</span> {local(service.fee, service.feeEn, lang)}
      </p>
    </section>
  );
}
