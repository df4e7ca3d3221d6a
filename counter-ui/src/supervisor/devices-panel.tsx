import { useEffect, useState } from 'react';
import type { PrinterStateView } from '@antre/server/contract';
import { api } from '../shared/api';
import { pick, type Lang } from '../shared/i18n';
import type { LiveSocket } from '../shared/use-live';
import { duration } from './format';
import { DEVICE_KIND, S } from './texts';
import { usePolled } from './use-staff-data';
import { PrinterJobs } from './printer-jobs';
import { HubLinkPanel } from './hub-link';

/** Kiosks, displays, buttons (online, last seen) and the ticket printers' paper and cover, kept fresh. */
export function DevicesPanel({
  token,
  socket,
  now,
  lang,
  isAdmin,
  tz,
}: {
  token: string;
  socket: LiveSocket | null;
  now: number;
  lang: Lang;
  isAdmin: boolean;
  tz: string;
}) {
  const devices = usePolled('devices.list', {}, token, 15000);
  const printers = usePolled('printers.list', {}, token, 15000);
  const [pushed, setPushed] = useState<Map<string, PrinterStateView>>(new Map());
  const [sent, setSent] = useState<string | null>(null);
  /** The printer whose jobs of the day are unfolded. */
  const [open, setOpen] = useState<string | null>(null);
  useEffect(() => {
    if (!socket) return;
    const on = (p: PrinterStateView) => setPushed((m) => new Map(m).set(p.printerId, p));
    socket.on('printer', on);
    return () => {
      socket.off('printer', on);
    };
  }, [socket]);
  useEffect(() => {
    setPushed(new Map());
  }, [printers.data]);
  const printerList = (printers.data?.printers ?? []).map((p) => pushed.get(p.printerId) ?? p);
  const test = async (id: string) => {
    await api.call('printers.test', { token, params: { id } }).then(
      () => setSent(id),
      () => setSent(null),
    );
  };
  return (
    <section className="sv-card sv-panel" aria-labelledby="sv-devices">
      <h2 id="sv-devices">{pick(S.printers, lang)}</h2>
      {printers.missing && <p className="sv-muted sv-small">{pick(S.noPrinters, lang)}</p>}
      <ul className="sv-devlist">
        {printerList.map((p) => {
          const paper = p.paperOut ? 'out' : p.paperNearEnd ? 'low' : 'ok';
          return (
            <li key={p.printerId} className={`sv-dev ${p.online && paper !== 'out' && !p.coverOpen ? 'is-on' : 'is-bad'}`} data-printer={p.printerId}>
              <span className="sv-dot" aria-hidden />
              <div className="sv-dev__main">
                <strong>{p.kioskId}</strong> <code className="sv-small">{p.uri}</code>
                <div className="sv-small">
                  {pick(p.online ? S.deviceOnline : S.deviceOffline, lang)}
                  {' · '}
                  <span className={paper === 'ok' ? '' : 'sv-bad'}>{pick(paper === 'out' ? S.paperOut : paper === 'low' ? S.paperLow : S.paperOk, lang)}</span>
                  {p.coverOpen && <span className="sv-bad"> · {pick(S.coverOpen, lang)}</span>}
                  {p.queue > 0 && <> · {pick(S.queued, lang, { n: p.queue })}</>}
                  {p.lastError && <div className="sv-bad">{p.lastError}</div>}
                </div>
              </div>
              <span className="sv-dev__actions">
                <button type="button" className="sv-btn sv-btn--small" data-action="test-print" onClick={() => void test(p.printerId)}>
                  {pick(sent === p.printerId ? S.testSent : S.testPrint, lang)}
                </button>
                <button
                  type="button"
                  className="sv-btn sv-btn--small"
                  data-action="jobs"
                  aria-expanded={open === p.printerId}
                  onClick={() => setOpen(open === p.printerId ? null : p.printerId)}
                >
                  {pick(S.recentJobs, lang)}
                </button>
              </span>
              {open === p.printerId && <PrinterJobs printerId={p.printerId} token={token} tz={tz} lang={lang} />}
            </li>
          );
        })}
      </ul>
      <HubLinkPanel token={token} now={now} lang={lang} />
      <h2>{pick(S.devices, lang)}</h2>
      {devices.data && devices.data.devices.length === 0 && <p className="sv-muted sv-small">{pick(S.noDevices, lang)}</p>}
      <ul className="sv-devlist">
        {(devices.data?.devices ?? []).map((d) => (
          <li key={d.id} className={`sv-dev ${d.online ? 'is-on' : d.paired ? 'is-bad' : 'is-idle'}`} data-device={d.id}>
            <span className="sv-dot" aria-hidden />
            <div className="sv-dev__main">
              <strong>{d.name}</strong>{' '}
              <span className="sv-muted sv-small">
                {pick(DEVICE_KIND[d.kind], lang)}
                {d.floor !== null ? ` · ${pick(S.floor, lang, { n: d.floor })}` : ''}
              </span>
              <div className="sv-small">
                {!d.paired ? pick(S.deviceUnpaired, lang) : d.online ? pick(S.deviceOnline, lang) : pick(S.deviceOffline, lang)}
                {d.paired && ' · '}
                {d.paired && (d.lastSeenAt ? pick(S.lastSeen, lang, { d: duration(now - d.lastSeenAt, lang) }) : pick(S.neverSeen, lang))}
              </div>
            </div>
          </li>
        ))}
      </ul>
      {isAdmin && (
        <a className="sv-link" href="/counter/admin#devices">
          {pick(S.manageDevices, lang)}
        </a>
      )}
    </section>
  );
}
