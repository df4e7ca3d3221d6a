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
