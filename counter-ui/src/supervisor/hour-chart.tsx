import { pick, type Lang } from '../shared/i18n';
import { S } from './texts';

/** Tickets per hour as an inline SVG bar chart, over the hours from the first to the last ticket (at least 08–15). */
export function HourChart({ perHour, tzLabel, title, lang }: { perHour: number[]; tzLabel: string; title: string; lang: Lang }) {
  const used = perHour.map((n, h) => (n > 0 ? h : -1)).filter((h) => h >= 0);
  const first = Math.min(8, ...used);
  const last = Math.max(15, ...used);
  const hours = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const max = Math.max(1, ...perHour);
  const step = niceStep(max);
  const top = Math.ceil(max / step) * step;
  const W = 720;
  const H = 220;
  const pad = { l: 36, r: 8, t: 12, b: 28 };
  const bw = (W - pad.l - pad.r) / hours.length;
  const y = (v: number) => pad.t + (H - pad.t - pad.b) * (1 - v / top);
  const ticks = Array.from({ length: top / step + 1 }, (_, i) => i * step);
  return (
    <figure className="sv-chart">
      <figcaption>
        {pick(S.perHourTitle, lang, { tz: tzLabel })} · {title}
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={pick(S.perHourTitle, lang, { tz: tzLabel })}>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={pad.l} x2={W - pad.r} y1={y(v)} y2={y(v)} className="sv-chart__grid" />
            <text x={pad.l - 6} y={y(v) + 4} textAnchor="end" className="sv-chart__tick">
              {v}
            </text>
          </g>
        ))}
        {hours.map((h, i) => {
          const n = perHour[h] ?? 0;
          const x = pad.l + i * bw;
          return (
            <g key={h} data-hour={h} data-count={n}>
              <rect x={x + bw * 0.15} width={bw * 0.7} y={y(n)} height={y(0) - y(n)} className="sv-chart__bar">
                <title>{`${String(h).padStart(2, '0')}:00 — ${n}`}</title>
              </rect>
              {n > 0 && (
                <text x={x + bw / 2} y={y(n) - 4} textAnchor="middle" className="sv-chart__value">
                  {n}
                </text>
              )}
              <text x={x + bw / 2} y={H - pad.b + 16} textAnchor="middle" className="sv-chart__tick">
                {String(h).padStart(2, '0')}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

function niceStep(max: number): number {
  const raw = max / 4;
  const mag = 10 ** Math.floor(Math.log10(Math.max(1, raw)));
  for (const m of [1, 2, 5, 10]) if (raw <= m * mag) return m * mag;
  return 10 * mag;
}
