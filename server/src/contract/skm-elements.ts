import type { LocalizedText } from './errors.js';

/**
 * The nine elements (unsur) of the Survei Kepuasan Masyarakat, Permenpan RB No. 14/2017, in the
 * annex's order of elements: each is answered on a 1..4 scale whose four words are the
 * annex's model questionnaire's (a = 1 ... d = 4). The annex's model questionnaire asks about
 * sarana (U9) before pengaduan (U8); the elements keep the list's numbering, the tablet asks U1..U9.
 */
export const SKM_ELEMENT_CODES = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9'] as const;
export type SkmElementCode = (typeof SKM_ELEMENT_CODES)[number];

export interface SkmElement {
  code: SkmElementCode;
  name: LocalizedText;
  question: LocalizedText;
  /** The words of scores 1, 2, 3 and 4. */
  answers: readonly [LocalizedText, LocalizedText, LocalizedText, LocalizedText];
  /** What a unit does when this element is among its weakest: the report's recommendation. */
  advice: LocalizedText;
}

const t = (id: string, en: string): LocalizedText => ({ id, en });

export const SKM_ELEMENTS: readonly SkmElement[] = [
  {
    code: 'U1',
    name: t('Persyaratan', 'Requirements'),
    question: t('Bagaimana kesesuaian persyaratan pelayanan dengan jenis pelayanannya?', 'How well do the requirements fit the service?'),
    answers: [t('Tidak sesuai', 'Not fitting'), t('Kurang sesuai', 'Barely fitting'), t('Sesuai', 'Fitting'), t('Sangat sesuai', 'Very fitting')],
    advice: t(
      'Umumkan daftar persyaratan di gerai, kios dan laman; periksa persyaratan yang tidak diperlukan.',
      'Post the list of requirements at the booth, kiosk and website; drop requirements that are not needed.',
    ),
  },
  {
    code: 'U2',
    name: t('Sistem, mekanisme dan prosedur', 'System, mechanism and procedure'),
    question: t('Bagaimana kemudahan prosedur pelayanan di unit ini?', 'How easy is the procedure of this service?'),
    answers: [t('Tidak mudah', 'Not easy'), t('Kurang mudah', 'Barely easy'), t('Mudah', 'Easy'), t('Sangat mudah', 'Very easy')],
    advice: t('Sederhanakan alur layanan dan pasang bagan alur yang mudah dibaca.', 'Simplify the steps of the service and post a clear flow chart.'),
  },
  {
    code: 'U3',
    name: t('Waktu penyelesaian', 'Completion time'),
    question: t('Bagaimana kecepatan waktu dalam memberikan pelayanan?', 'How fast was the service given?'),
    answers: [t('Tidak cepat', 'Not fast'), t('Kurang cepat', 'Barely fast'), t('Cepat', 'Fast'), t('Sangat cepat', 'Very fast')],
    advice: t(
      'Tambah loket pada jam sibuk dan pantau waktu tunggu terhadap standar pelayanan.',
      'Open more counters at busy hours and watch waits against the service standard.',
    ),
  },
  {
    code: 'U4',
    name: t('Biaya/tarif', 'Cost/fee'),
    question: t('Bagaimana kewajaran biaya/tarif dalam pelayanan?', 'How fair is the cost or fee of the service?'),
    answers: [t('Sangat mahal', 'Very expensive'), t('Cukup mahal', 'Rather expensive'), t('Murah', 'Cheap'), t('Gratis', 'Free')],
    advice: t(
      'Umumkan tarif resmi (atau "gratis") dengan jelas dan berikan bukti pembayaran.',
      'Post the official fee (or "free") clearly and give a receipt for every payment.',
    ),
  },
  {
    code: 'U5',
    name: t('Produk spesifikasi jenis pelayanan', 'Service product as specified'),
    question: t('Bagaimana kesesuaian hasil pelayanan dengan yang tercantum dalam standar pelayanan?', 'How well did the result match the service standard?'),
    answers: [t('Tidak sesuai', 'Not matching'), t('Kurang sesuai', 'Barely matching'), t('Sesuai', 'Matching'), t('Sangat sesuai', 'Fully matching')],
    advice: t(
      'Periksa hasil layanan sebelum diserahkan dan umumkan standar pelayanan.',
      'Check each result before handing it over and publish the service standard.',
    ),
  },
  {
    code: 'U6',
    name: t('Kompetensi pelaksana', 'Competence of staff'),
    question: t('Bagaimana kompetensi/kemampuan petugas dalam pelayanan?', 'How competent were the staff?'),
    answers: [
      t('Tidak kompeten', 'Not competent'),
      t('Kurang kompeten', 'Barely competent'),
      t('Kompeten', 'Competent'),
      t('Sangat kompeten', 'Very competent'),
    ],
    advice: t('Adakan pelatihan teknis bagi petugas layanan.', 'Train the service staff in the service itself.'),
  },
  {
    code: 'U7',
    name: t('Perilaku pelaksana', 'Conduct of staff'),
    question: t('Bagaimana kesopanan dan keramahan petugas dalam pelayanan?', 'How polite and friendly were the staff?'),
    answers: [
      t('Tidak sopan dan ramah', 'Not polite or friendly'),
      t('Kurang sopan dan ramah', 'Barely polite and friendly'),
      t('Sopan dan ramah', 'Polite and friendly'),
      t('Sangat sopan dan ramah', 'Very polite and friendly'),
    ],
    advice: t('Adakan pelatihan pelayanan prima dan budaya 5S (senyum, salam, sapa, sopan, santun).', 'Train staff in service excellence and courtesy.'),
  },
  {
    code: 'U8',
    name: t('Penanganan pengaduan, saran dan masukan', 'Handling of complaints and suggestions'),
    question: t('Bagaimana penanganan pengaduan pengguna layanan?', 'How are complaints of service users handled?'),
    answers: [
      t('Tidak ada', 'None'),
      t('Ada tetapi tidak berfungsi', 'Exists but does not work'),
      t('Berfungsi kurang maksimal', 'Works, not fully'),
      t('Dikelola dengan baik', 'Well managed'),
    ],
    advice: t(
      'Sediakan kanal pengaduan yang jelas dan jawab setiap pengaduan tepat waktu.',
      'Provide a clear complaint channel and answer every complaint on time.',
    ),
  },
  {
    code: 'U9',
    name: t('Sarana dan prasarana', 'Facilities'),
    question: t('Bagaimana kualitas sarana dan prasarana?', 'How good are the facilities?'),
    answers: [t('Buruk', 'Poor'), t('Cukup', 'Fair'), t('Baik', 'Good'), t('Sangat baik', 'Very good')],
    advice: t(
      'Perbaiki ruang tunggu, tempat duduk, toilet dan akses bagi penyandang disabilitas.',
      'Improve the waiting area, seats, toilets and access for visitors with disabilities.',
    ),
  },
];

/** Optional respondent profile: the annex's questionnaire asks sex, age, education and occupation. */
export const SKM_PROFILE = {
  sex: ['L', 'P'],
  age: ['lt20', '20_29', '30_39', '40_49', '50_59', '60plus'],
  education: ['sd', 'smp', 'sma', 'd1_d3', 'd4_s1', 's2', 's3'],
  occupation: ['pns', 'tni', 'polri', 'swasta', 'wirausaha', 'pelajar', 'lainnya'],
} as const;
export type SkmProfileField = keyof typeof SKM_PROFILE;

export const SKM_PROFILE_FIELDS = Object.keys(SKM_PROFILE) as SkmProfileField[];

export const SKM_PROFILE_LABELS: Record<SkmProfileField, LocalizedText> = {
  sex: t('Jenis kelamin', 'Sex'),
  age: t('Usia', 'Age'),
  education: t('Pendidikan', 'Education'),
  occupation: t('Pekerjaan', 'Occupation'),
};

export const SKM_PROFILE_VALUE_LABELS: Record<string, LocalizedText> = {
  L: t('Laki-laki', 'Male'),
  P: t('Perempuan', 'Female'),
  lt20: t('< 20 th', '< 20 yrs'),
  '20_29': t('20–29 th', '20–29 yrs'),
  '30_39': t('30–39 th', '30–39 yrs'),
  '40_49': t('40–49 th', '40–49 yrs'),
  '50_59': t('50–59 th', '50–59 yrs'),
  '60plus': t('≥ 60 th', '≥ 60 yrs'),
  sd: t('SD', 'Primary'),
  smp: t('SMP', 'Junior high'),
  sma: t('SMA/SMK', 'Senior high'),
  d1_d3: t('D1–D3', 'Diploma'),
  d4_s1: t('D4/S1', 'Bachelor'),
  s2: t('S2', 'Master'),
  s3: t('S3', 'Doctorate'),
  pns: t('PNS/ASN', 'Civil servant'),
  tni: t('TNI', 'Military'),
  polri: t('POLRI', 'Police'),
  swasta: t('Pegawai swasta', 'Private employee'),
  wirausaha: t('Wirausaha', 'Self-employed'),
  pelajar: t('Pelajar/mahasiswa', 'Student'),
  lainnya: t('Lainnya', 'Other'),
};
