import { useCallback, useEffect, useRef, useState } from 'react';
import type { LocalizedText, PriorityCategory } from '@antre/server/contract';
import { api, ApiError, type BodyOf } from '../shared/api';
import { TEXT } from '../shared/text';
import { local, pick, translator, type Lang } from '../shared/i18n';
import type { IssuedTicket } from '../shared/venue-types';
import type { StoredDevice } from './device-store';
import { AgencyScreen, SearchButton } from './agency-screen';
import { ConfirmScreen } from './confirm-screen';
import { Frame } from './frame';
import { SearchScreen } from './search-screen';
import { ServiceList } from './service-screen';
import { TicketScreen } from './ticket-screen';
import { useIdle } from './use-idle';
import { useKioskLive } from './use-kiosk-live';
import { WelcomeScreen } from './welcome-screen';
import { CheckInScreen } from './check-in-screen';

type Step =
  | { screen: 'welcome' }
  | { screen: 'agencies' }
  | { screen: 'search' }
  | { screen: 'services'; agencyId: string }
  | { screen: 'confirm'; serviceId: string }
  | { screen: 'checkin' }
  | { screen: 'ticket'; ticket: IssuedTicket & { booking?: { time: string } } };

const HOME: Step[] = [{ screen: 'welcome' }];

interface Props {
  device: StoredDevice;
  lang: Lang;
  setLang: (l: Lang) => void;
  idleSeconds: number;
  onUnpaired: () => void;
}

/** A paired kiosk: live data, the visitor's path through the screens, and taking the ticket. */
export function KioskSession({ device, lang, setLang, idleSeconds, onUnpaired }: Props) {
  const live = useKioskLive(device.token);
  const [stack, setStack] = useState<Step[]>(HOME);
  const [query, setQuery] = useState('');
  const [priority, setPriority] = useState<PriorityCategory | null>(null);
  const [taking, setTaking] = useState(false);
  const [error, setError] = useState<LocalizedText | null>(null);
  const [checkInError, setCheckInError] = useState<{ code: ApiError['code']; text: LocalizedText } | null>(null);
  const [kioskFloor, setKioskFloor] = useState<number | null>(device.device?.floor ?? null);
  const [, tick] = useState(0);
  const inFlight = useRef(false);
  const unpaired = useRef(onUnpaired);
  unpaired.current = onUnpaired;
  const t = translator(lang);
  const step = stack[stack.length - 1] ?? HOME[0]!;

  useEffect(() => {
    if (live.unpaired) unpaired.current();
  }, [live.unpaired]);
  useEffect(() => {
    api.call('auth.me', { token: device.token }).then(
      (me) => me.device && setKioskFloor(me.device.floor),
      (e) => e instanceof ApiError && e.code === 'INVALID_TOKEN' && unpaired.current(),
    );
  }, [device.token]);
  useEffect(() => {
    const timer = setInterval(() => tick((n) => n + 1), 15000);
    return () => clearInterval(timer);
  }, []);

  const go = (s: Step) => {
    setError(null);
    if (s.screen === 'confirm') setPriority(null);
    setStack((st) => [...st, s]);
  };
  const back = () => {
    setError(null);
    setStack((st) => (st.length > 1 ? st.slice(0, -1) : st));
  };
  const home = useCallback(() => {
    requestKey.current = null;
    setStack(HOME);
    setQuery('');
    setPriority(null);
    setError(null);
    setLang('id');
  }, [setLang]);
  useIdle(idleSeconds * 1000, step.screen !== 'welcome' && step.screen !== 'ticket' && !taking, home);

  const requestKey = useRef<{ serviceId: string; priority: typeof priority; value: string } | null>(null);
  const take = async (serviceId: string) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setTaking(true);
    setError(null);
    try {
      // One key per visitor's request: retries after a lost answer, and the visitor's second tap on the
      // same choice, get the ticket the server already made instead of a second one.
      const key =
        requestKey.current?.serviceId === serviceId && requestKey.current.priority === priority
          ? requestKey.current
          : { serviceId, priority, value: newRequestKey() };
      requestKey.current = key;
      const ticket = await issueWithRetry(device.token, { serviceId, priority }, key.value);
      requestKey.current = null;
      setStack([...HOME, { screen: 'ticket', ticket }]);
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, 'NETWORK', null);
      if (err.code === 'INVALID_TOKEN' || err.code === 'UNAUTHENTICATED') unpaired.current();
      setError(err.text ?? TEXT.networkError);
    } finally {
      inFlight.current = false;
      setTaking(false);
    }
  };

  /** A booked visitor's code becomes a ticket (printed as any other). */
  const checkIn = async (code: string) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setTaking(true);
    setCheckInError(null);
    try {
      const ticket = await api.call('bookings.checkIn', { token: device.token, body: { code }, timeoutMs: 20000 });
      setStack([...HOME, { screen: 'ticket', ticket }]);
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, 'NETWORK', null);
      if (err.code === 'INVALID_TOKEN' || err.code === 'UNAUTHENTICATED') unpaired.current();
      setCheckInError({ code: err.code, text: err.text ?? TEXT.networkError });
    } finally {
      inFlight.current = false;
      setTaking(false);
    }
  };

  const now = live.now();
  const onLang = () => setLang(lang === 'id' ? 'en' : 'id');
  const venue = live.venue;
  if (step.screen === 'welcome' || !venue) {
    const bookable = venue?.services.some((s) => s.booking && s.booking.onlineShare > 0);
    return (
      <WelcomeScreen
        t={t}
        lang={lang}
        venue={venue}
        status={live.status}
        now={now}
        onLang={onLang}
        onStart={() => go({ screen: 'agencies' })}
        onCheckIn={
          bookable
            ? () => {
                setCheckInError(null);
                go({ screen: 'checkin' });
              }
            : undefined
        }
      />
    );
  }
  const frame = { t, status: live.status, onLang, onBack: back, onHome: home, screen: step.screen };
  switch (step.screen) {
    case 'agencies':
      return (
        <Frame {...frame} title={t('chooseAgency')} subtitle={t('chooseAgencyHint')} action={<SearchButton t={t} onSearch={() => go({ screen: 'search' })} />}>
          <AgencyScreen
            t={t}
            lang={lang}
            venue={venue}
            queues={live.queues}
            kioskFloor={kioskFloor}
            onAgency={(agencyId) => go({ screen: 'services', agencyId })}
          />
        </Frame>
      );
    case 'search':
      return (
        <Frame {...frame} title={t('searchTitle')} scroll={false}>
          <SearchScreen
            t={t}
            lang={lang}
            venue={venue}
            queues={live.queues}
            now={now}
            query={query}
            onQuery={setQuery}
            onAgency={(agencyId) => go({ screen: 'services', agencyId })}
            onService={(serviceId) => go({ screen: 'confirm', serviceId })}
          />
        </Frame>
      );
    case 'services': {
      const agency = venue.agencies.find((a) => a.id === step.agencyId);
      return (
        <Frame {...frame} title={agency?.shortName ?? ''} subtitle={`${agency ? local(agency.name, agency.nameEn, lang) : ''}`} badge={agency}>
          <h2 className="screen-heading">{t('chooseService')}</h2>
          <ServiceList
            t={t}
            lang={lang}
            venue={venue}
            services={venue.services.filter((s) => s.agencyId === step.agencyId)}
            queues={live.queues}
            now={now}
            showAgency={false}
            onService={(serviceId) => go({ screen: 'confirm', serviceId })}
          />
        </Frame>
      );
    }
    case 'confirm': {
      const service = venue.services.find((s) => s.id === step.serviceId);
      if (!service)
        return (
          <Frame {...frame} title={t('loading')}>
            {null}
          </Frame>
        );
      const agency = venue.agencies.find((a) => a.id === service.agencyId);
      return (
        <Frame {...frame} title={local(service.name, service.nameEn, lang)} subtitle={agency ? local(agency.name, agency.nameEn, lang) : ''} badge={agency}>
          <ConfirmScreen
            t={t}
            lang={lang}
            venue={venue}
            service={service}
            queue={live.queues.get(service.id)}
            online={live.status === 'online'}
            now={now}
            priority={priority}
            onPriority={setPriority}
            taking={taking}
            error={error && pick(error, lang)}
            onTake={() => void take(service.id)}
          />
        </Frame>
      );
    }
    case 'checkin':
      return (
        <Frame {...frame} title={t('ciTitle')} scroll={false}>
          <CheckInScreen
            t={t}
            busy={taking}
            error={checkInError && { code: checkInError.code, text: pick(checkInError.text, lang) }}
            onSubmit={(c) => void checkIn(c)}
            onWalkIn={() => setStack([...HOME, { screen: 'agencies' }])}
          />
        </Frame>
      );
    case 'ticket':
      return (
        <Frame {...frame} onBack={home} title={t('ticketReady')}>
          {step.ticket.booking && (
            <p className="booked-note" data-testid="booked-note">
              {t('ciBooked', { time: step.ticket.booking.time })}
            </p>
          )}
          <TicketScreen
            t={t}
            lang={lang}
            venue={venue}
            ticket={step.ticket}
            counters={live.counters}
            kioskFloor={kioskFloor}
            printJob={live.printJobs.get(step.ticket.id)}
            onDone={home}
          />
        </Frame>
      );
  }
}

/** A fresh Idempotency-Key for one visitor's request. */
function newRequestKey(): string {
  return `kiosk-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

/**
 * Issues a ticket, retrying with the same key when the answer was lost (no network, a restart):
 * the server answers a retry with the ticket the first attempt made. Refusals are not retried.
 */
async function issueWithRetry(token: string, body: BodyOf<'tickets.issue'>, key: string): Promise<IssuedTicket> {
  const deadline = Date.now() + 20000;
  for (let attempt = 0; ; attempt++) {
    try {
      return await api.call('tickets.issue', { token, body, idempotencyKey: key, timeoutMs: Math.max(2000, Math.min(8000, deadline - Date.now())) });
    } catch (e) {
      const retry = e instanceof ApiError && (e.code === 'NETWORK' || e.code === 'SHUTTING_DOWN' || e.code === 'SERVER_BUSY');
      if (!retry || Date.now() + 1000 * (attempt + 1) >= deadline) throw e;
      await new Promise((r) => setTimeout(r, 1000 * (attempt + 1)));
    }
  }
}
