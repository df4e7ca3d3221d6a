import express, { Router, type RequestHandler } from 'express';
import { dirname, join } from 'node:path';
import { AntreError } from '../../contract/errors.js';
import type { Ticket } from '../../contract/domain.js';
import type { VenueRawResponse, VenueSaveResponse } from '../../contract/reports.js';
import { venueSchema, type Venue } from '../../contract/venue.js';
import type { AppContext } from '../../context.js';
import { authorize, authorizeStaff } from '../../policy/policy.js';
import type { Notifier } from '../../realtime/notifier.js';
import { writeFileDurable } from '../../store/durable-file.js';
import { describeIssues } from '../../venue/load-venue.js';
import { PrinterConfigError, validatePrinters } from '../../printing/print-service.js';
import { principalOf } from '../principal.js';
import { on } from '../route-map.js';

/** The admin's edited venue, kept in the venue's data folder; on start it wins over the venue file. */
export function savedVenuePath(venueDataDir: string): string {
  return join(venueDataDir, 'venue.json');
}

const LIVE = new Set<Ticket['status']>(['waiting', 'called', 'serving', 'held']);

/**
 * Venue editing. Mounted before the API's 32 kB JSON parser: a whole venue document is larger
 * (MPP Simpurusiang's is about 60 kB), so PUT /venue parses its own body, after the admin check.
 */
export function venueAdminRoutes(ctx: AppContext, notifier: () => Notifier | null): Router {
  const r = Router();
  const adminOnly: RequestHandler = (req, _res, next) => {
    authorize(principalOf(req, ctx), 'venue.edit');
    next();
  };

  on(r, 'venue.raw', adminOnly, (_req, res) => {
    const body: VenueRawResponse = { version: ctx.queue.venueVersion, venue: ctx.queue.venue };
    res.json(body);
  });

  on(r, 'venue.save', adminOnly, express.json({ limit: '1mb', strict: true, type: ['application/json', 'application/*+json'] }), async (req, res) => {
    const user = authorizeStaff(principalOf(req, ctx), 'venue.edit');
    // Between commands, with the queue held still: no ticket of a service being removed can be issued
    // between the check of today's tickets and the save; one edit at a time, so the file on disk and
    // the running venue never disagree.
    const out = await ctx.queue.exclusive(() => saveVenue(ctx, req.body, notifier));
    ctx.log.info({ userId: user.id, version: out.version }, 'venue edited');
    res.json(out);
  });
  return r;
}

/**
 * Validates, refuses edits that would strand today's visitors, saves durably, then goes live. Run
 * inside `queue.exclusive()`; the hub's settings take the same path as the admin's editor.
 */
export async function saveVenue(ctx: AppContext, body: unknown, notifier: () => Notifier | null): Promise<VenueSaveResponse> {
  const parsed = venueSchema.safeParse(body);
  if (!parsed.success) throw new AntreError('VENUE_INVALID', { problems: describeIssues(parsed.error.issues) });
  const next = parsed.data;
  const current = ctx.queue.venue;
  if (next.id !== current.id) {
    throw new AntreError('VENUE_INVALID', {
      problems: [`id: cannot be changed from "${current.id}" (it names the data folder); start a new venue with its own file instead`],
    });
  }
  // The saved venue is what the next start runs on: a printer it cannot open must not get in.
  try {
    validatePrinters(next);
  } catch (err) {
    if (err instanceof PrinterConfigError) throw new AntreError('VENUE_INVALID', { problems: [`kiosks: ${err.message}`] });
    throw err;
  }
  const problems = venueEditConflicts(current, next, ctx.queue.engine.state.tickets.values());
  if (problems.length) throw new AntreError('VENUE_IN_USE', { problems });
  try {
    await writeFileDurable(savedVenuePath(dirname(ctx.queue.store.dir)), `${JSON.stringify(next, null, 2)}\n`);
  } catch (err) {
    throw new AntreError('STORAGE_FAILED', { cause: (err as NodeJS.ErrnoException).code ?? 'EIO' });
  }
  ctx.queue.setVenue(next);
  notifier()?.venueChanged(ctx.queue.venueVersion);
  return { version: ctx.queue.venueVersion };
}

/**
 * What an edit may not do while today's queue runs: drop a service or counter that still has
 * visitors, or give a prefix already printed today to another service (numbers would repeat).
 */
export function venueEditConflicts(current: Venue, next: Venue, todaysTickets: Iterable<Ticket>): string[] {
  const problems: string[] = [];
  const tickets = [...todaysTickets];
  const live = tickets.filter((t) => LIVE.has(t.status));
  const prefixUsedBy = new Map<string, string>();
  for (const t of tickets) prefixUsedBy.set(prefixOf(t.number), t.serviceId);
  const nextServices = new Set(next.services.map((s) => s.id));
  for (const s of current.services) {
    if (nextServices.has(s.id)) continue;
    const n = live.filter((t) => t.serviceId === s.id).length;
    if (n) problems.push(`services: "${s.id}" (${s.name}) still has ${n} visitor(s) in line today; close it for today and remove it after hours`);
  }
  const nextCounters = new Set(next.counters.map((c) => c.id));
  for (const c of current.counters) {
    if (nextCounters.has(c.id)) continue;
    if (live.some((t) => t.targetCounterId === c.id || t.counterId === c.id))
      problems.push(`counters: "${c.id}" (${c.name}) still has a visitor at the desk or waiting for it today; finish or transfer them first`);
  }
  return [...problems, ...prefixConflicts(next, prefixUsedBy)];
}

function prefixConflicts(next: Venue, usedBy: Map<string, string>): string[] {
  const out: string[] = [];
  next.services.forEach((s, i) => {
    const owner = usedBy.get(s.prefix);
    if (owner && owner !== s.id)
      out.push(
        `services[${i}].prefix: "${s.prefix}" was printed today on tickets of service "${owner}"; numbers would repeat on the boards, change it after today`,
      );
  });
  return out;
}

function prefixOf(number: string): string {
  return number.slice(0, number.lastIndexOf('-'));
}
