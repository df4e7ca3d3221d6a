import { Router } from 'express';
import { AntreError } from '../../contract/errors.js';
import { issueTicketBody, transferBody } from '../../contract/schemas.js';
import type { AppContext } from '../../context.js';
import { requireIssuer, requireUser } from '../../commands/access.js';
import { validate } from '../errors.js';
import { principalOf } from '../principal.js';

const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

export function ticketRoutes(ctx: AppContext): Router {
  const r = Router();
  r.post('/tickets', async (req, res) => {
    const p = requireIssuer(principalOf(req, ctx));
    const body = validate(issueTicketBody, req.body);
    const source = p.kind === 'device' ? { kind: 'kiosk' as const, id: p.device.ref ?? p.device.id } : { kind: 'staff' as const, id: p.user.id };
    const ticket = await ctx.queue.run((e, now) => e.issue({ serviceId: body.serviceId, priority: body.priority ?? null, source }, now));
    const now = ctx.queue.clock();
    ctx.log.info({ ticket: ticket.number, serviceId: ticket.serviceId, source }, 'ticket issued');
    const print = ctx.printer && p.kind === 'device' ? await ctx.printer.printTicket(ticket, p.device.ref) : { jobId: null, state: 'none' as const, printerId: null };
    res.status(201).json({ ...ctx.queue.engine.estimator.ticketView(ticket, now), url: ticketUrl(ctx, ticket.id), print });
  });
  r.get('/tickets', (req, res) => {
    requireUser(principalOf(req, ctx));
    res.json({ day: ctx.queue.day, tickets: [...ctx.queue.engine.state.tickets.values()] });
  });
  r.get('/tickets/:id', (req, res) => {
    const id = req.params.id;
    const t = ID_RE.test(id) ? ctx.queue.engine.state.tickets.get(id) : undefined;
    if (!t) throw new AntreError('TICKET_NOT_FOUND');
    res.json({ ...ctx.queue.engine.estimator.ticketView(t, ctx.queue.clock()), url: ticketUrl(ctx, t.id) });
  });
  r.post('/tickets/:id/transfer', async (req, res) => {
    const u = requireUser(principalOf(req, ctx), ['admin', 'supervisor']);
    const body = validate(transferBody, req.body);
    if (!ID_RE.test(req.params.id)) throw new AntreError('TICKET_NOT_FOUND');
    res.json(await ctx.queue.run((e, now) => e.transfer(req.params.id, body, { userId: u.id }, now)));
  });
  return r;
}

/** The visitor's page behind the ticket's QR code. */
export function ticketUrl(ctx: AppContext, id: string): string {
  return `${ctx.publicUrl.replace(/\/$/, '')}/t/${id}`;
}
