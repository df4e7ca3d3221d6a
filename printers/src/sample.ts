// A realistic sample ticket for MPP Kabupaten Luwu, used by the print CLI and by tests.
import type { TicketPrintData } from './types.js';

/** Sample ticket data (Disdukcapil KTP-el at MPP Simpurusiang) so printers can be checked before going live. */
export function sampleTicket(overrides: Partial<TicketPrintData> = {}): TicketPrintData {
  return {
    venueName: 'MPP Kabupaten Luwu',
    venueSubtitle: 'Gedung Simpurusiang, Belopa',
    agencyName: 'Dinas Kependudukan dan Pencatatan Sipil',
    serviceName: 'Perekaman dan Pencetakan KTP-el',
    number: 'A-007',
    priorityLabel: 'Prioritas: Lansia',
    floorLabel: 'Lantai 1',
    waitingArea: 'Ruang tunggu A, dekat loket 1-3',
    issuedAt: Date.UTC(2026, 10, 28, 1, 41), // 09.41 WITA
    timeZone: 'Asia/Makassar',
    ahead: 12,
    estimatedWaitMinutes: 35,
    requirements: ['Fotokopi Kartu Keluarga (KK)', 'Surat pengantar dari desa/kelurahan', 'Membawa KTP lama bila ada'],
    fee: 'Gratis',
    qrUrl: 'https://antre.luwukab.go.id/t/A-007-7f3k9q',
    footer: 'Terima kasih. Mohon tunggu sampai nomor Anda dipanggil.',
    ...overrides,
  };
}
