import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { T } from '../shared/i18n';

/**
 * A scrolling region that says when more lies below and scrolls on a tap: not every visitor
 * knows that a screen can be swiped.
 */
export function ScrollArea({ t, className, children }: { t: T; className: string; children: ReactNode }) {
  const outer = useRef<HTMLDivElement>(null);
  const inner = useRef<HTMLDivElement>(null);
  const [more, setMore] = useState(false);
  useEffect(() => {
    const el = outer.current;
    if (!el) return;
    const check = () => setMore(el.scrollTop + el.clientHeight < el.scrollHeight - 40);
    check();
    el.addEventListener('scroll', check, { passive: true });
    const ro = new ResizeObserver(check);
    ro.observe(el);
    if (inner.current) ro.observe(inner.current);
    return () => {
      el.removeEventListener('scroll', check);
      ro.disconnect();
    };
  }, []);
  const down = () => outer.current?.scrollBy({ top: outer.current.clientHeight * 0.7, behavior: 'smooth' });
  return (
    <div className="scroll-wrap">
      <div ref={outer} className={className}>
        <div ref={inner}>{children}</div>
      </div>
      {more && (
        <button type="button" className="more-below" data-testid="more-below" onClick={down}>
          <span aria-hidden="true">▼</span> {t('moreBelow')}
        </button>
      )}
    </div>
  );
}
