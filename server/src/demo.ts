import type { AppContext } from './context.js';
import { pairingUrl } from './http/routes/admin.js';

export interface DemoLinks {
  devices: { name: string; url: string }[];
  staff: { username: string; counters: string[] }[];
  staffPassword: string | null;
}

/**
 * Demo venue set-up on start: kiosks and a hall board per floor registered as devices, with
 * fresh pairing links for any not yet paired; a supervisor and one officer per counter.
 */
export async function prepareDemo(ctx: AppContext, staffPassword: string): Promise<DemoLinks> {
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
  let created = false;
  const users = ctx.auth.users();
  if (!users.some((u) => u.username === 'supervisor')) {
    await ctx.auth.createUser({ username: 'supervisor', name: 'Supervisor MPP', password: staffPassword, role: 'supervisor', counterIds: [] }, now);
    created = true;
  }
  staff.push({ username: 'supervisor', counters: [] });
  for (const [i, c] of v.counters.entries()) {
    const username = `petugas${i + 1}`;
    if (!users.some((u) => u.username === username)) {
      await ctx.auth.createUser({ username, name: `Petugas ${c.name}`, password: staffPassword, role: 'officer', counterIds: [c.id] }, now);
      created = true;
    }
    staff.push({ username, counters: [c.id] });
  }
  return { devices, staff, staffPassword: created ? staffPassword : null };
}
