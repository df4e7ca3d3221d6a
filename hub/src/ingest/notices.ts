import type { Notice } from '../wire.js';

/** Past this, a site's clock is said to be off (its lag is still computed with the skew taken out). */
export const CLOCK_SKEW_LIMIT_MS = 2 * 60_000;
/** A skew notice is repeated at most this often while the clock stays off (unless it moves by a minute). */
export const SKEW_NOTICE_EVERY_MS = 60 * 60_000;

function minutes(ms: number): string {
  return (Math.abs(ms) / 60_000).toFixed(1);
}

/** The texts people read about what the hub saw, both languages, with the figures in `detail`. */
export const notice = {
  gap(siteId: string, at: number, detail: { nextSeq: number; fromSeq: number }): Notice {
    return {
      kind: 'gap',
      siteId,
      at,
      detail,
      message: {
        id: `Gedung mengirim mulai nomor ${detail.fromSeq}, padahal pusat menunggu nomor ${detail.nextSeq}; gedung diminta mengirim ulang dari ${detail.nextSeq}.`,
        en: `The site sent from sequence ${detail.fromSeq} while the hub expects ${detail.nextSeq}; it was asked to resend from ${detail.nextSeq}.`,
      },
    };
  },
  sequenceBack(siteId: string, at: number, detail: { seq: number; hubNextSeq: number; batchEndSeq: number }): Notice {
    return {
      kind: 'sequence_back',
      siteId,
      at,
      detail,
      message: {
        id: `Isi data gedung pada nomor ${detail.seq} berbeda dari yang sudah diterima (pusat sudah sampai ${detail.hubNextSeq - 1}): kemungkinan gedung dipulihkan dari cadangan lama. Riwayat baru gedung diterima mulai nomor ${detail.seq}; keadaan terakhir per tiket yang dipakai, tidak ada yang dihitung dua kali.`,
        en: `The site's event at sequence ${detail.seq} differs from what the hub already had (it had reached ${detail.hubNextSeq - 1}): the site was probably restored from an old backup. Its new history is accepted from ${detail.seq}; the latest state per ticket counts, nothing twice.`,
      },
    };
  },
  clockSkew(siteId: string, at: number, skewMs: number): Notice {
    const ahead = skewMs > 0;
    return {
      kind: 'clock_skew',
      siteId,
      at,
      detail: { skewMs },
      message: {
        id: `Jam komputer gedung ${ahead ? 'lebih cepat' : 'lebih lambat'} ${minutes(skewMs)} menit dari jam pusat. Periksa pengaturan waktu (NTP) di server gedung.`,
        en: `The site's clock is ${minutes(skewMs)} minutes ${ahead ? 'ahead of' : 'behind'} the hub's. Check the time settings (NTP) of the site's server.`,
      },
    };
  },
  feedReset(siteId: string, at: number, detail: { oldFeedId: string; newFeedId: string; hubNextSeq: number }): Notice {
    return {
      kind: 'feed_reset',
      siteId,
      at,
      detail,
      message: {
        id: `Gedung memulai rangkaian data baru (sebelumnya sampai nomor ${detail.hubNextSeq - 1}); data lama tetap disimpan, data baru diterima mulai nomor 1.`,
        en: `The site started a new feed (the old one had reached ${detail.hubNextSeq - 1}); the old data is kept and the new feed is accepted from sequence 1.`,
      },
    };
  },
  configRefused(siteId: string, at: number, version: number, reason: { id: string; en: string } | undefined): Notice {
    return {
      kind: 'config_refused',
      siteId,
      at,
      detail: { version, reason: reason ?? null },
      message: {
        id: `Gedung menolak pengaturan versi ${version}: ${reason?.id ?? 'tanpa alasan'}`,
        en: `The site refused settings version ${version}: ${reason?.en ?? 'no reason given'}`,
      },
    };
  },
};
