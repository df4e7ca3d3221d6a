import type { KioskConfig, TicketView, Venue } from '@antre/server/contract';

// The two shapes below are what the server answers but the contract does not export yet
// (GET /api/venue adds `version` and strips printer fields; POST /api/tickets adds `url` and
// `print`). They are derived from contract types so a contract change still breaks the build.

/** GET /api/venue: the venue as any screen may see it. */
export type PublicVenue = Omit<Venue, 'kiosks'> & { version: number; kiosks: Pick<KioskConfig, 'id' | 'name' | 'floor' | 'paper'>[] };

/** POST /api/tickets 201: the new ticket, where its page lives, and what the printer did. */
export type IssuedTicket = TicketView & {
  url: string;
  print: { state: 'none' | 'queued' | 'printed' | 'failed'; jobId: string | null; printerId: string | null; error?: string };
};
