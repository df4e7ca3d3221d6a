import { Router, type Request } from 'express';
import QRCode from 'qrcode';
import { z } from 'zod';
import { AntreError } from '../../contract/errors.js';
import { bookingSettings, messageSettings } from '../../contract/venue.js';
import type { BookingCatalog } from '../../contract/booking.js';
import type { AppContext } from '../../context.js';
import { RateLimiter } from '../../auth/rate-limit.js';
import { authorizeCaller } from '../../policy/policy.js';
import { BotCheck } from '../../booking/bot-check.js';
import type { BookingService } from '../../booking/booking-service.js';
import { validate } from '../errors.js';
import { clientKey, principalOf } from '../principal.js';
import { ticketUrl } from './tickets.js';
import { on } from '../route-map.js';
import {
  bookingCheckInBody as checkInBody,
  bookingCreateBody as createBody,
  bookingMoveBody as moveBody,
  bookingSlotsQuery,
} from '../../contract/api/schemas.js';

const serviceId = bookingSlotsQuery.shape.serviceId;
const day = bookingSlotsQuery.shape.day;

/** The public booking API (safe to publish beyond the building) and check-in at the kiosk or the counter. */
export function bookingRoutes(ctx: AppContext): Router {
  const r = Router();
  const bot = new BotCheck();
  const reads = new RateLimiter(120, 10 * 60_000);
  // Read at start: a changed budget applies from the next start.
  const writes = new RateLimiter(bookingSettings(ctx.queue.venue.settings).perAddressPerHour, 3600_000);
  const svc = (): BookingService => {
    if (!ctx.bookings) throw new AntreError('NOT_FOUND');
    return ctx.bookings;
  };
  /** Every public call counts against the caller's address; writes also against the hourly booking budget. */
  const budget = (req: Request, limiter: RateLimiter) => {
    const now = ctx.queue.clock();
    const key = clientKey(req);
    if (limiter.blocked(key, now)) {
      throw new AntreError('TOO_MANY_ATTEMPTS', { retryAfterSeconds: limiter.retryAfter(key, now) });
    }
    limiter.fail(key, now);
    return now;
  };

  on(r, 'booking.services', (req, res) => {
    const now = budget(req, reads);
    const v = ctx.queue.venue;
    const services = v.services
      .filter((s) => s.booking && s.booking.onlineShare > 0)
      .map((s) => ({
        id: s.id,
        agencyId: s.agencyId,
        name: s.name,
        nameEn: s.nameEn,
        requirements: s.requirements,
        requirementsEn: s.requirementsEn,
        fee: s.fee,
        feeEn: s.feeEn,
      }));
    const agencies = v.agencies
      .filter((a) => services.some((s) => s.agencyId === a.id))
      .map((a) => ({ id: a.id, name: a.name, shortName: a.shortName, nameEn: a.nameEn, color: a.color, floor: a.floor }));
    const catalog: BookingCatalog = {
      venue: { name: v.name, building: v.building, address: v.address, timeZone: v.timeZone, timeZoneLabel: v.timeZoneLabel },
      days: svc().openDays(now),
      agencies,
      services,
      settings: bookingSettings(v.settings),
      keepNumbersDays: messageSettings(v.settings).keepNumbersDays,
    };
    res.json(catalog);
  });
  on(r, 'booking.slots', (req, res) => {
    const now = budget(req, reads);
    const q = validate(z.object({ serviceId, day }), req.query);
    res.json({ serviceId: q.serviceId, day: q.day, slots: svc().slots(q.serviceId, q.day, now) });
  });
  on(r, 'booking.challenge', (req, res) => {
    const now = budget(req, reads);
    res.json(bot.issue(now, bookingSettings(ctx.queue.venue.settings).botCheckBits));
  });
  on(r, 'bookings.create', async (req, res) => {
    const now = budget(req, writes);
    const given = req.body as { phone?: unknown; consent?: unknown } | undefined;
    if (typeof given?.phone === 'string' && given.consent !== true) throw new AntreError('CONSENT_REQUIRED');
    const body = validate(createBody, req.body);
    bot.verify(body.challenge, body.nonce, now);
    if (body.website) throw new AntreError('BOT_CHECK_FAILED', { reason: 'honeypot' });
    const b = await svc().create(body, now);
    res
      .status(201)
      .json({ ...svc().view(b), manageToken: b.manageToken, qrSvg: await QRCode.toString(b.code, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }) });
  });
  on(r, 'bookings.manage.get', async (req, res) => {
    budget(req, reads);
    const b = svc().byToken(req.params.token);
    res.json({ ...svc().view(b), qrSvg: await QRCode.toString(b.code, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }) });
  });
  on(r, 'bookings.manage.cancel', async (req, res) => {
    budget(req, reads);
    res.json(svc().view(await svc().cancel(req.params.token)));
  });
  on(r, 'bookings.manage.move', async (req, res) => {
    const now = budget(req, reads);
    const body = validate(moveBody, req.body);
    res.json(svc().view(await svc().move(req.params.token, body, now)));
  });
  on(r, 'bookings.checkIn', async (req, res) => {
    const p = authorizeCaller(principalOf(req, ctx), 'ticket.issue');
    const body = validate(checkInBody, req.body);
    const source = p.kind === 'device' ? { kind: 'kiosk' as const, id: p.device.ref ?? p.device.id } : { kind: 'staff' as const, id: p.user.id };
    const { ticket, booking } = await svc().checkIn(body.code, source, ctx.queue.clock());
    const print =
      ctx.printer && p.kind === 'device' ? await ctx.printer.printTicket(ticket, p.device.ref) : { jobId: null, state: 'none' as const, printerId: null };
    res.status(201).json({
      ...ctx.queue.engine.estimator.ticketView(ticket, ctx.queue.clock()),
      url: ticketUrl(ctx, ticket.id),
      print,
      booking: { code: booking.code, time: booking.time, slotAt: booking.slotAt },
    });
  });
  return r;
}
