import type { BookingSettings } from './venue.js';

/** One bookable time of a service on a day. */
export interface Slot {
  time: string;
  at: number;
  /** Online places in this slot, and how many are left. */
  capacity: number;
  left: number;
}

/** A booking as its holder sees it (the number masked). */
export interface BookingView {
  code: string;
  serviceId: string;
  agencyId: string;
  day: string;
  time: string;
  slotAt: number;
  name: string;
  phone: string;
  status: 'active' | 'cancelled' | 'checked_in';
  ticketId: string | null;
  manageUrl: string;
  checkIn: { opensAt: number; closesAt: number };
  /** The code as a QR (SVG), for the kiosk's scanner. */
  qrSvg?: string;
  manageToken?: string;
}

/** GET /api/booking/services: what the public booking page needs, nothing internal. */
export interface BookingCatalog {
  venue: { name: string; building: string; address: string; timeZone: string; timeZoneLabel: string };
  days: string[];
  agencies: { id: string; name: string; shortName: string; nameEn?: string; color: string; floor: number }[];
  services: { id: string; agencyId: string; name: string; nameEn?: string; requirements: string[]; requirementsEn?: string[]; fee: string; feeEn?: string }[];
  settings: BookingSettings;
  keepNumbersDays: number;
}

/** A message given up on, as supervisors see it (the number masked). */
export interface DeadLetterView {
  id: string;
  to: string;
  kind: 'booking_confirmed' | 'booking_reminder' | 'almost_turn' | 'called' | 'survey';
  text: string;
  createdAt: number;
  deadAt: number | null;
  attempts: number;
  lastError: string | null;
}

/** GET /api/messages/outbox: the message channels at a glance. */
export interface OutboxView {
  channels: string[];
  pending: number;
  dead: DeadLetterView[];
  /** Delivered per local day and channel (counts only). */
  sent: Record<string, Record<string, number>>;
}
