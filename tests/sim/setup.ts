import type { Venue } from '@antre/server/contract';
import type { Api } from './api.ts';
import { Screen } from './screens.ts';

export const STAFF_PASSWORD = 'petugas-simulasi-1';

export interface Building {
  adminToken: string;
  supervisorToken: string;
  /** Officer session per counter id. */
  officers: Map<string, string>;
  /** Kiosk device token per floor. */
  kiosks: Map<number, string>;
  screens: Screen[];
  supervisorScreen: Screen;
  /** Staff log in again in the morning: a session left unused overnight has ended (sessionIdleMinutes). */
  signIn(): Promise<void>;
}

async function ok(p: Promise<{ status: number; body: any }>, what: string): Promise<any> {
  const r = await p;
  if (r.status >= 300) throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/**
 * Sets the building up through the public API as an admin would on the first morning: a
 * supervisor, one officer per counter, a kiosk per floor, a hall board per floor and one for the
 * Dukcapil zone, all paired; then every screen connects as its own socket.io client.
 */
export async function setUpBuilding(
  api: Api,
  url: string,
  venue: Venue,
  adminPassword: string,
  accounts: 'per-counter' | 'consoles-only' = 'per-counter',
): Promise<Building> {
  const login = async (username: string, password: string) =>
    (await ok(api('POST', '/api/auth/login', null, { username, password }), `login ${username}`)).token as string;
  const adminToken = await login('admin', adminPassword);
  await ok(
    api('POST', '/api/users', adminToken, { username: 'supervisor', name: 'Supervisor MPP', password: STAFF_PASSWORD, role: 'supervisor', counterIds: [] }),
    'create supervisor',
  );
  // Password hashing is deliberately slow: accounts are made and logged in a few at a time.
  // 'consoles-only' (quick replays): accounts for the two watched consoles, the supervisor works the other counters.
  const consoles = [venue.counters[0]!.id, venue.counters[venue.counters.length - 1]!.id];
  const staffed = accounts === 'per-counter' ? venue.counters : venue.counters.filter((c) => consoles.includes(c.id));
  const officers = new Map<string, string>();
  for (let i = 0; i < staffed.length; i += 4) {
    await Promise.all(
      staffed.slice(i, i + 4).map(async (c) => {
        const username = `petugas-${c.id}`;
        await ok(
          api('POST', '/api/users', adminToken, { username, name: `Petugas ${c.name}`, password: STAFF_PASSWORD, role: 'officer', counterIds: [c.id] }),
          `create ${username}`,
        );
      }),
    );
  }
  const signIn = async () => {
    for (let i = 0; i < staffed.length; i += 4) {
      await Promise.all(staffed.slice(i, i + 4).map(async (c) => officers.set(c.id, await login(`petugas-${c.id}`, STAFF_PASSWORD))));
    }
    building.supervisorToken = await login('supervisor', STAFF_PASSWORD);
    building.adminToken = await login('admin', adminPassword);
    for (const c of venue.counters) if (!staffed.includes(c)) officers.set(c.id, building.supervisorToken);
  };
  const building = { adminToken, supervisorToken: '', officers, signIn } as Pick<Building, 'adminToken' | 'supervisorToken' | 'officers' | 'signIn'>;
  await signIn();
  const supervisorToken = building.supervisorToken;
  const pair = async (kind: string, name: string, extra: Record<string, unknown>) => {
    const created = await ok(api('POST', '/api/devices', adminToken, { kind, name, ...extra }), `create ${name}`);
    return (await ok(api('POST', '/api/devices/pair', null, { code: created.code }), `pair ${name}`)).token as string;
  };
  const kiosks = new Map<number, string>();
  const screens: Screen[] = [];
  for (const k of venue.kiosks) {
    const token = await pair('kiosk', k.name, { ref: k.id });
    if (!kiosks.has(k.floor)) kiosks.set(k.floor, token);
    screens.push(new Screen(k.name, false, url, token));
  }
  for (const f of venue.floors) screens.push(new Screen(`Layar ${f.name}`, false, url, await pair('display', `Layar ${f.name}`, { floor: f.number })));
  for (const z of venue.zones) screens.push(new Screen(`Layar ${z.name}`, false, url, await pair('display', `Layar ${z.name}`, { ref: z.id })));
  const supervisorScreen = new Screen('Supervisor', true, url, supervisorToken);
  screens.push(supervisorScreen);
  // Two officers' consoles, one per floor: they see their agency's live tickets.
  for (const counterId of consoles) {
    screens.push(new Screen(`Konsol ${counterId}`, true, url, officers.get(counterId)!));
  }
  await Promise.all(screens.map((s) => s.ready(1)));
  return Object.assign(building, { kiosks, screens, supervisorScreen });
}
