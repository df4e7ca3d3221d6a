import type { TicketView } from './domain.js';
import type { KioskConfig, Venue } from './venue.js';

/** GET /api/venue: the venue as any screen may see it (printer addresses stay on the server). */
export type PublicVenue = Omit<Venue, 'kiosks'> & { version: number; kiosks: Pick<KioskConfig, 'id' | 'name' | 'floor' | 'paper'>[] };

/** What the kiosk's printer did with a new ticket, as far as known when the answer left. */
export interface PrintOutcome {
  jobId: string | null;
  state: 'queued' | 'printed' | 'failed' | 'none';
  printerId: string | null;
  error?: string;
}

/** POST /api/tickets 201: the new ticket, where its page lives, and what the printer did. */
export type IssuedTicket = TicketView & { url: string; print: PrintOutcome };
