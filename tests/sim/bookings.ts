import { errorCode } from './api.ts';
import { solve } from '../../server/src/booking/bot-check.ts';
import type { DayRunner } from './day.ts';
import type { DayPlan } from './plan.ts';

/**
 * Before the day, the visitors who book do so through the public API (bot check solved, five
 * simulated seconds apart from one address, from 07:05); a refused booking (slot full) comes as
 * a walk-in. Fills `codes` (visitor number -> booking code).
 */
export async function bookAhead(runner: DayRunner, plan: DayPlan, codes: Map<number, string>, clockAt: number): Promise<void> {
  codes.clear();
  let at = Math.max(clockAt, plan.start - 25 * 60_000);
  for (const v of plan.visitors) {
    if (!v.booking) continue;
    at += 5000;
    const c = await runner.call(at, 'GET', '/api/booking/challenge', null);
    const r = await runner.call(at, 'POST', '/api/bookings', null, {
      serviceId: v.serviceId,
      day: plan.day,
      time: v.booking.time,
      name: `Pengunjung ${v.n}`,
      phone: v.booking.phone,
      consent: true,
      challenge: c.body.challenge,
      nonce: solve(c.body.challenge, c.body.bits),
    });
    const code = errorCode(r);
    if (!code) {
      codes.set(v.n, r.body.code);
      runner.tally.booking('made');
    } else if (code === 'SLOT_FULL' || code === 'BOOKING_CLOSED') runner.tally.booking('refused');
    else runner.fail([`booking for ${v.serviceId} at ${v.booking.time} refused with ${code}: ${JSON.stringify(r.body)}`]);
  }
}
