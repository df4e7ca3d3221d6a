import { z } from 'zod';
import { COUNTER_STATUSES, PRIORITY_CATEGORIES, TICKET_STATUSES } from '../domain.js';
import { VISIT_OUTCOMES } from '../plan.js';
import { kioskSchema, venueSchema } from '../venue.js';

/**
 * Answer schemas of the routes integrators build on (health, venue, tickets, counters). They
 * describe what the server sends (the OpenAPI document is generated from them); the TypeScript
 * types the server builds answers with are checked against them in `responses.test.ts`.
 */

const epochMs = z.number().int().meta({ description: 'Epoch milliseconds' });
const day = z.string().meta({ description: 'Service day, YYYY-MM-DD (Asia/Makassar)', example: '2026-12-02' });

export const healthAnswer = z
  .object({
    status: z.enum(['ok', 'storage_failed']),
    storage: z.object({ since: epochMs, reason: z.string() }).nullable().meta({ description: 'Why commands are refused (507) until the disk is healthy' }),
    day,
    venue: z.string(),
    uptimeSeconds: z.number().int(),
    memoryMB: z.object({ rss: z.number(), heapUsed: z.number(), heapTotal: z.number(), external: z.number() }),
    hub: z
      .object({
        state: z.enum(['starting', 'ok', 'retrying', 'failed']),
        url: z.string(),
        siteId: z.string(),
        feedId: z.string().nullable(),
        lastOkAt: epochMs.nullable(),
        lastSentAt: epochMs.nullable(),
        pendingEvents: z.number().int().meta({ description: "Events on the site's disk the hub has not acknowledged" }),
        hubNextSeq: z.number().int(),
        configVersion: z.number().int(),
        lastError: z.object({ at: epochMs, message: z.string() }).nullable(),
      })
      .optional()
      .meta({ description: 'The link to the hub of many buildings, when the site has one' }),
  })
  .meta({ id: 'Health' });

const ticketStatus = z.enum(TICKET_STATUSES);
const priority = z.enum(PRIORITY_CATEGORIES).nullable();

export const publicCounterAnswer = z
  .object({
    counterId: z.string(),
    status: z.enum(COUNTER_STATUSES),
    since: epochMs,
    breakReason: z.string().nullable(),
    breakUntil: epochMs.nullable(),
    ticket: z
      .object({
        id: z.string(),
        number: z.string(),
        serviceId: z.string(),
        status: ticketStatus,
        calledAt: epochMs.nullable(),
        booked: z.boolean().meta({ description: 'The ticket came from an online booking (no visitor data, only that the number had an appointment)' }),
      })
      .nullable(),
    lastCallAt: epochMs.nullable(),
  })
  .meta({ id: 'PublicCounter', description: 'A counter as every screen may see it (no staff names).' });

export const ticketAnswer = z
  .object({
    id: z.string(),
    day,
    number: z.string().meta({ example: 'A-007' }),
    seq: z.number().int(),
    serviceId: z.string(),
    agencyId: z.string(),
    priority,
    status: ticketStatus,
    issuedAt: epochMs,
    queuedAt: epochMs,
    targetCounterId: z.string().nullable(),
    counterId: z.string().nullable(),
    userId: z.string().nullable(),
    calledAt: epochMs.nullable(),
    startedAt: epochMs.nullable(),
    finishedAt: epochMs.nullable(),
    recalls: z.number().int(),
    transferredFrom: z.string().nullable(),
    transferredTo: z.string().nullable(),
    note: z.string().nullable(),
    source: z.object({ kind: z.enum(['kiosk', 'staff', 'api']), id: z.string() }),
    history: z.array(
      z.object({
        at: epochMs,
        action: z.enum([
          'issued',
          'called',
          'recalled',
          'started',
          'finished',
          'no_show',
          'held',
          'resumed',
          'transferred_out',
          'transferred_in',
          'expired',
          'requeued',
          'no_show_undone',
        ]),
        counterId: z.string().optional(),
        userId: z.string().optional(),
        note: z.string().optional(),
      }),
    ),
    booking: z.object({ code: z.string(), slotAt: epochMs }).nullable().optional(),
  })
  .meta({ id: 'Ticket', description: "A ticket's whole record, as supervisors and admins see it, with its history (the audit trail)." });

/** An officer's (or a desk's call button's) view of a ticket: no who-served, no source, no booking code; the desk's own events and notes. */
export const staffTicketAnswer = ticketAnswer
  .extend({
    userId: z.string().nullable().optional(),
    source: ticketAnswer.shape.source.optional(),
    booking: z.object({ code: z.string().optional(), slotAt: epochMs }).nullable().optional(),
  })
  .meta({
    id: 'StaffTicket',
    description:
      "A ticket as staff see it: supervisors and admins the whole record (Ticket); officers and call buttons without userId, source or booking code, with only their desks' events, and a note only while the visit is live or was served at their desk.",
  });

export const ticketViewAnswer = z
  .object({
    id: z.string(),
    number: z.string().meta({ example: 'A-007' }),
    serviceId: z.string(),
    agencyId: z.string(),
    floor: z.number().int(),
    status: ticketStatus,
    priority,
    prioritized: z.boolean(),
    issuedAt: epochMs,
    ahead: z.number().int().meta({ description: 'Visitors to be called before this one' }),
    estimatedWaitMinutes: z.number().nullable(),
    serviceStartsAt: epochMs.nullable(),
    servedBeforeClose: z.boolean().nullable(),
    outcome: z
      .object({ outcome: z.enum(VISIT_OUTCOMES), missing: z.array(z.string()), agencyId: z.string().nullable(), reason: z.string().nullable() })
      .nullable(),
    counterId: z.string().nullable(),
    calledAt: epochMs.nullable(),
    recalls: z.number().int(),
    transferredTo: z.object({ id: z.string(), number: z.string(), serviceId: z.string() }).nullable(),
  })
  .meta({ id: 'TicketView', description: "A ticket as the visitor's page sees it." });

export const printOutcomeAnswer = z
  .object({
    jobId: z.string().nullable(),
    state: z.enum(['queued', 'printed', 'failed', 'none']),
    printerId: z.string().nullable(),
    error: z.string().optional(),
  })
  .meta({ id: 'PrintOutcome' });

export const issuedTicketAnswer = ticketViewAnswer
  .extend({
    url: z.string().meta({ description: "The visitor's ticket page (the QR code on the slip)" }),
    print: printOutcomeAnswer,
  })
  .meta({ id: 'IssuedTicket' });

export const visitorTicketAnswer = ticketViewAnswer.extend({ url: z.string() }).meta({ id: 'VisitorTicket' });

export const checkedInTicketAnswer = issuedTicketAnswer
  .extend({
    booking: z.object({ code: z.string(), time: z.string(), slotAt: epochMs }),
  })
  .meta({ id: 'CheckedInTicket' });

/** A counter command answers with the ticket it acted on, or (status) with the counter as the socket sends it. */
export const counterActionAnswer = z.union([staffTicketAnswer, publicCounterAnswer]).meta({ id: 'CounterActionAnswer' });

export const counterListAnswer = z.object({ counters: z.array(publicCounterAnswer) }).meta({ id: 'CounterList' });

export const publicVenueAnswer = z
  .object({
    ...venueSchema.shape,
    version: z.number().int().meta({ description: 'Goes up with every edit; the socket event `venue` announces a new one' }),
    kiosks: z.array(kioskSchema.pick({ id: true, name: true, floor: true, paper: true })),
  })
  .meta({ id: 'PublicVenue', description: 'The venue as any screen may see it: no printer addresses, no staff names.' });
