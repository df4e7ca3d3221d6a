/**
 * Every word the display shows, Bahasa Indonesia first with English beside it. Components ask
 * for a key; nothing visible is written inline in a component.
 */
import type { LocalizedText } from '@antre/server/contract';

export const DICT = {
  queueNumber: { id: 'Nomor antrean', en: 'Queue number' },
  goTo: { id: 'Silakan menuju', en: 'Please go to' },
  recall: { id: 'Panggilan ulang', en: 'Called again' },
  lastCalls: { id: 'Panggilan terakhir', en: 'Last calls' },
  /** A booked visitor's call: why a later number may go first. */
  booked: { id: 'Reservasi online', en: 'Booked online' },
  bookedShort: { id: 'Reservasi', en: 'Booked' },
  counters: { id: 'Loket', en: 'Counters' },
  waitingPerAgency: { id: 'Menunggu', en: 'Waiting' },
  people: { id: 'orang', en: 'people' },
  noCallsYet: { id: 'Belum ada panggilan', en: 'No calls yet' },
  noCounters: { id: 'Tidak ada loket di lantai ini', en: 'No counters on this floor' },
  stateIdle: { id: 'Siap', en: 'Ready' },
  stateCalled: { id: 'Dipanggil', en: 'Called' },
  stateServing: { id: 'Dilayani', en: 'Serving' },
  stateHeld: { id: 'Ditunda', en: 'On hold' },
  stateBreak: { id: 'Istirahat', en: 'On a break' },
  stateBreakUntil: { id: 'Istirahat s.d. {time}', en: 'Break until {time}' },
  stateBreakOver: { id: 'Istirahat (lewat {n} mnt)', en: 'On a break ({n} min over)' },
  stateClosed: { id: 'Tutup', en: 'Closed' },
  nowServing: { id: 'Nomor yang dilayani', en: 'Now serving' },
  allFloors: { id: 'Semua lantai', en: 'All floors' },
  offline: { id: 'Terputus, menyambung ulang…', en: 'Offline, reconnecting…' },
  restarting: { id: 'Server dimulai ulang…', en: 'Server restarting…' },
  loading: { id: 'Memuat…', en: 'Loading…' },
  soundBlocked: { id: 'Suara belum aktif. Ketuk layar untuk mengaktifkan suara', en: 'Sound is off. Tap the screen to enable sound' },
  pairTitle: { id: 'Layar ini belum dipasangkan', en: 'This screen is not paired yet' },
  pairRevoked: { id: 'Pemasangan layar ini tidak berlaku lagi', en: "This screen's pairing is no longer valid" },
  pairSteps: {
    id: 'Admin membuat perangkat jenis "display" di halaman admin, lalu membuka tautan pemasangan di layar ini, atau mengetik kodenya di bawah.',
    en: 'An admin creates a device of kind "display" on the admin page, then opens its pairing link on this screen, or types its code below.',
  },
  pairCode: { id: 'Kode pemasangan', en: 'Pairing code' },
  pairButton: { id: 'Pasangkan', en: 'Pair' },
  pairing: { id: 'Memasangkan…', en: 'Pairing…' },
  pairFailed: { id: 'Tidak dapat menghubungi server. Coba lagi.', en: 'Cannot reach the server. Try again.' },
  counterNoSuch: { id: 'Tidak ada loket "{id}". Periksa alamat layar ini.', en: 'There is no counter "{id}". Check this screen\'s address.' },
  counterUnknown: { id: 'Loket "{id}" tidak ada di lantai layar ini', en: 'Counter "{id}" is not on this screen\'s floor' },
} as const satisfies Record<string, LocalizedText>;

export type TextKey = keyof typeof DICT;

/** Looks a text up and fills {placeholders}, so callers never build sentences themselves. */
export function text(key: TextKey, vars: Record<string, string | number> = {}): LocalizedText {
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
  const entry: LocalizedText = DICT[key];
  return { id: fill(entry.id), en: fill(entry.en) };
}

export const WEEKDAYS: Record<string, LocalizedText> = {
  mon: { id: 'Senin', en: 'Monday' },
  tue: { id: 'Selasa', en: 'Tuesday' },
  wed: { id: 'Rabu', en: 'Wednesday' },
  thu: { id: 'Kamis', en: 'Thursday' },
  fri: { id: 'Jumat', en: 'Friday' },
  sat: { id: 'Sabtu', en: 'Saturday' },
  sun: { id: 'Minggu', en: 'Sunday' },
};

export const MONTHS: readonly LocalizedText[] = [
  { id: 'Januari', en: 'January' },
  { id: 'Februari', en: 'February' },
  { id: 'Maret', en: 'March' },
  { id: 'April', en: 'April' },
  { id: 'Mei', en: 'May' },
  { id: 'Juni', en: 'June' },
  { id: 'Juli', en: 'July' },
  { id: 'Agustus', en: 'August' },
  { id: 'September', en: 'September' },
  { id: 'Oktober', en: 'October' },
  { id: 'November', en: 'November' },
  { id: 'Desember', en: 'December' },
];
