import type { AppContext } from './context.js';
import { pairingUrl } from './http/routes/admin.js';
import { newPassword } from './auth/secrets.js';

export interface DemoLinks {
  devices: { name: string; url: string }[];
  staff: { username: string; counters: string[] }[];
  /** Accounts made on this start, with their passwords (shown once; never the admin's). */
  created: { username: string; password: string }[];
}

/**
 * Demo venue set-up on start: kiosks and a hall board per floor registered as devices, with
 * fresh pairing links for any not yet paired; a supervisor and one officer per counter.
 */
export async function prepareDemo(ctx: AppContext, staffPassword: string | null): Promise<DemoLinks> {
  // Each demo account gets its own password unless one is given for all (ANTRE_DEMO_PASSWORD, for tests and trainings).
  const passwordFor = () => staffPassword ?? newPassword();
  const created: DemoLinks['created'] = [];
  const now = ctx.queue.clock();
  const v = ctx.queue.venue;
  const wanted = [
    ...v.kiosks.map((k) => ({ kind: 'kiosk' as const, name: k.name, floor: k.floor, ref: k.id })),
    ...v.floors.map((f) => ({ kind: 'display' as const, name: `Layar ${f.name}`, floor: f.number, ref: null })),
    ...v.zones.map((z) => ({ kind: 'display' as const, name: `Layar ${z.name}`, floor: z.floor, ref: z.id })),
  ];
  const devices: DemoLinks['devices'] = [];
  for (const w of wanted) {
    const existing = ctx.auth.devices(now).find((d) => d.kind === w.kind && d.name === w.name);
    if (existing?.paired) continue;
    const out = existing ? await ctx.auth.repair(existing.id, now) : await ctx.auth.createDevice(w, now);
    devices.push({ name: w.name, url: pairingUrl(ctx, w.kind, out.code) });
  }
  const staff: DemoLinks['staff'] = [];
  const users = ctx.auth.users();
  if (!users.some((u) => u.username === 'supervisor')) {
    const password = passwordFor();
    await ctx.auth.createUser({ username: 'supervisor', name: 'Supervisor MPP', password, role: 'supervisor', counterIds: [] }, now);
    created.push({ username: 'supervisor', password });
  }
  staff.push({ username: 'supervisor', counters: [] });
  for (const [i, c] of v.counters.entries()) {
    const username = `petugas${i + 1}`;
    if (!users.some((u) => u.username === username)) {
      const password = passwordFor();
      await ctx.auth.createUser({ username, name: `Petugas ${c.name}`, password, role: 'officer', counterIds: [c.id] }, now);
      created.push({ username, password });
    }
    staff.push({ username, counters: [c.id] });
  }
  return { devices, staff, created };
}
