import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { startHarness, type Harness } from '../../testing/harness.js';
import type { PublicCounter, StaffTicket, Ticket, TicketView } from '../domain.js';
import type { HubLinkStatus } from '../hub.js';
import type { IssuedTicket, PublicVenue } from '../responses.js';
import type { ApiAnswers } from './answers.js';
import {
  counterActionAnswer,
  counterListAnswer,
  healthAnswer,
  issuedTicketAnswer,
  publicCounterAnswer,
  publicVenueAnswer,
  staffTicketAnswer,
  ticketAnswer,
  ticketViewAnswer,
  visitorTicketAnswer,
} from './responses.js';

/** Compile-time: the documented answer and the type the server builds it with are the same shape, both ways. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agree = <T extends true>(v: T) => v;
agree<Same<z.infer<typeof ticketAnswer>, Ticket>>(true);
agree<Same<z.infer<typeof staffTicketAnswer>, StaffTicket>>(true);
agree<Same<z.infer<typeof ticketViewAnswer>, TicketView>>(true);
agree<Same<z.infer<typeof publicCounterAnswer>, PublicCounter>>(true);
agree<Same<z.infer<typeof issuedTicketAnswer>, IssuedTicket>>(true);
agree<Same<z.infer<typeof visitorTicketAnswer>, ApiAnswers['tickets.get']>>(true);
agree<Same<z.infer<typeof counterActionAnswer>, ApiAnswers['counters.action']>>(true);
agree<Same<z.infer<typeof publicVenueAnswer>['kiosks'], PublicVenue['kiosks']>>(true);
agree<Same<NonNullable<z.infer<typeof healthAnswer>['hub']>, HubLinkStatus>>(true);

let h: Harness;
let officer: string;
beforeAll(async () => {
  h = await startHarness();
  await h.api('/api/v1/users', {
    token: h.adminToken,
    body: { username: 'petugas1', name: 'Petugas Satu', password: 'sandi-petugas-1', role: 'officer', counterIds: ['loket-1'] },
  });
  officer = await h.login('petugas1', 'sandi-petugas-1');
});
afterAll(() => h.close());

/** The answer matches its schema, and carries no field the schema does not document. */
function documented(schema: z.ZodObject, body: Record<string, unknown>): void {
  const r = schema.safeParse(body);
  expect(r.success, JSON.stringify(r.error?.issues)).toBe(true);
  expect(Object.keys(body).filter((k) => !(k in schema.shape))).toEqual([]);
}

describe('answers of the integrator-facing routes match their documented schemas', () => {
  it('health, venue, counters', async () => {
    documented(healthAnswer, (await h.api('/api/v1/health')).body);
    const venue = (await h.api('/api/v1/venue')).body;
    documented(publicVenueAnswer, venue);
    expect(venue.kiosks.every((k: object) => !('printer' in k))).toBe(true);
    const counters = (await h.api('/api/v1/counters')).body;
    documented(counterListAnswer, counters);
    for (const c of counters.counters) documented(publicCounterAnswer, c);
  });

  it('a ticket issued, seen by its visitor, called at a counter, and the counter set on a break', async () => {
    const venue = (await h.api('/api/v1/venue')).body as PublicVenue;
    const serviceId = venue.counters.find((c) => c.id === 'loket-1')!.serviceIds[0]!;
    const issued = await h.api('/api/v1/tickets', { token: h.adminToken, body: { serviceId } });
    expect(issued.status).toBe(201);
    documented(issuedTicketAnswer, issued.body);
    documented(visitorTicketAnswer, (await h.api(`/api/v1/tickets/${issued.body.id}`)).body);
    const called = await h.api('/api/v1/counters/loket-1/call-next', { token: officer, body: {} });
    expect(called.status).toBe(200);
    // An officer's desk view: the documented staff ticket, without the record's who-served and source.
    documented(staffTicketAnswer, called.body);
    expect(called.body).not.toHaveProperty('userId');
    expect(called.body).not.toHaveProperty('source');
    // A desk with nobody at it goes on a break.
    const status = await h.api('/api/v1/counters/loket-2/status', { token: h.adminToken, body: { status: 'break', reason: 'Istirahat', minutes: 15 } });
    // The same shape the socket's counter:command answers with: the public counter, not the engine's record.
    documented(publicCounterAnswer, status.body);
    expect(status.body).toMatchObject({ counterId: 'loket-2', status: 'break', breakReason: 'Istirahat' });
    expect(status.body).not.toHaveProperty('userId');
  });
});
