import type { Agency } from '@antre/server/contract';
import { text } from '../shared/dictionary';
import { Say } from '../shared/say';

/** People waiting per agency of this floor, so a visitor sees how busy their line is. */
export function WaitingPanel({ rows }: { rows: { agency: Agency; waiting: number }[] }) {
  return (
    <section className={`waiting ${rows.length > 9 ? 'is-dense' : ''}`} data-testid="waiting">
      <h2 className="panel-title">
        <Say t={text('waitingPerAgency')} />
      </h2>
      <ul className="waiting-list">
        {rows.map(({ agency, waiting }) => (
          <li key={agency.id} className={`waiting-item ${waiting === 0 ? 'is-zero' : ''}`} data-testid={`waiting-${agency.id}`}>
            <span className="waiting-dot" style={{ background: agency.color }} />
            <span className="waiting-name">{agency.shortName}</span>
            <span className="waiting-count">{waiting}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
