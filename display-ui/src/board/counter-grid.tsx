import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { Agency, Counter, PublicCounter } from '@antre/server/contract';
import { counterState } from '../shared/format';
import { text } from '../shared/dictionary';
import { Say } from '../shared/say';
import { useFresh, useServerNow } from '../live/use-timers';
import { HIGHLIGHT_MS } from './latest-call';

export interface CounterTileData {
  counter: Counter;
  live: PublicCounter | undefined;
  agency: Agency | undefined;
  /** Local arrival of this counter's latest live call, to light the tile. */
  calledAt: number | null;
}

/** Tile number height and width as fractions of the tile (kept in step with board.css). */
const NUMBER_H = 0.48;
const NUMBER_W = 0.24;

/**
 * Columns for n tiles in a w x h panel: the layout that gives the served number the largest
 * type, since that is what must be read from 10 m; on a tie, the one with fewer empty slots.
 */
export function bestColumns(n: number, w: number, h: number, gap: number): number {
  let best = 1;
  let bestScore = -1;
  for (let cols = 1; cols <= Math.max(1, n); cols++) {
    const rows = Math.ceil(n / cols);
    const tw = (w - gap * (cols - 1)) / cols;
    const th = (h - gap * (rows - 1)) / rows;
    const font = Math.min(th * NUMBER_H, tw * NUMBER_W);
    const score = font - (cols * rows - n) * 0.01;
    if (score > bestScore) {
      best = cols;
      bestScore = score;
    }
  }
  return best;
}

/** The panel's size, followed as the screen turns or the waiting list grows. */
function useSize(ref: RefObject<HTMLElement | null>): { w: number; h: number; gap: number } {
  const [size, setSize] = useState({ w: 0, h: 0, gap: 0 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const next = { w: el.clientWidth, h: el.clientHeight, gap: parseFloat(getComputedStyle(el).rowGap) || 0 };
      setSize((s) => (s.w === next.w && s.h === next.h && s.gap === next.gap ? s : next));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return size;
}

/** Every counter of the floor: which number it serves and whether it is open. */
export function CounterGrid({ tiles, tz, clockOffset }: { tiles: CounterTileData[]; tz: string; clockOffset: number }) {
  const ref = useRef<HTMLElement>(null);
  const { w, h, gap } = useSize(ref);
  const cols = tiles.length === 0 ? 1 : bestColumns(tiles.length, w, h, gap);
  const rows = Math.max(1, Math.ceil(tiles.length / cols));
  return (
    <section
      ref={ref}
      className={`counters ${tiles.length === 0 ? 'counters-empty' : ''}`}
      data-testid="counters"
      style={{ gridTemplateColumns: `repeat(${cols}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${rows}, minmax(0, 1fr))` }}
    >
      {tiles.length === 0 && <Say t={text('noCounters')} stacked />}
      {tiles.map((t) => (
        <CounterTile key={t.counter.id} tile={t} tz={tz} clockOffset={clockOffset} />
      ))}
    </section>
  );
}

function CounterTile({ tile, tz, clockOffset }: { tile: CounterTileData; tz: string; clockOffset: number }) {
  const { counter, live, agency } = tile;
  const state = counterState(live, tz);
  const fresh = useFresh(tile.calledAt, HIGHLIGHT_MS);
  const away = state.tone === 'break' || state.tone === 'closed';
  const number = away ? null : (live?.ticket?.number ?? null);
  return (
    <article
      className={`tile tone-${state.tone} ${fresh ? 'is-fresh' : ''}`}
      data-testid={`counter-${counter.id}`}
      data-tone={state.tone}
      style={{ borderLeftColor: agency?.color }}
    >
      <div className="tile-head">
        <span className="tile-name">{counter.name}</span>
        {agency && <span className="tile-agency">{agency.shortName}</span>}
      </div>
      {away ? (
        // On a break or closed, the state itself is the big news: it takes the number's place.
        <div className="tile-away" lang="id">
          {state.tone === 'break' ? <BreakText live={live} tz={tz} clockOffset={clockOffset} /> : state.label.id}
        </div>
      ) : (
        <div className="tile-number" data-testid="tile-number">
          {number ?? '—'}
        </div>
      )}
      <div className="tile-state" lang="id">
        {away ? '' : <span className="tile-chip">{state.label.id}</span>}
      </div>
    </article>
  );
}

/** A break's words, kept current by the clock (only break tiles tick): "s.d. 12:30", then "lewat 3 mnt". */
function BreakText({ live, tz, clockOffset }: { live: PublicCounter | undefined; tz: string; clockOffset: number }) {
  const now = useServerNow(clockOffset);
  return <span data-testid="break-text">{counterState(live, tz, now).label.id}</span>;
}
