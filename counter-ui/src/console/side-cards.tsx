import type { StaffTicket } from '@antre/server/contract';
import { useEnv } from './console-context';
import { heldSince, type DayCounts } from './console-model';
import { clockTime, meanDuration } from './format';
import { KEYMAP } from './keymap';
import { ACTION_TEXT } from './texts';

/** Visitors parked at this counter, each with a button to put them back first in its line. */
export function HeldList({ held, busy, onResume }: { held: StaffTicket[]; busy: boolean; onResume: (ticketId: string) => void }) {
  const { t, tx, venue, serviceName } = useEnv();
  if (held.length === 0) return null;
  return (
    <section className="card held" aria-label={t('held')}>
      <h2 className="card__title">
        {t('held')} <span className="count">{held.length}</span>
      </h2>
      <ul>
        {held.map((tk) => (
          <li key={tk.id} data-held={tk.number}>
            <div>
              <strong className="wl__number">{tk.number}</strong>{' '}
              <span className="muted">
                {serviceName(tk.serviceId)} · {t('heldSince', { t: clockTime(heldSince(tk), venue.timeZone) })}
              </span>
              {tk.note && <div className="wl__note">“{tk.note}”</div>}
            </div>
            <button type="button" className="btn btn--small btn--primary" disabled={busy} data-action="resume" onClick={() => onResume(tk.id)}>
              {tx(ACTION_TEXT.resume)}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** My counts for today, from the tickets' audit trail. */
export function DayCountsCard({ counts }: { counts: DayCounts }) {
  const { t } = useEnv();
  const items = [
    ['countCalled', counts.called, 'called'],
    ['countServed', counts.served, 'served'],
    ['countNoShow', counts.noShow, 'no-show'],
    ['countTransferred', counts.transferred, 'transferred'],
    ['countHeld', counts.held, 'held'],
  ] as const;
  return (
    <section className="card counts" aria-label={t('today')}>
      <h2 className="card__title">{t('today')}</h2>
      <dl>
        {items.map(([k, v, id]) => (
          <div key={k} data-count={id}>
            <dd>{v}</dd>
            <dt>{t(k)}</dt>
          </div>
        ))}
        <div data-count="mean" className="counts__mean">
          <dd>{meanDuration(counts.serviceMs)}</dd>
          <dt>{t('countMean')}</dt>
        </div>
      </dl>
    </section>
  );
}

/** The legend of the keypad and keyboard keys, the same table the key handler reads. */
export function KeyLegend() {
  const { t, tx } = useEnv();
  return (
    <section className="card legend" aria-label={t('keysTitle')}>
      <h2 className="card__title">{t('keysTitle')}</h2>
      <ul>
        {KEYMAP.map((b) => (
          <li key={b.action} data-key-action={b.action}>
            <span className="legend__keys">
              <kbd>{b.keypad}</kbd>
              <kbd>{b.letter}</kbd>
            </span>
            <span>{tx(ACTION_TEXT[b.action])}</span>
          </li>
        ))}
      </ul>
      <p className="muted small">{t('keysHint')}</p>
    </section>
  );
}
