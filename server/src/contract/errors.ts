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
  UNSUPPORTED_MEDIA_TYPE: { status: 415, id: 'Isi permintaan harus berupa JSON (Content-Type: application/json).', en: 'The request body must be JSON (Content-Type: application/json).' },
  QUOTA_FULL: { status: 409, id: 'Kuota layanan hari ini sudah habis.', en: "Today's quota for this service is full." },
  OUTSIDE_HOURS: { status: 409, id: 'Layanan sedang di luar jam pelayanan.', en: 'The service is outside its opening hours.' },
  SERVICE_CLOSED: { status: 409, id: 'Layanan ditutup hari ini.', en: 'The service is closed today.' },
  ON_BREAK: { status: 409, id: 'Layanan sedang istirahat; tiket dapat diambil lagi setelah istirahat.', en: 'The service is on a break; tickets can be taken again after it.' },
  NO_COUNTER_OPEN: { status: 409, id: 'Belum ada loket yang melayani layanan ini.', en: 'No counter is serving this service.' },
  COUNTER_BUSY: { status: 409, id: 'Loket masih melayani tiket lain.', en: 'The counter is still serving another ticket.' },
  COUNTER_IDLE: { status: 409, id: 'Loket tidak sedang memegang tiket.', en: 'The counter holds no ticket.' },
  COUNTER_NOT_OPEN: { status: 409, id: 'Loket sedang istirahat atau tutup.', en: 'The counter is on a break or closed.' },
  INVALID_STATE: { status: 409, id: 'Tiket tidak dalam status yang sesuai untuk tindakan ini.', en: 'The ticket is not in a state that allows this action.' },
  SAME_SERVICE: { status: 409, id: 'Tiket sudah berada di layanan itu.', en: 'The ticket is already in that service.' },
  USERNAME_TAKEN: { status: 409, id: 'Nama pengguna sudah dipakai.', en: 'That username is taken.' },
  PAIRING_CODE_INVALID: { status: 404, id: 'Kode pemasangan tidak berlaku.', en: 'The pairing code is invalid or has expired.' },
  VENUE_INVALID: { status: 400, id: 'Konfigurasi tempat tidak valid.', en: 'The venue configuration is invalid.' },
  VENUE_IN_USE: { status: 409, id: 'Perubahan ini mengenai antrean yang masih berjalan hari ini.', en: 'This change affects queues still running today.' },
  TOO_MANY_ATTEMPTS: { status: 429, id: 'Terlalu banyak percobaan. Coba lagi nanti.', en: 'Too many attempts. Try again later.' },
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
