/** Small time hooks with their timers always cleared: a board runs for days. */
import { useEffect, useState } from 'react';

/** The server's time, ticking on each whole second (offset measured at each snapshot). */
export function useServerNow(offset: number): number {
  const [now, setNow] = useState(() => Date.now() + offset);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      const t = Date.now() + offset;
      setNow(t);
      // Re-aimed at the next second every time, so the clock never drifts or skips.
      timer = setTimeout(tick, 1000 - (t % 1000) + 5);
    };
    tick();
    return () => clearTimeout(timer);
  }, [offset]);
  return now;
}

/** True for `ms` after a local arrival time: how long a new call stays lit. */
export function useFresh(receivedAt: number | null | undefined, ms: number): boolean {
  const left = receivedAt == null ? 0 : receivedAt + ms - Date.now();
  const [, rerender] = useState(0);
  useEffect(() => {
    if (left <= 0) return;
    const timer = setTimeout(() => rerender((n) => n + 1), left + 10);
    return () => clearTimeout(timer);
  }, [receivedAt, left > 0]);
  return left > 0;
}
