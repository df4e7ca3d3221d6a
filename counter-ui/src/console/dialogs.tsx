import { useState } from 'react';
import type { StaffTicket } from '@antre/server/contract';
import { useEnv } from './console-context';
import { clockTime } from './format';
import { ACTION_TEXT, T } from './texts';
import { Modal } from './modal';
import { useCallGuards } from './absent-controls';

interface Base {
  onClose: () => void;
}

/** Send the current visitor to another service (new number) or another counter (same number), with a note. */
export function TransferDialog({
  ticket,
  counterId,
  isClosed,
  onSubmit,
  onClose,
}: Base & {
  ticket: StaffTicket;
  counterId: string;
  isClosed: (counterId: string) => boolean;
  onSubmit: (body: { toServiceId?: string; toCounterId?: string; note?: string }) => void;
}) {
  const { t, venue, serviceName, servicePrefix } = useEnv();
  const [mode, setMode] = useState<'service' | 'counter'>('service');
  const [serviceId, setServiceId] = useState('');
  const [toCounterId, setToCounterId] = useState('');
  const [note, setNote] = useState('');
  const target = mode === 'service' ? serviceId : toCounterId;
  const submit = () => {
    const n = note.trim();
    onSubmit({ ...(mode === 'service' ? { toServiceId: serviceId } : { toCounterId }), ...(n ? { note: n } : {}) });
  };
  return (
    <Modal title={t('transferTitle', { number: ticket.number })} submitLabel={t('transferButton')} canSubmit={!!target} onSubmit={submit} onClose={onClose}>
      <div className="segmented" role="radiogroup">
        <label>
          <input type="radio" name="mode" checked={mode === 'service'} onChange={() => setMode('service')} /> {t('toService')}
        </label>
        <label>
          <input type="radio" name="mode" checked={mode === 'counter'} onChange={() => setMode('counter')} /> {t('toCounter')}
        </label>
      </div>
      {mode === 'service' ? (
        <label className="field">
          <span>{t('chooseService')}</span>
          <select name="toServiceId" value={serviceId} onChange={(e) => setServiceId(e.target.value)} data-autofocus>
            <option value="">—</option>
            {venue.agencies.map((a) => (
              <optgroup key={a.id} label={a.shortName}>
                {venue.services
                  .filter((s) => s.agencyId === a.id && s.id !== ticket.serviceId)
                  .map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.prefix} · {serviceName(s.id)}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </label>
      ) : (
        <label className="field">
          <span>{t('chooseTarget')}</span>
          <select name="toCounterId" value={toCounterId} onChange={(e) => setToCounterId(e.target.value)} data-autofocus>
            <option value="">—</option>
            {venue.counters
              .filter((c) => c.id !== counterId)
              .map((c) => {
                // A closed counter calls nobody: marked, and not offered.
                const closed = isClosed(c.id);
                return (
                  <option key={c.id} value={c.id} disabled={closed} data-closed={closed || undefined}>
                    {c.name}
                    {closed ? ` (${t('statusClosed')})` : ''} — {c.serviceIds.map(servicePrefix).join(', ')} ({serviceName(c.serviceIds[0]!)}
                    {c.serviceIds.length > 1 ? ', …' : ''})
                  </option>
                );
              })}
          </select>
        </label>
      )}
      <label className="field">
        <span>{t('note')}</span>
        <input name="note" maxLength={300} value={note} placeholder={t('notePlaceholder')} onChange={(e) => setNote(e.target.value)} />
      </label>
    </Modal>
  );
}

const MINUTES = [15, 30, 45, 60];

/** A break with a reason and a return time; the hall boards show the counter as resting. */
export function BreakDialog({ now, onSubmit, onClose }: Base & { now: number; onSubmit: (body: { reason: string; minutes: number }) => void }) {
  const { t, tx, venue } = useEnv();
  const reasons = tx(T.reasons).split('|');
  const [reason, setReason] = useState(reasons[0] ?? '');
  const [minutes, setMinutes] = useState(15);
  const ok = reason.trim().length > 0 && reason.trim().length <= 80 && Number.isInteger(minutes) && minutes >= 1 && minutes <= 240;
  return (
    <Modal title={t('breakTitle')} submitLabel={t('breakStart')} canSubmit={ok} onSubmit={() => onSubmit({ reason: reason.trim(), minutes })} onClose={onClose}>
      <label className="field">
        <span>{t('breakReason')}</span>
        <input name="reason" list="break-reasons" maxLength={80} value={reason} onChange={(e) => setReason(e.target.value)} data-autofocus />
        <datalist id="break-reasons">
          {reasons.map((r) => (
            <option key={r} value={r} />
          ))}
        </datalist>
      </label>
      <div className="chips-row">
        {reasons.map((r) => (
          <button type="button" key={r} className={`pill ${r === reason ? 'pill--on' : ''}`} onClick={() => setReason(r)}>
            {r}
          </button>
        ))}
      </div>
      <label className="field">
        <span>{t('breakMinutes')}</span>
        <input name="minutes" type="number" min={1} max={240} value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} />
      </label>
      <div className="chips-row">
        {MINUTES.map((m) => (
          <button type="button" key={m} className={`pill ${m === minutes ? 'pill--on' : ''}`} onClick={() => setMinutes(m)}>
            {m}′
          </button>
        ))}
      </div>
      {ok && (
        <p className="modal__preview" data-testid="break-return">
          {t('breakReturn', { t: clockTime(now + minutes * 60000, venue.timeZone) })}
        </p>
      )}
    </Modal>
  );
}

/** Park the visitor while they fetch a document; an optional note says what is missing. */
export function HoldDialog({ ticket, onSubmit, onClose }: Base & { ticket: StaffTicket | null; onSubmit: (body: { note?: string }) => void }) {
  const { t } = useEnv();
  const [note, setNote] = useState('');
  return (
    <Modal
      title={t('holdTitle', { number: ticket?.number ?? '' })}
      submitLabel={t('holdButton')}
      onSubmit={() => onSubmit(note.trim() ? { note: note.trim() } : {})}
      onClose={onClose}
    >
      <p className="muted">{t('holdHint')}</p>
      <label className="field">
        <span>{t('note')}</span>
        <input name="note" maxLength={300} value={note} placeholder={t('holdNote')} onChange={(e) => setNote(e.target.value)} />
      </label>
    </Modal>
  );
}

/** Closing the counter asks once. */
export function CloseDialog({ onSubmit, onClose }: Base & { onSubmit: () => void }) {
  const { t, tx } = useEnv();
  return (
    <Modal title={t('closeTitle')} submitLabel={tx(ACTION_TEXT.close)} danger onSubmit={onSubmit} onClose={onClose}>
      <p className="muted">{t('closeHint')}</p>
    </Modal>
  );
}

/** Marking a visitor absent asks once, and not before the venue's minimum time since the first call. */
export function NoShowDialog({
  ticket,
  now,
  lastCallAt,
  onSubmit,
  onClose,
}: Base & { ticket: StaffTicket; now: number; lastCallAt: number | null | undefined; onSubmit: () => void }) {
  const { t, venue } = useEnv();
  const { noShowIn } = useCallGuards(ticket, lastCallAt, now);
  return (
    <Modal
      title={t('noShowTitle', { number: ticket.number })}
      submitLabel={noShowIn > 0 ? `${t('noShowConfirm')} · ${t('readyIn', { s: noShowIn })}` : t('noShowConfirm')}
      canSubmit={noShowIn === 0}
      danger
      onSubmit={onSubmit}
      onClose={onClose}
    >
      <p className="muted">{t('noShowHint', { m: venue.settings.undoNoShowMinutes })}</p>
    </Modal>
  );
}
