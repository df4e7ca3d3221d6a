import { Router } from 'express';
import { AntreError } from '../../contract/errors.js';
import type { OutboxView } from '../../contract/booking.js';
import type { AppContext } from '../../context.js';
import { RateLimiter } from '../../auth/rate-limit.js';
import { authorize } from '../../policy/policy.js';
import { validate } from '../errors.js';
import { clientKey, principalOf } from '../principal.js';
import { on } from '../route-map.js';
import { contactBody } from '../../contract/api/schemas.js';

const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

/** The visitor's number on the ticket page, and the supervisors' view of the outbox. */
export function contactRoutes(ctx: AppContext): Router {
  const r = Router();
  // Ticket ids are unguessable, but a page open to every phone in the hall gets a budget per address.
  const limiter = new RateLimiter(10, 10 * 60_000);
  const ticketOf = (id: string) => {
    const t = ID_RE.test(id) ? ctx.queue.engine.state.tickets.get(id) : undefined;
    if (!t) throw new AntreError('TICKET_NOT_FOUND');
    return t;
  };
  const messaging = () => {
    if (!ctx.messaging) throw new AntreError('MESSAGES_UNAVAILABLE');
    return ctx.messaging;
  };
  on(r, 'tickets.contact.get', (req, res) => {
    ticketOf(req.params.id);
    res.json({ available: !!ctx.messaging?.enabled, ...(ctx.messaging?.contactOf(req.params.id) ?? { registered: false, phone: null }) });
  });
  on(r, 'tickets.contact.add', async (req, res) => {
    const now = ctx.queue.clock();
    const key = clientKey(req);
    if (limiter.blocked(key, now)) throw new AntreError('TOO_MANY_ATTEMPTS', { retryAfterSeconds: limiter.retryAfter(key, now) });
    limiter.fail(key, now);
    const given = req.body as { phone?: unknown; consent?: unknown } | undefined;
    if (typeof given?.phone === 'string' && given.consent !== true) throw new AntreError('CONSENT_REQUIRED');
    const body = validate(contactBody, req.body);
    const ticket = ticketOf(req.params.id);
    const out = await messaging().addContact(ticket, body.phone, now);
    ctx.log.info({ ticket: ticket.number }, 'visitor added a number for messages');
    res.status(201).json({ registered: true, ...out });
  });
  on(r, 'tickets.contact.remove', async (req, res) => {
    ticketOf(req.params.id);
    await ctx.messaging?.removeContact(req.params.id);
    res.json({ registered: false, phone: null });
  });
  on(r, 'messages.outbox', (req, res) => {
    authorize(principalOf(req, ctx), 'messages.read');
    const m = ctx.messaging;
    const view: OutboxView = {
      channels: m?.outbox.channels.map((c) => c.name) ?? [],
      pending: m?.outbox.pending() ?? 0,
      dead: m?.outbox.deadLetters() ?? [],
      sent: { ...m?.outbox.sentCounts() },
    };
    res.json(view);
  });
  on(r, 'messages.retry', async (req, res) => {
    authorize(principalOf(req, ctx), 'messages.retry');
    if (!ID_RE.test(req.params.id) || !(await messaging().outbox.retry(req.params.id))) throw new AntreError('NOT_FOUND');
    res.json({ retried: true });
  });
  return r;
}
