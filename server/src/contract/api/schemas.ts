import { z } from 'zod';
import { COUNTER_ACTIONS } from '../events.js';

/**
 * Request schemas of routes that had them beside their handler, and the path parameters every
 * route takes. The routes validate with these same objects, and the OpenAPI document is made
 * from them: one definition for both.
 */

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM');
const serviceId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,47}$/);

/** ?day=YYYY-MM-DD (today when absent). */
export const dayQuery = z.strictObject({ day: isoDay.optional() });

/** An alert record's id, as the alert monitor makes them. */
export const alertRecordId = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_:@.-]+$/, 'must be an alert id');

export const bookingSlotsQuery = z.object({ serviceId, day: isoDay });

export const bookingCreateBody = z.strictObject({
  serviceId,
  day: isoDay,
  time: hhmm,
  name: z.string().trim().min(2).max(80),
  phone: z.string().min(6).max(30),
  consent: z.literal(true, { error: 'consent must be true' }),
  challenge: z.string().max(200),
  nonce: z.string().max(40),
  /** A field people never see: a form-filling bot fills it. */
  website: z.string().max(200).optional(),
});

export const bookingMoveBody = z.strictObject({ day: isoDay, time: hhmm });

export const bookingCheckInBody = z.strictObject({ code: z.string().min(4).max(40) });

export const contactBody = z.strictObject({ phone: z.string().min(6).max(30), consent: z.literal(true, { error: 'consent must be true' }) });

/** Path parameters. Ids that do not match answer the route's not-found code. */
const anyId = z.string().max(200);
export const idParam = z.strictObject({ id: anyId });
export const ticketIdParam = z.strictObject({
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .meta({ description: 'Ticket id (unguessable; from the ticket answer or its QR code)' }),
});
export const counterActionParams = z.strictObject({
  counterId: z.string().meta({ description: 'Counter id from the venue (GET /api/v1/venue)', example: 'loket-1' }),
  action: z.enum(COUNTER_ACTIONS),
});
export const bookingTokenParam = z.strictObject({ token: z.string().max(200).meta({ description: 'The manage token from the booking answer' }) });
export const jobIdParam = z.strictObject({ jobId: z.string().regex(/^[A-Za-z0-9_.-]{1,80}$/) });

/** The signed address of a virtual printer preview (from GET /printers/virtual/jobs). */
export const previewQuery = z.object({ exp: z.string().optional(), sig: z.string().optional() });
/** An <img> cannot send a header: the staff token may come in the address. */
export const tokenQuery = z.object({ token: z.string().optional() });
