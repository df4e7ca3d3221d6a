/** Stable error codes shared by the engine, HTTP routes, socket acks and every UI. */
export const ERRORS = {
  INVALID_INPUT: { status: 400, id: 'Data yang dikirim tidak valid.', en: 'The request data is invalid.' },
  INVALID_JSON: { status: 400, id: 'Isi permintaan bukan JSON yang sah.', en: 'The request body is not valid JSON.' },
  UNAUTHENTICATED: { status: 401, id: 'Silakan masuk terlebih dahulu.', en: 'Please log in first.' },
  INVALID_CREDENTIALS: { status: 401, id: 'Nama pengguna atau kata sandi salah.', en: 'Wrong username or password.' },
  INVALID_TOKEN: { status: 401, id: 'Sesi tidak berlaku atau sudah berakhir.', en: 'The session is invalid or has expired.' },
  FORBIDDEN: { status: 403, id: 'Anda tidak berwenang melakukan ini.', en: 'You are not allowed to do this.' },
  NOT_YOUR_COUNTER: { status: 403, id: 'Loket ini bukan tugas Anda.', en: 'This counter is not assigned to you.' },
  NOT_FOUND: { status: 404, id: 'Alamat tidak ditemukan.', en: 'Not found.' },
  SERVICE_NOT_FOUND: { status: 404, id: 'Layanan tidak ditemukan.', en: 'Service not found.' },
  COUNTER_NOT_FOUND: { status: 404, id: 'Loket tidak ditemukan.', en: 'Counter not found.' },
  TICKET_NOT_FOUND: { status: 404, id: 'Tiket tidak ditemukan.', en: 'Ticket not found.' },
  AGENCY_NOT_FOUND: { status: 404, id: 'Instansi tidak ditemukan.', en: 'Agency not found.' },
  ALERT_NOT_FOUND: { status: 404, id: 'Peringatan tidak ditemukan.', en: 'Alert not found.' },
  USER_NOT_FOUND: { status: 404, id: 'Pengguna tidak ditemukan.', en: 'User not found.' },
  DEVICE_NOT_FOUND: { status: 404, id: 'Perangkat tidak ditemukan.', en: 'Device not found.' },
  QUEUE_EMPTY: { status: 404, id: 'Tidak ada antrean yang menunggu.', en: 'Nobody is waiting.' },
  BAD_REQUEST: { status: 400, id: 'Permintaan tidak dapat dibaca.', en: 'The request could not be read.' },
  HEADERS_TOO_LARGE: { status: 431, id: 'Alamat atau header permintaan terlalu panjang.', en: 'The request address or headers are too long.' },
  PAYLOAD_TOO_LARGE: { status: 413, id: 'Isi permintaan terlalu besar.', en: 'The request body is too large.' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    id: 'Isi permintaan harus berupa JSON (Content-Type: application/json).',
    en: 'The request body must be JSON (Content-Type: application/json).',
  },
  QUOTA_FULL: { status: 409, id: 'Kuota layanan hari ini sudah habis.', en: "Today's quota for this service is full." },
  OUTSIDE_HOURS: { status: 409, id: 'Layanan sedang di luar jam pelayanan.', en: 'The service is outside its opening hours.' },
  SERVICE_CLOSED: { status: 409, id: 'Layanan ditutup hari ini.', en: 'The service is closed today.' },
  ON_BREAK: {
    status: 409,
    id: 'Layanan sedang istirahat; tiket dapat diambil lagi setelah istirahat.',
    en: 'The service is on a break; tickets can be taken again after it.',
  },
  NO_COUNTER_OPEN: { status: 409, id: 'Belum ada loket yang melayani layanan ini.', en: 'No counter is serving this service.' },
  COUNTER_BUSY: { status: 409, id: 'Loket masih melayani tiket lain.', en: 'The counter is still serving another ticket.' },
  COUNTER_IDLE: { status: 409, id: 'Loket tidak sedang memegang tiket.', en: 'The counter holds no ticket.' },
  COUNTER_NOT_OPEN: { status: 409, id: 'Loket sedang istirahat atau tutup.', en: 'The counter is on a break or closed.' },
  INVALID_STATE: { status: 409, id: 'Tiket tidak dalam status yang sesuai untuk tindakan ini.', en: 'The ticket is not in a state that allows this action.' },
  RECALL_TOO_SOON: {
    status: 409,
    id: 'Pengunjung baru saja dipanggil. Tunggu sebentar sebelum memanggil ulang.',
    en: 'The visitor was just called. Wait a moment before calling again.',
  },
  NO_SHOW_TOO_SOON: {
    status: 409,
    id: 'Pengunjung belum cukup lama dipanggil untuk ditandai tidak hadir.',
    en: 'The visitor has not been called long enough to be marked absent.',
  },
  UNDO_TOO_LATE: { status: 409, id: 'Waktu untuk membatalkan sudah lewat. Minta supervisor.', en: 'It is too late to undo this. Ask a supervisor.' },
  COUNTER_CLOSED: { status: 409, id: 'Loket tujuan tutup.', en: 'The target counter is closed.' },
  SAME_SERVICE: { status: 409, id: 'Tiket sudah berada di layanan itu.', en: 'The ticket is already in that service.' },
  USERNAME_TAKEN: { status: 409, id: 'Nama pengguna sudah dipakai.', en: 'That username is taken.' },
  PAIRING_CODE_INVALID: { status: 404, id: 'Kode pemasangan tidak berlaku.', en: 'The pairing code is invalid or has expired.' },
  VENUE_INVALID: { status: 400, id: 'Konfigurasi tempat tidak valid.', en: 'The venue configuration is invalid.' },
  VENUE_IN_USE: { status: 409, id: 'Perubahan ini mengenai antrean yang masih berjalan hari ini.', en: 'This change affects queues still running today.' },
  SURVEY_NOT_FINISHED: { status: 409, id: 'Survei hanya dapat diisi setelah layanan selesai.', en: 'The survey opens only once the visit is finished.' },
  SURVEY_ALREADY_ANSWERED: {
    status: 409,
    id: 'Survei untuk tiket ini sudah diisi. Terima kasih.',
    en: 'The survey for this ticket has already been answered. Thank you.',
  },
  SURVEY_EXPIRED: { status: 410, id: 'Waktu pengisian survei untuk kunjungan ini sudah berakhir.', en: 'The survey for this visit has expired.' },
  SURVEY_NOT_HERE: {
    status: 403,
    id: 'Kunjungan ini tidak dilayani di tempat tablet survei ini.',
    en: 'This visit was not served where this survey tablet stands.',
  },
  STAFF_CANNOT_ANSWER: {
    status: 403,
    id: 'Petugas tidak dapat mengisi survei atas nama pengunjung.',
    en: "Staff cannot answer the survey on a visitor's behalf.",
  },
  MESSAGES_UNAVAILABLE: {
    status: 409,
    id: 'Pemberitahuan lewat WhatsApp/SMS belum tersedia di tempat ini.',
    en: 'WhatsApp/SMS notifications are not available here yet.',
  },
  PHONE_INVALID: {
    status: 400,
    id: 'Nomor HP tidak valid. Tulis nomor seluler Indonesia, misalnya 0812 3456 7890.',
    en: 'The mobile number is not valid. Write an Indonesian mobile number, e.g. 0812 3456 7890.',
  },
  CONSENT_REQUIRED: { status: 400, id: 'Persetujuan penggunaan nomor HP diperlukan.', en: 'Consent to the use of your number is required.' },
  BOOKING_NOT_FOUND: { status: 404, id: 'Booking tidak ditemukan. Periksa kembali kodenya.', en: 'Booking not found. Please check the code.' },
  BOOKING_CLOSED: { status: 409, id: 'Booking untuk hari itu belum dibuka atau sudah ditutup.', en: 'Booking for that day is not open (yet or any more).' },
  SLOT_FULL: { status: 409, id: 'Jam itu sudah penuh. Silakan pilih jam lain.', en: 'That time slot is full. Please choose another one.' },
  BOOKING_EXISTS: {
    status: 409,
    id: 'Nomor ini sudah punya booking aktif untuk layanan ini pada hari itu.',
    en: 'This number already has an active booking for this service on that day.',
  },
  BOT_CHECK_FAILED: {
    status: 400,
    id: 'Pemeriksaan keamanan gagal. Muat ulang halaman dan coba lagi.',
    en: 'The security check failed. Reload the page and try again.',
  },
  BOOKING_NOT_ACTIVE: {
    status: 409,
    id: 'Booking ini sudah dibatalkan, sudah dipakai, atau sudah lewat.',
    en: 'This booking was cancelled, already used, or has passed.',
  },
  CHECKIN_TOO_EARLY: { status: 409, id: 'Check-in belum dibuka untuk jam booking Anda.', en: 'Check-in has not opened yet for your booking time.' },
  CHECKIN_TOO_LATE: {
    status: 409,
    id: 'Waktu check-in booking Anda sudah lewat. Silakan ambil nomor antrean biasa.',
    en: 'The check-in time of your booking has passed. Please take a regular queue number.',
  },
  BOOKING_OTHER_DAY: { status: 409, id: 'Booking ini untuk hari lain.', en: 'This booking is for another day.' },
  TOO_MANY_ATTEMPTS: { status: 429, id: 'Terlalu banyak percobaan. Coba lagi nanti.', en: 'Too many attempts. Try again later.' },
  TOO_MANY_REQUESTS: { status: 429, id: 'Terlalu banyak permintaan. Tunggu sebentar lalu coba lagi.', en: 'Too many requests. Wait a moment and try again.' },
  SERVER_BUSY: { status: 503, id: 'Server sedang sibuk. Coba lagi sebentar.', en: 'The server is busy. Try again shortly.' },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    id: 'Kunci permintaan ini sudah dipakai untuk permintaan lain.',
    en: 'This Idempotency-Key was already used for a different request.',
  },
  STORAGE_FAILED: { status: 507, id: 'Data tidak dapat disimpan. Hubungi petugas.', en: 'The data could not be stored. Please call staff.' },
  SHUTTING_DOWN: { status: 503, id: 'Server sedang dimulai ulang. Coba lagi sebentar.', en: 'The server is restarting. Try again shortly.' },
  INTERNAL: { status: 500, id: 'Terjadi kesalahan pada server.', en: 'Something went wrong on the server.' },
} as const;

export type ErrorCode = keyof typeof ERRORS;

export interface LocalizedText {
  id: string;
  en: string;
}

/** The one error body every door answers with. */
export interface ErrorBody {
  error: { code: ErrorCode; message: LocalizedText; details?: unknown };
}

/** An expected refusal: carries a stable code that routes turn into a status. */
export class AntreError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  readonly text: LocalizedText;
  constructor(code: ErrorCode, details?: unknown, text?: Partial<LocalizedText>) {
    super(`${code}: ${text?.en ?? ERRORS[code].en}`);
    this.code = code;
    this.details = details;
    this.text = { id: text?.id ?? ERRORS[code].id, en: text?.en ?? ERRORS[code].en };
  }
  get status(): number {
    return ERRORS[this.code].status;
  }
  toBody(): ErrorBody {
    const body: ErrorBody = { error: { code: this.code, message: this.text } };
    if (this.details !== undefined) body.error.details = this.details;
    return body;
  }
}

/** Builds an error body without throwing, for places that only present. */
export function errorBody(code: ErrorCode, details?: unknown): ErrorBody {
  return new AntreError(code, details).toBody();
}
