import type { MessageKind } from './channel.js';

/** The values a message of each kind is filled with, in template order. */
export interface MessageValues {
  booking_confirmed: { code: string; service: string; date: string; time: string; link: string };
  booking_reminder: { code: string; service: string; date: string; time: string };
  almost_turn: { number: string; ahead: number; service: string };
  called: { number: string; counter: string };
  survey: { number: string; link: string };
}

/**
 * Each kind as template params (WhatsApp: the approved template holds the wording) and as an SMS
 * text in Bahasa Indonesia, short enough for one SMS where it can be.
 */
export function composeMessage<K extends MessageKind>(kind: K, v: MessageValues[K]): { params: string[]; text: string } {
  const x = v as MessageValues[MessageKind] & Record<string, string | number>;
  switch (kind) {
    case 'booking_confirmed':
      return {
        params: [x.code, x.service, x.date, x.time, x.link].map(String),
        text: `MPP: booking ${x.code} ${x.service}, ${x.date} pukul ${x.time}. Tunjukkan kode ini di kios. Ubah/batal: ${x.link}`,
      };
    case 'booking_reminder':
      return {
        params: [x.code, x.service, x.date, x.time].map(String),
        text: `MPP: pengingat booking ${x.code} ${x.service} besok ${x.date} pukul ${x.time}. Check-in di kios dengan kode ini.`,
      };
    case 'almost_turn':
      return {
        params: [String(x.number), String(x.ahead), String(x.service)],
        text: `MPP: antrean ${x.number}, ${x.ahead} lagi sebelum Anda (${x.service}). Mohon bersiap di dekat loket.`,
      };
    case 'called':
      return { params: [String(x.number), String(x.counter)], text: `MPP: antrean ${x.number}, silakan ke ${x.counter} sekarang.` };
    case 'survey':
      return { params: [String(x.number), String(x.link)], text: `MPP: terima kasih (antrean ${x.number}). Mohon nilai layanan kami: ${x.link}` };
  }
  throw new Error(`unknown message kind ${String(kind)}`);
}
