/** Stable error codes of the hub, in the site's shape: `{ error: { code, message: { id, en } } }`. */
export const HUB_ERRORS = {
  INVALID_INPUT: { status: 400, id: 'Data yang dikirim tidak valid.', en: 'The request data is invalid.' },
  INVALID_JSON: { status: 400, id: 'Isi permintaan bukan JSON yang sah.', en: 'The request body is not valid JSON.' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    id: 'Isi permintaan harus berupa JSON (Content-Type: application/json).',
    en: 'The request body must be JSON (Content-Type: application/json).',
  },
  PAYLOAD_TOO_LARGE: { status: 413, id: 'Isi permintaan terlalu besar (paling banyak 1 MB).', en: 'The request body is too large (1 MB at most).' },
  UNAUTHENTICATED: { status: 401, id: 'Silakan masuk terlebih dahulu.', en: 'Please log in first.' },
  INVALID_CREDENTIALS: { status: 401, id: 'Nama pengguna atau kata sandi salah.', en: 'Wrong username or password.' },
  INVALID_TOKEN: { status: 401, id: 'Sesi tidak berlaku atau sudah berakhir.', en: 'The session is invalid or has expired.' },
  SITE_CREDENTIAL_INVALID: {
    status: 401,
    id: 'Kredensial gedung tidak dikenal atau sudah diganti.',
    en: 'The site credential is unknown or has been replaced.',
  },
  SITE_REVOKED: { status: 401, id: 'Kredensial gedung ini sudah dicabut.', en: "This site's credential has been revoked." },
  SITE_MISMATCH: { status: 403, id: 'Kredensial ini milik gedung lain.', en: 'This credential belongs to another site.' },
  FORBIDDEN: { status: 403, id: 'Anda tidak berwenang melakukan ini.', en: 'You are not allowed to do this.' },
  NOT_FOUND: { status: 404, id: 'Alamat tidak ditemukan.', en: 'Not found.' },
  SITE_NOT_FOUND: { status: 404, id: 'Gedung tidak ditemukan.', en: 'Site not found.' },
  CONFIG_NOT_FOUND: { status: 404, id: 'Versi pengaturan tidak ditemukan.', en: 'Settings version not found.' },
  SITE_EXISTS: { status: 409, id: 'Kode gedung itu sudah dipakai.', en: 'That site id is already taken.' },
  USERNAME_TAKEN: { status: 409, id: 'Nama pengguna sudah dipakai.', en: 'That username is taken.' },
  TOO_MANY_ATTEMPTS: { status: 429, id: 'Terlalu banyak percobaan masuk. Coba lagi nanti.', en: 'Too many log-in attempts. Try again later.' },
  SEQUENCE_GAP: {
    status: 409,
    id: 'Urutan data terputus; kirim ulang mulai dari nomor yang diminta.',
    en: 'The feed has a gap; resend from the sequence asked for.',
  },
  DB_UNAVAILABLE: { status: 503, id: 'Basis data pusat sedang tidak tersedia. Coba lagi sebentar.', en: 'The hub database is unavailable. Try again shortly.' },
  INTERNAL: { status: 500, id: 'Terjadi kesalahan pada server pusat.', en: 'Something went wrong on the hub.' },
} as const;

export type HubErrorCode = keyof typeof HUB_ERRORS;

export interface Localized {
  id: string;
  en: string;
}

/** An expected refusal; `extra` fields go beside `error` in the body (e.g. `nextSeq`). */
export class HubError extends Error {
  readonly text: Localized;
  constructor(
    readonly code: HubErrorCode,
    readonly details?: unknown,
    readonly extra?: Record<string, unknown>,
  ) {
    super(`${code}: ${HUB_ERRORS[code].en}`);
    this.text = { id: HUB_ERRORS[code].id, en: HUB_ERRORS[code].en };
  }
  get status(): number {
    return HUB_ERRORS[this.code].status;
  }
  toBody(): Record<string, unknown> {
    const error: Record<string, unknown> = { code: this.code, message: this.text };
    if (this.details !== undefined) error.details = this.details;
    return { error, ...this.extra };
  }
}

/** True for errors that mean the database cannot be reached (refused, shut down, connection lost). */
export function isDbDown(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  if (!e) return false;
  if (
    e.code &&
    ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004'].includes(e.code)
  )
    return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(e.message ?? '');
}
