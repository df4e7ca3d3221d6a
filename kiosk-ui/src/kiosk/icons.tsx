import type { ReactNode } from 'react';

// Simple line drawings on a 48x48 grid, drawn for Antre. They take the text colour, so the
// same drawing works white on an agency's colour tile or dark on a light button.

const c = (cx: number, cy: number, r: number, fill = false) => <circle cx={cx} cy={cy} r={r} fill={fill ? 'currentColor' : 'none'} />;
const p = (d: string) => <path d={d} />;

const DRAWINGS: Record<string, ReactNode> = {
  'id-card': (
    <>
      {p('M6 10h36a3 3 0 0 1 3 3v22a3 3 0 0 1-3 3H6a3 3 0 0 1-3-3V13a3 3 0 0 1 3-3z')}
      {c(16, 21, 5)}
      {p('M8 33c1.5-4 4.5-6 8-6s6.5 2 8 6M29 19h10M29 25h10M29 31h6')}
    </>
  ),
  briefcase: (
    <>
      {p('M8 15h32a3 3 0 0 1 3 3v20a3 3 0 0 1-3 3H8a3 3 0 0 1-3-3V18a3 3 0 0 1 3-3z')}
      {p('M17 15v-4a3 3 0 0 1 3-3h8a3 3 0 0 1 3 3v4M5 26h38M21 26v4h6v-4')}
    </>
  ),
  hospital: <>{p('M19 6h10v13h13v10H29v13H19V29H6V19h13z')}</>,
  bank: <>{p('M5 17L24 6l19 11zM11 21v14M19 21v14M29 21v14M37 21v14M4 41h40M7 37h34')}</>,
  car: (
    <>
      {p('M4 31v-7l6-10h28l6 10v7zM10 14l-2 10h32l-2-10M4 24h40')}
      {c(13, 34, 4, true)}
      {c(35, 34, 4, true)}
    </>
  ),
  shield: (
    <>
      {p('M24 4l16 6v12c0 10-7 18-16 22C15 40 8 32 8 22V10z')}
      {p('M17 24l5 5 9-10')}
    </>
  ),
  scale: (
    <>
      {p('M24 7v33M15 41h18M8 13h32M24 7v6')}
      {p('M8 13L3 26a5 5 0 0 0 10 0zM40 13l-5 13a5 5 0 0 0 10 0z')}
    </>
  ),
  mosque: (
    <>
      {p('M11 27a13 13 0 0 1 26 0M9 27h30v15H9zM21 42v-7a3 3 0 0 1 6 0v7M24 14V8')}
      {p('M26 5.5a2.8 2.8 0 1 0 0 4 3.5 3.5 0 1 1 0-4z')}
    </>
  ),
  pension: (
    <>
      {p(
        'M12 11c0-2.2 5.4-4 12-4s12 1.8 12 4-5.4 4-12 4-12-1.8-12-4zM12 11v7c0 2.2 5.4 4 12 4s12-1.8 12-4v-7M12 18v7c0 2.2 5.4 4 12 4s12-1.8 12-4v-7M12 25v7c0 2.2 5.4 4 12 4s12-1.8 12-4v-7',
      )}
      {p('M6 43h36')}
    </>
  ),
  bolt: <>{p('M28 3L9 27h13l-3 18 20-25H26z')}</>,
  passport: (
    <>
      {p('M13 4h22a3 3 0 0 1 3 3v34a3 3 0 0 1-3 3H13a3 3 0 0 1-3-3V7a3 3 0 0 1 3-3z')}
      {c(24, 20, 8)}
      {p('M16 20h16M24 12c-3.5 4.5-3.5 11.5 0 16M24 12c3.5 4.5 3.5 11.5 0 16M17 36h14')}
    </>
  ),
  land: (
    <>
      {p('M24 31s-9-8.5-9-15a9 9 0 0 1 18 0c0 6.5-9 15-9 15z')}
      {c(24, 16, 3)}
      {p('M4 43l10-7 10 4 10-4 10 7z')}
    </>
  ),
  tax: (
    <>
      {p('M11 4h19l8 8v32H11zM30 4v8h8M19 35l12-14')}
      {c(20, 23, 2.5)}
      {c(30, 33, 2.5)}
    </>
  ),
  zakat: (
    <>
      {c(29, 13, 8)}
      {p('M29 9v8M3 32h8l7-3h9a3 3 0 0 1 0 6h-7M20 35h9l10-6a3 3 0 0 1 3 5l-11 9H3')}
    </>
  ),
  water: (
    <>
      {p('M24 4S10 20 10 29a14 14 0 0 0 28 0C38 20 24 4 24 4z')}
      {p('M17 30a7 7 0 0 0 7 7')}
    </>
  ),
  mail: <>{p('M7 11h34a3 3 0 0 1 3 3v20a3 3 0 0 1-3 3H7a3 3 0 0 1-3-3V14a3 3 0 0 1 3-3zM5 13l19 14 19-14')}</>,
  building: <>{p('M9 43V6h21v37M30 17h10v26M5 43h38M15 13h3M22 13h3M15 20h3M22 20h3M15 27h3M22 27h3M18 43v-8h5v8M34 24h2M34 31h2')}</>,
  'hard-hat': <>{p('M4 33h40v5H4zM8 33a16 16 0 0 1 32 0M20 18v-7h8v7M15 21v12M33 21v12')}</>,
  handshake: <>{p('M2 19l8-6 9 3M46 19l-8-6-11 4-7 6a2.6 2.6 0 0 0 3.6 3.6L28 22l10 10M10 13L3 25l10 10 3-3M16 32l4 4M19 29l5 5M23 27l5 5M38 32l-6 6')}</>,

  // Screen controls and priority groups
  tap: (
    <>
      {p('M19 25V10a3.5 3.5 0 0 1 7 0v12M26 21a3.5 3.5 0 0 1 7 0v3M33 23a3.5 3.5 0 0 1 7 0v7c0 8-5 15-14 15h-2c-5 0-8-3-11-7l-5-8a3.3 3.3 0 0 1 5.5-3.6L19 31')}
      {p('M12 12a11 11 0 0 1 21 0')}
    </>
  ),
  back: <>{p('M20 10L6 24l14 14M7 24h35')}</>,
  home: <>{p('M5 23L24 7l19 16M10 19v23h28V19M20 42V30h8v12')}</>,
  search: (
    <>
      {c(20, 20, 13)}
      {p('M30 30l13 13')}
    </>
  ),
  globe: (
    <>
      {c(24, 24, 19)}
      {p('M5 24h38M24 5c-6 6-6 32 0 38M24 5c6 6 6 32 0 38M9 14h30M9 34h30')}
    </>
  ),
  check: <>{p('M9 25l10 10 20-21')}</>,
  printer: <>{p('M13 18V5h22v13M13 36H6V20a2 2 0 0 1 2-2h32a2 2 0 0 1 2 2v16h-7M13 29h22v14H13z')}</>,
  alert: (
    <>
      {p('M24 5l21 37H3zM24 18v11')}
      {c(24, 35, 1.5, true)}
    </>
  ),
  backspace: <>{p('M16 9h26v30H16L4 24zM22 18l12 12M34 18L22 30')}</>,
  people: (
    <>
      {c(17, 14, 6)}
      {c(33, 16, 5)}
      {p('M5 40c0-8 5-13 12-13s12 5 12 13M30 27c6 0 11 4 12 12')}
    </>
  ),
  clock: (
    <>
      {c(24, 24, 19)}
      {p('M24 13v12l8 5')}
    </>
  ),
  lansia: (
    <>
      {c(21, 7, 4)}
      {p('M21 13l-2 13 4 7v10M19 26l-5 17M20 16l-6 8M22 16l8 6M32 22v21')}
    </>
  ),
  disabilitas: (
    <>
      {c(18, 7, 4)}
      {p('M18 13v13h12l5 11h5M18 19h10')}
      {p('M12 22a11 11 0 1 0 15 14')}
    </>
  ),
  ibu_hamil: (
    <>
      {c(22, 7, 4)}
      {p('M21 13c-4 1-5 6-5 12v4h3v14M23 13c3 2 3 6 3 8 5 2 8 5 8 9 0 4-4 6-8 6v7M19 18l-6 8')}
    </>
  ),
};

/** An agency's picture from its icon keyword in the venue file; unknown keywords get a building. */
export function Icon({ name, size = 48, className }: { name: string; size?: number; className?: string }) {
  return (
    <svg
      className={className}
      width={size}
      height={size}
      viewBox="0 0 48 48"
      fill="none"
      stroke="currentColor"
      strokeWidth={3}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {DRAWINGS[name] ?? DRAWINGS.building}
    </svg>
  );
}
