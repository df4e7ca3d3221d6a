import { useState } from 'react';
import { WEEKDAYS, type DayHours, type Weekday, type WeeklyHours } from '@antre/server/contract';
import { pick, type Lang } from '../shared/i18n';
import { WEEKDAY } from '../supervisor/texts';
import { A } from './texts';

const DEFAULT_DAY: DayHours = { open: '08:00', close: '15:00', breaks: [] };

/** A week of opening hours: per weekday open or closed, open/close/last-ticket times and breaks. */
export function HoursEditor({ value, onChange, lang, name }: { value: WeeklyHours; onChange: (w: WeeklyHours) => void; lang: Lang; name: string }) {
  const set = (d: Weekday, h: DayHours | null) => onChange({ ...value, [d]: h });
  return (
    <table className="sv-hours" data-testid={`hours-${name}`}>
      <thead>
        <tr>
          <th>{pick(A.day, lang)}</th>
          <th>{pick(A.open, lang)}</th>
          <th>{pick(A.close, lang)}</th>
          <th>{pick(A.lastTicket, lang)}</th>
          <th>{pick(A.breaks, lang)}</th>
        </tr>
      </thead>
      <tbody>
        {WEEKDAYS.map((d) => {
          const h = value[d] ?? null;
          return (
            <tr key={d} data-day={d}>
              <td>
                <label className="sv-field--inline">
                  <input
                    type="checkbox"
                    checked={!!h}
                    onChange={(e) => set(d, e.target.checked ? { ...DEFAULT_DAY } : null)}
                    aria-label={`${pick(WEEKDAY[d], lang)} ${pick(A.open, lang)}`}
                  />
                  {pick(WEEKDAY[d], lang)}
                </label>
              </td>
              {h ? (
                <>
                  <td>
                    <TimeInput name={`${d}-open`} value={h.open} onChange={(v) => set(d, { ...h, open: v })} />
                  </td>
                  <td>
                    <TimeInput name={`${d}-close`} value={h.close} onChange={(v) => set(d, { ...h, close: v })} />
                  </td>
                  <td>
                    <TimeInput name={`${d}-lastTicket`} value={h.lastTicket ?? ''} onChange={(v) => set(d, withLastTicket(h, v))} />
                  </td>
                  <td>
                    <BreaksInput day={h} onChange={(breaks) => set(d, { ...h, breaks })} />
                  </td>
                </>
              ) : (
                <td colSpan={4} className="sv-muted">
                  {pick(A.closedDay, lang)}
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** 24-hour HH:MM as typed (a browser's time picker may show AM/PM); the server checks the format. */
function TimeInput({ name, value, onChange }: { name: string; value: string; onChange: (v: string) => void }) {
  return (
    <input
      className="sv-time"
      name={name}
      value={value}
      placeholder="08:00"
      inputMode="numeric"
      maxLength={5}
      onChange={(e) => onChange(e.target.value.trim())}
    />
  );
}

function withLastTicket(h: DayHours, v: string): DayHours {
  const { lastTicket: _drop, ...rest } = h;
  return v ? { ...rest, lastTicket: v } : rest;
}

/**
 * Breaks typed as "12:00-13:00, 15:00-15:15". What does not read as two times is passed on as
 * typed, so the server's check names it next to the form rather than it vanishing here.
 */
function BreaksInput({ day, onChange }: { day: DayHours; onChange: (b: DayHours['breaks']) => void }) {
  const [text, setText] = useState(() => day.breaks.map((b) => `${b.start}-${b.end}`).join(', '));
  const parse = (s: string): DayHours['breaks'] =>
    s
      .split(/[,;]/)
      .map((x) => x.trim())
      .filter(Boolean)
      .map((x, i) => {
        const m = /^(\S+?)\s*[-–]\s*(\S+)$/.exec(x);
        const reason = day.breaks[i]?.reason;
        const b = m ? { start: m[1]!, end: m[2]! } : { start: x, end: '' };
        return reason ? { ...b, reason } : b;
      });
  return <input className="sv-breaks" value={text} onChange={(e) => (setText(e.target.value), onChange(parse(e.target.value)))} />;
}
