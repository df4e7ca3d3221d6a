import { fill, type Lang } from '../shared/i18n';

/**
 * What the survey tablet and the survey on the visitor's page say, Bahasa Indonesia first.
 * The questions and answer words themselves come from the contract (SKM_ELEMENTS).
 */
export const SURVEY_TEXT = {
  appTitle: { id: 'Survei Kepuasan Masyarakat', en: 'Visitor satisfaction survey' },
  pairTitle: { id: 'Pasang tablet survei', en: 'Pair the survey tablet' },
  idleTitle: { id: 'Bagaimana pelayanan kami hari ini?', en: 'How was our service today?' },
  idleBody: {
    id: 'Setelah Anda selesai dilayani, nomor Anda muncul di sini. Sentuh nomor Anda untuk menilai layanan: 9 pertanyaan, kurang dari satu menit.',
    en: 'When your visit is finished, your number shows here. Touch your number to rate the service: 9 questions, under a minute.',
  },
  idleNone: { id: 'Belum ada kunjungan yang baru selesai di sini.', en: 'No visit has just finished here.' },
  touchYourNumber: { id: 'Sentuh nomor Anda', en: 'Touch your number' },
  start: { id: 'Mulai survei', en: 'Start the survey' },
  visitLine: { id: '{service} · {counter}', en: '{service} · {counter}' },
  questionOf: { id: 'Pertanyaan {n} dari {total}', en: 'Question {n} of {total}' },
  back: { id: 'Kembali', en: 'Back' },
  cancel: { id: 'Batal', en: 'Cancel' },
  finishTitle: { id: 'Hampir selesai', en: 'Almost done' },
  commentLabel: { id: 'Saran atau masukan (boleh dikosongkan)', en: 'Suggestions (optional)' },
  commentPlaceholder: { id: 'Tulis saran Anda di sini…', en: 'Write your suggestion here…' },
  profileTitle: { id: 'Tentang Anda (boleh dilewati)', en: 'About you (optional)' },
  submit: { id: 'Kirim penilaian', en: 'Send my rating' },
  sending: { id: 'Mengirim…', en: 'Sending…' },
  thanksTitle: { id: 'Terima kasih!', en: 'Thank you!' },
  thanksBody: { id: 'Penilaian Anda membantu kami memperbaiki pelayanan.', en: 'Your rating helps us improve our service.' },
  answered: { id: 'Anda sudah mengisi survei untuk kunjungan ini. Terima kasih!', en: 'You have already rated this visit. Thank you!' },
  phoneInvite: { id: 'Bantu kami menjadi lebih baik: nilai layanan yang baru Anda terima.', en: 'Help us improve: rate the service you just received.' },
  expired: { id: 'Waktu pengisian survei untuk kunjungan ini sudah berakhir.', en: 'The survey for this visit has expired.' },
  offline: { id: 'Tablet tidak terhubung ke server. Menyambung kembali…', en: 'The tablet is not connected to the server. Reconnecting…' },
  networkError: { id: 'Server tidak dapat dihubungi. Coba lagi.', en: 'The server cannot be reached. Try again.' },
  pairAgain: { id: 'Tablet ini perlu dipasang ulang oleh admin.', en: 'This tablet must be paired again by an admin.' },
  langSwitch: { id: 'English', en: 'Bahasa Indonesia' },
  publicTitle: { id: 'Indeks Kepuasan Masyarakat per instansi', en: 'Community satisfaction index per agency' },
  publicMonth: { id: 'Bulan {month} · Survei Kepuasan Masyarakat (Permenpan RB 14/2017)', en: 'Month {month} · Community satisfaction survey' },
  publicRespondents: { id: '{n} responden', en: '{n} respondents' },
  publicOff: { id: 'Ringkasan survei tidak dipublikasikan di gedung ini.', en: 'This building does not publish its survey summary.' },
} as const;

export type SurveyTextKey = keyof typeof SURVEY_TEXT;
export type ST = (key: SurveyTextKey, vars?: Record<string, string | number>) => string;

/** The survey's translator for one language. */
export function surveyText(lang: Lang): ST {
  return (key, vars) => fill(SURVEY_TEXT[key][lang], vars);
}
