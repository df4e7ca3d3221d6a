// Date, time and wait formatting in Bahasa Indonesia, in the venue's time zone (Asia/Makassar = WITA).

const DEFAULT_ZONE = 'Asia/Makassar';

const ZONE_LABELS: Record<string, string> = {
  'Asia/Makassar': 'WITA',
  'Asia/Ujung_Pandang': 'WITA',
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Jayapura': 'WIT',
};

const HARI = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];
const BULAN = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

export interface ZonedParts {
  year: number;
  month: number; // 1..12
  day: number;
  weekday: number; // 0 = Minggu (Sunday)
  hour: number;
  minute: number;
  zoneLabel: string;
}

function validZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    return DEFAULT_ZONE; // a config typo must not stop a ticket from printing; the venue is in WITA
  }
}

/** Splits an instant into calendar fields in `timeZone`, so the ticket shows local (WITA) time on any server clock. */
export function zonedParts(epochMs: number, timeZone: string): ZonedParts {
  const zone = validZone(timeZone);
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
    weekday: 'short',
    timeZoneName: 'short',
  });
  const parts = Object.fromEntries(fmt.formatToParts(new Date(epochMs)).map((p) => [p.type, p.value]));
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday ?? '');
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    weekday: Math.max(0, weekday),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    zoneLabel: ZONE_LABELS[zone] ?? parts.timeZoneName ?? zone,
  };
}

/** Date candidates from longest to shortest ("Sabtu, 28 November 2026" ... "28/11/2026"); the layout picks the first that fits. */
export function dateCandidates(p: ZonedParts): string[] {
  const hari = HARI[p.weekday] ?? '';
  const bulan = BULAN[p.month - 1] ?? String(p.month);
  const dd = String(p.day).padStart(2, '0');
  const mm = String(p.month).padStart(2, '0');
  return [
    `${hari}, ${p.day} ${bulan} ${p.year}`,
    `${hari}, ${p.day} ${bulan.slice(0, 3)} ${p.year}`,
    `${hari}, ${dd}/${mm}/${p.year}`,
    `${dd}/${mm}/${p.year}`,
  ];
}

/** Time the Indonesian way, "09.41 WITA" (PUEBI uses a dot between hours and minutes). */
export function formatTime(p: ZonedParts): string {
  return `${String(p.hour).padStart(2, '0')}.${String(p.minute).padStart(2, '0')} ${p.zoneLabel}`;
}

/** Estimated wait in words: "± 35 menit", "± 1 jam 20 menit", "segera", or "belum tersedia" when unknown. */
export function formatWait(minutes: number | null): string {
  if (minutes === null || !Number.isFinite(minutes) || minutes < 0) return 'belum tersedia';
  const m = Math.round(minutes);
  if (m === 0) return 'segera';
  if (m < 60) return `± ${m} menit`;
  const h = Math.floor(m / 60);
  const rest = m % 60;
  return rest === 0 ? `± ${h} jam` : `± ${h} jam ${rest} menit`;
}

/** People ahead in words: "12 orang", or "Anda berikutnya" when nobody is ahead. */
export function formatAhead(ahead: number): string {
  if (!Number.isFinite(ahead) || ahead <= 0) return 'Anda berikutnya';
  return `${Math.floor(ahead)} orang`;
}
