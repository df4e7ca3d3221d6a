import type { Ticket } from '../contract/domain.js';
import type { PrintOutcome } from '../contract/responses.js';

/** Called after a kiosk ticket is durable: prints it (printers plug in here). */
export interface TicketPrinter {
  printTicket(ticket: Ticket, kioskId: string | null): Promise<PrintOutcome> | PrintOutcome;
}
