import { Router } from 'express';
import { AntreError } from '../../contract/errors.js';
import { issueTicketBody, transferBody } from '../../contract/schemas.js';
import type { AppContext } from '../../context.js';

import { validate } from '../errors.js';
import { principalOf } from '../principal.js';
import { digest } from '../../auth/secrets.js';
import { budget, take } from '../../security/guard.js';
import { visitorTicketView } from '../../realtime/presenters.js';
import { agenciesOf, authorize, authorizeCaller, authorizeStaff } from '../../policy/policy.js';
import { leadTicket, ticketPresenter } from '../../presenters/tickets.js';
import type { PrintOutcome } from '../../contract/responses.js';
import { on } from '../route-map.js';

const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

/** An Idempotency-Key as a kiosk sends it: one per visitor's tap, reused for that tap's retries. */
const KEY_RE = /^[A-Za-z0-9_.:-]{8,128}$/;

export function ticketRoutes(ctx: AppContext): Router {
  const r = Router();
  const kioskTickets = budget(ctx.limits.kioskTicketsPerMinute, 60, 'kiosk-tickets');
  on(r, 'tickets.issue', async (req, res) => {
    const p = authorizeCaller(principalOf(req, ctx), 'ticket.issue');
    const body = validate(issueTicketBody, req.body);
    const source = p.kind === 'device' ? { kind: 'kiosk' as const, id: p.device.ref ?? p.device.id } : { kind: 'staff' as const, id: p.user.id };
    const header = req.headers['idempotency-key'];
    if (header !== undefined && (typeof header !== 'string' || !KEY_RE.test(header))) {
      throw new AntreError(
        'INVALID_INPUT',
        { header: 'Idempotency-Key' },
        { id: 'Idempotency-Key harus 8-128 huruf, angka atau _ . : -', en: 'Idempotency-Key must be 8-128 letters, digits or _ . : -' },
      );
    }
    // Scoped to the caller: one kiosk's key never answers with another's ticket.
    const requestKey = header ? digest(`${source.kind}:${source.id}:${header}`).slice(0, 22) : undefined;
    const known = requestKey ? ctx.queue.engine.state.requests.get(requestKey) : undefined;
    // A person tapping issues a few tickets a minute: a kiosk (or its stolen token) cannot empty a day's quota in a burst. Retries are free.
    if (p.kind === 'device' && !known) {
      const wait = await take(kioskTickets, p.device.id);
      if (wait) throw new AntreError('TOO_MANY_REQUESTS', { retryAfterSeconds: wait });
    }
    let repeat = false;
    const ticket = await ctx.queue.run((e, now) => {
      repeat = requestKey !== undefined && e.state.requests.has(requestKey);
      return e.issue({ serviceId: body.serviceId, priority: body.priority ?? null, source, requestKey }, now);
    });
    const now = ctx.queue.clock();
    if (!repeat) ctx.log.info({ ticket: ticket.number, serviceId: ticket.serviceId, source }, 'ticket issued');
    // The ticket is durable from here: a printer that fails (or throws) is reported in the answer, never as a failed request.
    let print: PrintOutcome = { jobId: null, state: 'none', printerId: null };
    if (ctx.printer && p.kind === 'device' && !repeat) {
      try {
        print = await ctx.printer.printTicket(ticket, p.device.ref);
      } catch (err) {
        ctx.log.error({ err, ticket: ticket.number }, 'printing failed after the ticket was saved');
        print = { jobId: null, state: 'failed', printerId: null };
      }
    }
    res.status(201).json({ ...ctx.queue.engine.estimator.ticketView(ticket, now), url: ticketUrl(ctx, ticket.id), print });
  });
  on(r, 'tickets.list', (req, res) => {
    const p = principalOf(req, ctx);
    authorize(p, 'ticket.list');
    // Officers see the tickets of the agencies their counters serve, as their desks see them; supervisors and admins every agency's record.
    const venue = ctx.queue.venue;
    const agencies = agenciesOf(venue, p);
    const present = ticketPresenter(venue, p)!;
    res.json({ day: ctx.queue.day, tickets: [...ctx.queue.engine.state.tickets.values()].filter((t) => agencies.has(t.agencyId)).map(present) });
  });
  on(r, 'tickets.get', (req, res) => {
    const id = req.params.id;
    const t = ID_RE.test(id) ? ctx.queue.engine.state.tickets.get(id) : undefined;
    if (!t) throw new AntreError('TICKET_NOT_FOUND');
    res.json({ ...visitorTicketView(ctx.queue.engine.estimator.ticketView(t, ctx.queue.clock())), url: ticketUrl(ctx, t.id) });
  });
  on(r, 'tickets.transfer', async (req, res) => {
    const u = authorizeStaff(principalOf(req, ctx), 'ticket.reroute');
    const body = validate(transferBody, req.body);
    if (!ID_RE.test(req.params.id)) throw new AntreError('TICKET_NOT_FOUND');
    res.json(leadTicket(await ctx.queue.run((e, now) => e.transfer(req.params.id, body, { userId: u.id }, now))));
  });
  return r;
}

/** The visitor's page behind the ticket's QR code. */
export function ticketUrl(ctx: AppContext, id: string): string {
  return `${ctx.publicUrl.replace(/\/$/, '')}/t/${id}`;
}
