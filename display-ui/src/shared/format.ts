/** Pure formatting for the boards: WITA date and clock, and a counter's state in words. */
import { localParts, localTime, type LocalizedText, type PublicCounter } from '@antre/server/contract';
import { MONTHS, WEEKDAYS, text } from './dictionary';

const pad = (n: number) => String(n).padStart(2, '0');

/** "Rabu, 25 November 2026" in the venue's zone, whatever zone the display PC is set to. */
export function formatDate(t: number, tz: string): LocalizedText {
  const p = localParts(t, tz);
  const wd = WEEKDAYS[p.weekday] ?? { id: '', en: '' };
  const m = MONTHS[p.month - 1] ?? { id: '', en: '' };
  return { id: `${wd.id}, ${p.day} ${m.id} ${p.year}`, en: `${wd.en}, ${p.day} ${m.en} ${p.year}` };
}

/** "09:41:07" in the venue's zone: the hall clock people set their watches by. */
export function formatClock(t: number, tz: string): string {
  const p = localParts(t, tz);
  return `${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

export type CounterTone = 'called' | 'serving' | 'idle' | 'break' | 'closed';

/**
 * What a counter tile says under its number, and the colour family it is drawn in. With `now`, a
 * break past its return time says so ("lewat 3 mnt") instead of a time already gone.
 */
export function counterState(c: PublicCounter | undefined, tz: string, now?: number): { tone: CounterTone; label: LocalizedText } {
  if (!c || c.status === 'closed') return { tone: 'closed', label: text('stateClosed') };
  if (c.status === 'break') {
    if (c.breakUntil && now !== undefined && now >= c.breakUntil + 60000)
      return { tone: 'break', label: text('stateBreakOver', { n: Math.floor((now - c.breakUntil) / 60000) }) };
    return { tone: 'break', label: c.breakUntil ? text('stateBreakUntil', { time: localTime(c.breakUntil, tz) }) : text('stateBreak') };
  }
  const s = c.ticket?.status;
  if (s === 'called') return { tone: 'called', label: text('stateCalled') };
  if (s === 'serving') return { tone: 'serving', label: text('stateServing') };
  if (s === 'held') return { tone: 'idle', label: text('stateHeld') };
  return { tone: 'idle', label: text('stateIdle') };
}
