import { useEffect, useRef, useState } from 'react';
import QRCode from 'qrcode';
import type { PrintJobView, PublicCounter } from '@antre/server/contract';
import { local, type Lang, type T } from '../shared/i18n';
import type { IssuedTicket, PublicVenue } from '../shared/venue-types';
import { Icon } from './icons';
import { estimateText } from './wording';
import { startsText } from '../shared/format';

interface Props {
  t: T;
  lang: Lang;
  venue: PublicVenue;
  ticket: IssuedTicket;
  counters: Map<string, PublicCounter>;
  kioskFloor: number | null;
  /** Later news of this ticket's print job, if any arrived after the answer. */
  printJob?: PrintJobView;
  onDone: () => void;
}

const PRINTING_SECONDS = 20;
/** A visitor told to photograph the screen needs longer than one who takes a paper ticket. */
const PRINTER_PROBLEM_SECONDS = 45;
/** The finger that pressed "take ticket" must not also dismiss the ticket. */
const TOUCH_GUARD_MS = 1500;

/** The ticket as the server recorded it: number, where to go, QR, and what the printer did. */
export function TicketScreen({ t, lang, venue, ticket, counters, kioskFloor, printJob, onDone }: Props) {
  const printState = printJob ? jobState(printJob) : ticket.print.state;
  const printing = printState === 'queued' || printState === 'printed';
  const total = printing ? PRINTING_SECONDS : PRINTER_PROBLEM_SECONDS;
  const [left, setLeft] = useState(total);
  const [qr, setQr] = useState('');
  const done = useRef(onDone);
  done.current = onDone;
  useEffect(() => {
    let alive = true;
    QRCode.toString(ticket.url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then(
      (svg) => alive && setQr(svg),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [ticket.url]);
  useEffect(() => {
    const started = Date.now();
    const timer = setInterval(() => {
      const rest = total - Math.floor((Date.now() - started) / 1000);
      if (rest <= 0) done.current();
      else setLeft(rest);
    }, 250);
    const touch = () => {
      if (printing && Date.now() - started > TOUCH_GUARD_MS) done.current();
    };
    window.addEventListener('pointerdown', touch);
    return () => {
      clearInterval(timer);
      window.removeEventListener('pointerdown', touch);
    };
  }, [total, printing]);

  const service = venue.services.find((s) => s.id === ticket.serviceId);
  const agency = venue.agencies.find((a) => a.id === ticket.agencyId);
  const floor = venue.floors.find((f) => f.number === ticket.floor);
  const floorName = floor ? local(floor.name, floor.nameEn, lang) : String(ticket.floor);
  const serving = venue.counters.filter((c) => c.serviceIds.includes(ticket.serviceId));
  const openFirst = [...serving].sort((a, b) => Number(counters.get(b.id)?.status === 'open') - Number(counters.get(a.id)?.status === 'open'));
  const area = openFirst.find((c) => c.waitingArea)?.waitingArea;
  const otherFloor = kioskFloor !== null && kioskFloor !== ticket.floor;

  return (
    <div className="ticket-screen" data-testid="ticket">
      <section className="ticket-main">
        <p className="ticket-label">{t('yourNumber')}</p>
        <p className="ticket-number" data-testid="ticket-number">
          {ticket.number}
        </p>
        <p className="ticket-service">{service ? local(service.name, service.nameEn, lang) : ''}</p>
        <p className="ticket-agency">{agency ? local(agency.name, agency.nameEn, lang) : ''}</p>
        {ticket.priority && <p className="ticket-priority">{t('priorityBadge', { what: t(`priority_${ticket.priority}`) })}</p>}
        <div className={`ticket-where${otherFloor ? ' is-other-floor' : ''}`} data-testid="ticket-where">
          <span className="fact-label">{t('whereToWait')}</span>
          <strong>{otherFloor ? t('goUpstairs', { floor: floorName }) : floorName}</strong>
          {area && <span>{area}</span>}
        </div>
        <div className="ticket-queue">
          <span>
            <Icon name="people" size={40} /> {ticket.ahead > 0 ? t('aheadN', { n: ticket.ahead }) : t('aheadNone')}
          </span>
          <span>
            <Icon name="clock" size={40} /> {t('estimatedWait')}: {estimateText(t, ticket.estimatedWaitMinutes)}
          </span>
          {ticket.serviceStartsAt !== null && ticket.serviceStartsAt > ticket.issuedAt && (
            <span data-testid="ticket-starts">{startsText(t, lang, ticket.serviceStartsAt, ticket.issuedAt, venue.timeZone, venue.timeZoneLabel)}</span>
          )}
        </div>
      </section>
      <section className="ticket-side">
        <div className="qr" data-testid="ticket-qr" dangerouslySetInnerHTML={{ __html: qr }} />
        <p className="qr-caption">{t('scanQr')}</p>
        {printing ? (
          <div className="notice notice-print" role="status" data-testid="print-status" data-state={printState}>
            <Icon name="printer" size={56} />
            <strong>{t('printing')}</strong>
          </div>
        ) : (
          <div className="notice notice-printer-problem" role="alert" data-testid="print-status" data-state={printState}>
            <Icon name="alert" size={56} />
            <div>
              <strong>{t('printerProblem')}</strong>
              <span>{t('printerProblemHint')}</span>
            </div>
          </div>
        )}
        <button type="button" className="btn btn-done" data-testid="done" onClick={onDone}>
          <Icon name="check" size={48} /> {t('done')}
        </button>
        <p className="ticket-countdown">{t('backToStartIn', { n: left })}</p>
      </section>
    </div>
  );
}

/** A print job's progress as the kiosk tells it: printing, printed, or a printer problem. */
function jobState(j: PrintJobView): 'queued' | 'printed' | 'failed' {
  if (j.state === 'printed') return 'printed';
  if (j.state === 'failed' || j.state === 'retrying') return 'failed';
  return 'queued';
}
