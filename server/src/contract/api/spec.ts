import type { z } from 'zod';
import type { ErrorCode, LocalizedText } from '../errors.js';
import type { CounterAction } from '../events.js';
import { agencyDayBody, finishBody } from '../plan.js';
import { reportCsvQuery, reportRangeQuery } from '../reports.js';
import {
  announcementsBody,
  callNextBody,
  counterStatusBody,
  createDeviceBody,
  createUserBody,
  emptyBody,
  holdBody,
  issueTicketBody,
  loginBody,
  pairBody,
  resumeBody,
  serviceStatusBody,
  transferBody,
  updateUserBody,
} from '../schemas.js';
import { submitSurveyBody, surveyResultsQuery } from '../survey.js';
import { venueSchema } from '../venue.js';
import {
  checkedInTicketAnswer,
  counterActionAnswer,
  counterListAnswer,
  healthAnswer,
  issuedTicketAnswer,
  publicVenueAnswer,
  ticketAnswer,
  visitorTicketAnswer,
} from './responses.js';
import type { RouteId } from './routes.js';
import {
  alertRecordId,
  bookingCheckInBody,
  bookingCreateBody,
  bookingMoveBody,
  bookingSlotsQuery,
  bookingTokenParam,
  contactBody,
  counterActionParams,
  dayQuery,
  idParam,
  jobIdParam,
  previewQuery,
  ticketIdParam,
  tokenQuery,
} from './schemas.js';

/**
 * Everything the server knows about each route beyond its method and path: who may call it, its
 * schemas, what it answers and which error codes it may answer. Server-only (it imports zod):
 * the routes validate from it and the OpenAPI document is generated from it.
 */

/** Who a route is for. `visitor`: anyone holding a ticket's (unguessable) id or a booking's token. */
export type Audience = 'public' | 'visitor' | 'kiosk' | 'display' | 'button' | 'survey' | 'printer' | 'officer' | 'supervisor' | 'admin';

export interface RouteSpec {
  tag: string;
  summary: LocalizedText;
  audience: readonly Audience[];
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** counters.action: the body each action takes. */
  bodyByAction?: Readonly<Record<CounterAction, z.ZodType>>;
  /** The answer's schema, or the name of its TypeScript type in the contract. */
  answer: z.ZodType | string;
  /** Success status when not 200. */
  status?: 201 | 202 | 204;
  /** Codes this route itself may answer (the ones any route may answer are added: ANY_ROUTE). */
  errors: readonly ErrorCode[];
  /** Extra request headers it reads. */
  headers?: readonly { name: string; description: string }[];
}

/** Codes any route may answer: bad request lines, a wrong token, budgets, restarts, bugs. */
export const ANY_ROUTE: readonly ErrorCode[] = [
  'BAD_REQUEST',
  'HEADERS_TOO_LARGE',
  'INVALID_TOKEN',
  'TOO_MANY_REQUESTS',
  'SERVER_BUSY',
  'SHUTTING_DOWN',
  'INTERNAL',
];
/** Codes of a route that reads a JSON body. */
const BODY: readonly ErrorCode[] = ['INVALID_INPUT', 'INVALID_JSON', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'];
const STAFF: readonly ErrorCode[] = ['UNAUTHENTICATED', 'FORBIDDEN'];
const STAFF_ROLES = ['officer', 'supervisor', 'admin'] as const;
const SUPERVISORS = ['supervisor', 'admin'] as const;
const text = (en: string, id: string): LocalizedText => ({ en, id });

const COUNTER_ERRORS: readonly ErrorCode[] = [
  ...BODY,
  ...STAFF,
  'NOT_FOUND',
  'NOT_YOUR_COUNTER',
  'COUNTER_NOT_FOUND',
  'TICKET_NOT_FOUND',
  'SERVICE_NOT_FOUND',
  'QUEUE_EMPTY',
  'COUNTER_BUSY',
  'COUNTER_IDLE',
  'COUNTER_NOT_OPEN',
  'COUNTER_CLOSED',
  'INVALID_STATE',
  'RECALL_TOO_SOON',
  'NO_SHOW_TOO_SOON',
  'UNDO_TOO_LATE',
  'SAME_SERVICE',
  'AGENCY_NOT_FOUND',
  'STORAGE_FAILED',
];

export const API_SPEC = {
  health: {
    tag: 'Public',
    summary: text('Readiness: ok once the server answers commands', 'Kesiapan: ok setelah server menerima perintah'),
    audience: ['public'],
    answer: healthAnswer,
    errors: [],
  },
  'venue.get': {
    tag: 'Public',
    summary: text('The venue: floors, agencies, services, counters, hours', 'Tempat: lantai, instansi, layanan, loket, jam'),
    audience: ['public'],
    answer: publicVenueAnswer,
    errors: [],
  },
  'queues.list': {
    tag: 'Public',
    summary: text(
      'Per service: waiting, now serving, estimated wait, open or closed, quota left',
      'Per layanan: menunggu, sedang dilayani, perkiraan tunggu, buka/tutup, sisa kuota',
    ),
    audience: ['public'],
    answer: '{ day: string; now: number; queues: QueueInfo[] }',
    errors: [],
  },
  'counters.list': {
    tag: 'Public',
    summary: text('Every counter as the boards see it', 'Semua loket seperti yang tampil di papan'),
    audience: ['public'],
    answer: counterListAnswer,
    errors: [],
  },
  'snapshot.get': {
    tag: 'Public',
    summary: text('The live picture a screen starts from (what the socket sends on connect)', 'Gambaran langsung untuk layar (sama dengan snapshot soket)'),
    audience: ['public', 'display', 'kiosk', 'officer', 'supervisor', 'admin'],
    answer: 'Snapshot',
    errors: [],
  },
  'announcements.get': {
    tag: 'Public',
    summary: text('The running text of the boards', 'Teks berjalan di papan'),
    audience: ['public'],
    answer: '{ announcements: string[] }',
    errors: [],
  },

  'auth.login': {
    tag: 'Sessions',
    summary: text('Staff login: username and password for a bearer token', 'Masuk petugas: nama pengguna dan kata sandi untuk token'),
    audience: ['public'],
    body: loginBody,
    answer: '{ token: string; user: PublicUser }',
    errors: [...BODY, 'INVALID_CREDENTIALS', 'TOO_MANY_ATTEMPTS'],
  },
  'auth.logout': {
    tag: 'Sessions',
    summary: text('End this staff session', 'Akhiri sesi petugas ini'),
    audience: STAFF_ROLES,
    answer: 'nothing (204)',
    status: 204,
    errors: ['UNAUTHENTICATED'],
  },
  'auth.me': {
    tag: 'Sessions',
    summary: text('Who the token belongs to: a staff user or a device', 'Pemilik token: petugas atau perangkat'),
    audience: ['officer', 'supervisor', 'admin', 'kiosk', 'display', 'button', 'survey', 'printer'],
    answer: '{ user?: PublicUser; device?: PublicDevice }',
    errors: ['UNAUTHENTICATED'],
  },
  'auth.deviceToken': {
    tag: 'Sessions',
    summary: text(
      'A paired device trades its token for a fresh one (the old one stops at once)',
      'Perangkat menukar tokennya dengan yang baru (yang lama langsung berhenti)',
    ),
    audience: ['kiosk', 'display', 'button', 'survey', 'printer'],
    answer: '{ token: string; device: PublicDevice }',
    errors: STAFF,
  },

  'tickets.issue': {
    tag: 'Tickets',
    summary: text('Issue a ticket (kiosk or staff); the kiosk prints it', 'Ambil tiket (kios atau petugas); kios mencetaknya'),
    audience: ['kiosk', ...STAFF_ROLES],
    body: issueTicketBody,
    answer: issuedTicketAnswer,
    status: 201,
    errors: [
      ...BODY,
      ...STAFF,
      'SERVICE_NOT_FOUND',
      'QUOTA_FULL',
      'OUTSIDE_HOURS',
      'SERVICE_CLOSED',
      'ON_BREAK',
      'NO_COUNTER_OPEN',
      'IDEMPOTENCY_KEY_REUSED',
      'STORAGE_FAILED',
    ],
    headers: [{ name: 'Idempotency-Key', description: 'One per tap, 8-128 of A-Z a-z 0-9 _ . : -; a retry with the same key answers the same ticket' }],
  },
  'tickets.list': {
    tag: 'Tickets',
    summary: text("Today's tickets of the agencies the caller serves", 'Tiket hari ini dari instansi yang dilayani pemanggil'),
    audience: STAFF_ROLES,
    answer: '{ day: string; tickets: StaffTicket[] }',
    errors: STAFF,
  },
  'tickets.get': {
    tag: 'Tickets',
    summary: text("One ticket's live status (the visitor's page)", 'Status langsung satu tiket (halaman pengunjung)'),
    audience: ['visitor'],
    params: ticketIdParam,
    answer: visitorTicketAnswer,
    errors: ['TICKET_NOT_FOUND'],
  },
  'tickets.transfer': {
    tag: 'Tickets',
    summary: text('Move a ticket to another service or counter', 'Pindahkan tiket ke layanan atau loket lain'),
    audience: SUPERVISORS,
    params: ticketIdParam,
    body: transferBody,
    answer: ticketAnswer,
    errors: [
      ...BODY,
      ...STAFF,
      'TICKET_NOT_FOUND',
      'SERVICE_NOT_FOUND',
      'COUNTER_NOT_FOUND',
      'INVALID_STATE',
      'SAME_SERVICE',
      'COUNTER_CLOSED',
      'STORAGE_FAILED',
    ],
  },
  'tickets.contact.get': {
    tag: 'Messages',
    summary: text('Whether a number is registered for messages about this ticket', 'Apakah nomor terdaftar untuk pemberitahuan tiket ini'),
    audience: ['visitor'],
    params: ticketIdParam,
    answer: 'ContactState',
    errors: ['TICKET_NOT_FOUND'],
  },
  'tickets.contact.add': {
    tag: 'Messages',
    summary: text('Register a mobile number for a WhatsApp/SMS when the turn nears', 'Daftarkan nomor HP untuk WhatsApp/SMS saat giliran dekat'),
    audience: ['visitor'],
    params: ticketIdParam,
    body: contactBody,
    answer: '{ registered: true; phone: string }',
    status: 201,
    errors: [...BODY, 'TICKET_NOT_FOUND', 'CONSENT_REQUIRED', 'PHONE_INVALID', 'MESSAGES_UNAVAILABLE', 'TOO_MANY_ATTEMPTS', 'STORAGE_FAILED'],
  },
  'tickets.contact.remove': {
    tag: 'Messages',
    summary: text("Forget the ticket's mobile number", 'Hapus nomor HP tiket'),
    audience: ['visitor'],
    params: ticketIdParam,
    answer: '{ registered: false; phone: null }',
    errors: ['TICKET_NOT_FOUND', 'STORAGE_FAILED'],
  },

  'counters.action': {
    tag: 'Counters',
    summary: text(
      'Act at a counter: call next, recall, start, finish, no-show, hold, resume, transfer, status, undo a no-show',
      'Tindakan di loket: panggil berikutnya, panggil ulang, mulai, selesai, tidak hadir, tahan, lanjut, pindah, status, batal tidak hadir',
    ),
    audience: ['officer', 'supervisor', 'admin', 'button'],
    params: counterActionParams,
    bodyByAction: {
      'call-next': callNextBody,
      recall: emptyBody,
      start: emptyBody,
      finish: finishBody,
      'no-show': emptyBody,
      hold: holdBody,
      resume: resumeBody,
      transfer: transferBody,
      status: counterStatusBody,
      'undo-no-show': resumeBody,
    },
    answer: counterActionAnswer,
    errors: COUNTER_ERRORS,
  },

  'booking.services': {
    tag: 'Bookings',
    summary: text('Services that take online bookings, and the days open', 'Layanan yang menerima booking daring, dan hari yang dibuka'),
    audience: ['public'],
    answer: 'BookingCatalog',
    errors: ['NOT_FOUND', 'TOO_MANY_ATTEMPTS'],
  },
  'booking.slots': {
    tag: 'Bookings',
    summary: text("A service's free times on a day", 'Jam kosong satu layanan pada satu hari'),
    audience: ['public'],
    query: bookingSlotsQuery,
    answer: '{ serviceId: string; day: string; slots: Slot[] }',
    errors: ['INVALID_INPUT', 'NOT_FOUND', 'SERVICE_NOT_FOUND', 'BOOKING_CLOSED', 'TOO_MANY_ATTEMPTS'],
  },
  'booking.challenge': {
    tag: 'Bookings',
    summary: text('A proof-of-work challenge for the booking form', 'Tantangan keamanan untuk formulir booking'),
    audience: ['public'],
    answer: '{ challenge: string; bits: number }',
    errors: ['NOT_FOUND', 'TOO_MANY_ATTEMPTS'],
  },
  'bookings.create': {
    tag: 'Bookings',
    summary: text('Book a time for a service', 'Booking jam untuk satu layanan'),
    audience: ['public'],
    body: bookingCreateBody,
    answer: 'BookingCreated',
    status: 201,
    errors: [
      ...BODY,
      'NOT_FOUND',
      'CONSENT_REQUIRED',
      'PHONE_INVALID',
      'BOT_CHECK_FAILED',
      'SERVICE_NOT_FOUND',
      'BOOKING_CLOSED',
      'SLOT_FULL',
      'BOOKING_EXISTS',
      'TOO_MANY_ATTEMPTS',
      'STORAGE_FAILED',
    ],
  },
  'bookings.manage.get': {
    tag: 'Bookings',
    summary: text('A booking, by its manage token', 'Satu booking, dengan token kelolanya'),
    audience: ['visitor'],
    params: bookingTokenParam,
    answer: 'BookingWithQr',
    errors: ['NOT_FOUND', 'BOOKING_NOT_FOUND', 'TOO_MANY_ATTEMPTS'],
  },
  'bookings.manage.cancel': {
    tag: 'Bookings',
    summary: text('Cancel a booking', 'Batalkan booking'),
    audience: ['visitor'],
    params: bookingTokenParam,
    body: emptyBody,
    answer: 'BookingView',
    errors: [...BODY, 'NOT_FOUND', 'BOOKING_NOT_FOUND', 'BOOKING_NOT_ACTIVE', 'TOO_MANY_ATTEMPTS', 'STORAGE_FAILED'],
  },
  'bookings.manage.move': {
    tag: 'Bookings',
    summary: text('Move a booking to another day or time', 'Pindahkan booking ke hari atau jam lain'),
    audience: ['visitor'],
    params: bookingTokenParam,
    body: bookingMoveBody,
    answer: 'BookingView',
    errors: [...BODY, 'NOT_FOUND', 'BOOKING_NOT_FOUND', 'BOOKING_NOT_ACTIVE', 'BOOKING_CLOSED', 'SLOT_FULL', 'TOO_MANY_ATTEMPTS', 'STORAGE_FAILED'],
  },
  'bookings.checkIn': {
    tag: 'Bookings',
    summary: text('Check a booking in at the kiosk or a counter: it becomes a ticket', 'Check-in booking di kios atau loket: menjadi tiket'),
    audience: ['kiosk', ...STAFF_ROLES],
    body: bookingCheckInBody,
    answer: checkedInTicketAnswer,
    status: 201,
    errors: [
      ...BODY,
      ...STAFF,
      'NOT_FOUND',
      'BOOKING_NOT_FOUND',
      'BOOKING_NOT_ACTIVE',
      'BOOKING_OTHER_DAY',
      'CHECKIN_TOO_EARLY',
      'CHECKIN_TOO_LATE',
      'QUOTA_FULL',
      'SERVICE_CLOSED',
      'OUTSIDE_HOURS',
      'STORAGE_FAILED',
    ],
  },

  'messages.outbox': {
    tag: 'Messages',
    summary: text('The outbox of messages to visitors: pending, failed, sent', 'Kotak keluar pesan ke pengunjung: tertunda, gagal, terkirim'),
    audience: SUPERVISORS,
    answer: 'OutboxView',
    errors: STAFF,
  },
  'messages.retry': {
    tag: 'Messages',
    summary: text('Send a failed message again', 'Kirim ulang pesan yang gagal'),
    audience: SUPERVISORS,
    params: idParam,
    answer: '{ retried: true }',
    errors: [...STAFF, 'NOT_FOUND', 'MESSAGES_UNAVAILABLE'],
  },

  'devices.create': {
    tag: 'Devices',
    summary: text(
      'Register a device (kiosk, board, call button, printer agent, survey tablet) and get its pairing code',
      'Daftarkan perangkat dan dapatkan kode pemasangannya',
    ),
    audience: ['admin'],
    body: createDeviceBody,
    answer: 'DevicePairing',
    status: 201,
    errors: [...BODY, ...STAFF, 'COUNTER_NOT_FOUND', 'STORAGE_FAILED'],
  },
  'devices.list': {
    tag: 'Devices',
    summary: text('Registered devices and whether they are online', 'Perangkat terdaftar dan status daringnya'),
    audience: SUPERVISORS,
    answer: '{ devices: PublicDevice[] }',
    errors: STAFF,
  },
  'devices.pair': {
    tag: 'Devices',
    summary: text('A device trades its one-time pairing code for its token', 'Perangkat menukar kode pemasangan dengan tokennya'),
    audience: ['public'],
    body: pairBody,
    answer: '{ token: string; device: PublicDevice }',
    errors: [...BODY, 'PAIRING_CODE_INVALID', 'TOO_MANY_ATTEMPTS', 'STORAGE_FAILED'],
  },
  'devices.repair': {
    tag: 'Devices',
    summary: text('A new pairing code for a device (its old token stops)', 'Kode pemasangan baru untuk perangkat (token lama berhenti)'),
    audience: ['admin'],
    params: idParam,
    answer: 'DevicePairing',
    errors: [...STAFF, 'DEVICE_NOT_FOUND', 'STORAGE_FAILED'],
  },
  'devices.revoke': {
    tag: 'Devices',
    summary: text('Remove a device; its sockets close', 'Hapus perangkat; soketnya ditutup'),
    audience: ['admin'],
    params: idParam,
    answer: 'nothing (204)',
    status: 204,
    errors: [...STAFF, 'DEVICE_NOT_FOUND', 'STORAGE_FAILED'],
  },
  'users.list': { tag: 'Staff', summary: text('Staff accounts', 'Akun petugas'), audience: SUPERVISORS, answer: '{ users: PublicUser[] }', errors: STAFF },
  'users.create': {
    tag: 'Staff',
    summary: text('Create a staff account', 'Buat akun petugas'),
    audience: ['admin'],
    body: createUserBody,
    answer: 'PublicUser',
    status: 201,
    errors: [...BODY, ...STAFF, 'USERNAME_TAKEN', 'COUNTER_NOT_FOUND', 'STORAGE_FAILED'],
  },
  'users.update': {
    tag: 'Staff',
    summary: text('Change a staff account (name, password, role, counters, disabled)', 'Ubah akun petugas'),
    audience: ['admin'],
    params: idParam,
    body: updateUserBody,
    answer: 'PublicUser',
    errors: [...BODY, ...STAFF, 'USER_NOT_FOUND', 'COUNTER_NOT_FOUND', 'STORAGE_FAILED'],
  },
  'services.status': {
    tag: 'Supervision',
    summary: text('Close a service for today, or open it again', 'Tutup layanan untuk hari ini, atau buka kembali'),
    audience: SUPERVISORS,
    params: idParam,
    body: serviceStatusBody,
    answer: 'ServiceDayState',
    errors: [...BODY, ...STAFF, 'SERVICE_NOT_FOUND', 'STORAGE_FAILED'],
  },
  'announcements.set': {
    tag: 'Supervision',
    summary: text('Set the running text of the boards', 'Atur teks berjalan di papan'),
    audience: SUPERVISORS,
    body: announcementsBody,
    answer: '{ announcements: string[] }',
    errors: [...BODY, ...STAFF, 'STORAGE_FAILED'],
  },

  'venue.raw': {
    tag: 'Venue',
    summary: text('The whole venue document for the editor (printers included)', 'Dokumen tempat lengkap untuk penyunting (termasuk printer)'),
    audience: ['admin'],
    answer: 'VenueRawResponse',
    errors: STAFF,
  },
  'venue.save': {
    tag: 'Venue',
    summary: text(
      "Replace the venue document (validated; refused while it would strand today's visitors)",
      'Ganti dokumen tempat (divalidasi; ditolak bila mengganggu antrean hari ini)',
    ),
    audience: ['admin'],
    body: venueSchema,
    answer: 'VenueSaveResponse',
    errors: [...BODY, ...STAFF, 'VENUE_INVALID', 'VENUE_IN_USE', 'STORAGE_FAILED'],
  },

  'printers.list': {
    tag: 'Printers',
    summary: text("Kiosk printers' state and recent jobs", 'Status printer kios dan pekerjaan terakhir'),
    audience: SUPERVISORS,
    answer: 'PrinterList',
    errors: [...STAFF, 'NOT_FOUND'],
  },
  'printers.test': {
    tag: 'Printers',
    summary: text('Print a test slip', 'Cetak slip uji'),
    audience: SUPERVISORS,
    params: idParam,
    answer: 'PrintJobAccepted',
    status: 202,
    errors: [...STAFF, 'NOT_FOUND', 'DEVICE_NOT_FOUND'],
  },
  'printers.jobs': {
    tag: 'Printers',
    summary: text("A printer's jobs today", 'Pekerjaan cetak satu printer hari ini'),
    audience: SUPERVISORS,
    params: idParam,
    answer: '{ jobs: PrintJobListItem[] }',
    errors: [...STAFF, 'NOT_FOUND', 'DEVICE_NOT_FOUND'],
  },
  'printJobs.preview': {
    tag: 'Printers',
    summary: text("A print job's slip as an image", 'Gambar slip satu pekerjaan cetak'),
    audience: SUPERVISORS,
    params: jobIdParam,
    query: tokenQuery,
    answer: 'image/png',
    errors: [...STAFF, 'NOT_FOUND'],
  },
  'printJobs.reprint': {
    tag: 'Printers',
    summary: text('Print a slip again (a kiosk its own; staff any)', 'Cetak ulang slip (kios miliknya; petugas semua)'),
    audience: ['kiosk', ...STAFF_ROLES],
    params: jobIdParam,
    answer: 'PrintJobAccepted',
    status: 202,
    errors: [...STAFF, 'NOT_FOUND'],
  },
  'printers.virtual.jobs': {
    tag: 'Printers',
    summary: text("The virtual printer's slips (testing without paper)", 'Slip printer virtual (uji tanpa kertas)'),
    audience: SUPERVISORS,
    answer: '{ jobs: VirtualPrintJob[] }',
    errors: [...STAFF, 'NOT_FOUND'],
  },
  'printers.virtual.preview': {
    tag: 'Printers',
    summary: text("A virtual printer slip's image (signed address or staff token)", 'Gambar slip printer virtual (alamat bertanda tangan atau token petugas)'),
    audience: SUPERVISORS,
    params: idParam,
    query: previewQuery,
    answer: 'image/png',
    errors: [...STAFF, 'NOT_FOUND'],
  },

  'alerts.now': {
    tag: 'Supervision',
    summary: text('Alerts as evaluated now', 'Peringatan saat ini'),
    audience: SUPERVISORS,
    answer: 'AlertsResponse',
    errors: STAFF,
  },
  'alerts.active': {
    tag: 'Supervision',
    summary: text('Open alerts and their acknowledgements', 'Peringatan terbuka dan tanda terimanya'),
    audience: SUPERVISORS,
    answer: 'AlertsLive',
    errors: [...STAFF, 'INTERNAL'],
  },
  'alerts.history': {
    tag: 'Supervision',
    summary: text("A day's alert records", 'Catatan peringatan satu hari'),
    audience: SUPERVISORS,
    query: dayQuery,
    answer: 'AlertHistory',
    errors: [...STAFF, 'INVALID_INPUT'],
  },
  'alerts.ack': {
    tag: 'Supervision',
    summary: text('Acknowledge an alert', 'Tandai peringatan sudah ditangani'),
    audience: SUPERVISORS,
    params: idParam.extend({ id: alertRecordId }),
    answer: 'AlertRecord',
    errors: [...STAFF, 'INVALID_INPUT', 'ALERT_NOT_FOUND', 'STORAGE_FAILED'],
  },
  'reports.get': {
    tag: 'Reports',
    summary: text('Statistics over a date range', 'Statistik untuk rentang tanggal'),
    audience: SUPERVISORS,
    query: reportRangeQuery,
    answer: 'Report',
    errors: [...STAFF, 'INVALID_INPUT'],
  },
  'reports.csv': {
    tag: 'Reports',
    summary: text('The same as CSV, grouped by service, agency, counter or officer', 'Sama dalam CSV, per layanan, instansi, loket atau petugas'),
    audience: SUPERVISORS,
    query: reportCsvQuery,
    answer: 'text/csv',
    errors: [...STAFF, 'INVALID_INPUT'],
  },
  'plan.get': {
    tag: 'Supervision',
    summary: text("Today's plan: which counters should be staffed when", 'Rencana hari ini: loket mana yang harus dijaga kapan'),
    audience: STAFF_ROLES,
    answer: 'DayPlan',
    errors: STAFF,
  },
  'agencies.day': {
    tag: 'Supervision',
    summary: text('Mark an agency present, late or absent today', 'Tandai instansi hadir, terlambat atau tidak hadir hari ini'),
    audience: SUPERVISORS,
    params: idParam,
    body: agencyDayBody,
    answer: 'AgencyDayState',
    errors: [...BODY, ...STAFF, 'AGENCY_NOT_FOUND', 'STORAGE_FAILED'],
  },
  'accountability.get': {
    tag: 'Reports',
    summary: text("A day's accountability record", 'Catatan akuntabilitas satu hari'),
    audience: SUPERVISORS,
    query: dayQuery,
    answer: 'AccountabilityReport',
    errors: [...STAFF, 'INVALID_INPUT', 'NOT_FOUND'],
  },
  'accountability.csv': {
    tag: 'Reports',
    summary: text('The same as CSV', 'Sama dalam CSV'),
    audience: SUPERVISORS,
    query: dayQuery,
    answer: 'text/csv',
    errors: [...STAFF, 'INVALID_INPUT', 'NOT_FOUND'],
  },

  'surveys.ticket': {
    tag: 'Surveys',
    summary: text("Whether a visit's satisfaction survey is open", 'Apakah survei kepuasan satu kunjungan terbuka'),
    audience: ['visitor'],
    params: ticketIdParam,
    answer: 'SurveyTicketState',
    errors: ['TICKET_NOT_FOUND'],
  },
  'surveys.submit': {
    tag: 'Surveys',
    summary: text('Answer the survey (visitor phone or survey tablet)', 'Isi survei (HP pengunjung atau tablet survei)'),
    audience: ['visitor', 'survey'],
    body: submitSurveyBody,
    answer: '{ id: string; ticketId: string }',
    status: 201,
    errors: [
      ...BODY,
      'TICKET_NOT_FOUND',
      'SURVEY_NOT_FINISHED',
      'SURVEY_ALREADY_ANSWERED',
      'SURVEY_EXPIRED',
      'SURVEY_NOT_HERE',
      'STAFF_CANNOT_ANSWER',
      'STORAGE_FAILED',
    ],
  },
  'surveys.pending': {
    tag: 'Surveys',
    summary: text('Visits waiting for an answer where this tablet stands', 'Kunjungan yang menunggu jawaban di tempat tablet ini'),
    audience: ['survey'],
    answer: '{ visits: SurveyVisit[] }',
    errors: STAFF,
  },
  'surveys.results': {
    tag: 'Surveys',
    summary: text('SKM results over a date range', 'Hasil SKM untuk rentang tanggal'),
    audience: SUPERVISORS,
    query: surveyResultsQuery,
    answer: 'SurveyResults',
    errors: [...STAFF, 'INVALID_INPUT'],
  },
  'surveys.resultsCsv': {
    tag: 'Surveys',
    summary: text('SKM results as CSV', 'Hasil SKM dalam CSV'),
    audience: SUPERVISORS,
    query: surveyResultsQuery,
    answer: 'text/csv',
    errors: [...STAFF, 'INVALID_INPUT'],
  },
  'surveys.answersCsv': {
    tag: 'Surveys',
    summary: text('The answers themselves as CSV (only for groups large enough)', 'Jawaban mentah dalam CSV (hanya kelompok yang cukup besar)'),
    audience: SUPERVISORS,
    query: surveyResultsQuery,
    answer: 'text/csv',
    errors: [...STAFF, 'INVALID_INPUT'],
  },
  'surveys.mine': {
    tag: 'Surveys',
    summary: text("An officer's own SKM figures (from the minimum group size on)", 'Angka SKM petugas sendiri (mulai jumlah minimum)'),
    audience: STAFF_ROLES,
    query: surveyResultsQuery,
    answer: 'SurveyMine',
    errors: [...STAFF, 'INVALID_INPUT'],
  },
  'surveys.public': {
    tag: 'Surveys',
    summary: text("This month's SKM per agency, where the venue publishes it", 'SKM bulan ini per instansi, bila tempat mempublikasikannya'),
    audience: ['public'],
    answer: 'SurveyPublicSummary',
    errors: ['NOT_FOUND'],
  },

  'meta.openapi': {
    tag: 'About this API',
    summary: text('This description as OpenAPI 3.1', 'Deskripsi ini dalam OpenAPI 3.1'),
    audience: ['public'],
    answer: 'OpenAPI 3.1 document',
    errors: [],
  },
  'meta.docs': {
    tag: 'About this API',
    summary: text('This description as a page', 'Deskripsi ini sebagai halaman'),
    audience: ['public'],
    answer: 'text/html',
    errors: [],
  },
} as const satisfies { [K in RouteId]: RouteSpec };

export type ApiSpec = typeof API_SPEC;
