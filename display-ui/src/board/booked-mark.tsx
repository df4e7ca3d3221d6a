import { text } from '../shared/dictionary';
import { Say } from '../shared/say';

/**
 * The mark on a booked visitor's call: walk-ins who see a later number go first read why. The
 * short form (one word over its English) fits a row of the last calls; the long one a whole line.
 */
export function BookedMark({ short = false, className = '' }: { short?: boolean; className?: string }) {
  return (
    <span className={`booked-mark ${short ? 'booked-mark-short' : ''} ${className}`} data-testid="booked-mark">
      <svg className="booked-icon" viewBox="0 0 24 24" aria-hidden>
        <rect x="3" y="5" width="18" height="16" rx="2" fill="none" stroke="currentColor" strokeWidth="2.4" />
        <path d="M3 10h18M8 3v4M16 3v4" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" />
        <path d="M8.5 15.2l2.3 2.3 4.7-4.7" fill="none" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      <Say t={text(short ? 'bookedShort' : 'booked')} stacked={short} />
    </span>
  );
}
