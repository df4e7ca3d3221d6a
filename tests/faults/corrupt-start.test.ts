import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueueService } from '../../server/src/queue/queue-service.ts';
import { loadVenueFile } from '../../server/src/venue/load-venue.ts';
import { ADMIN_PASSWORD, login, post, ServerExitedError, startServerProcess, writeTestVenue, type ServerProcess } from '../support/server-process.ts';
import { getJson, ready, send } from './fault-support.ts';

// The real server process started over copies of a real data folder, each damaged in one way.
// Every start must either recover (saying so) with every ticket of the undamaged parts, or
// refuse with exit code 1 and a message naming the damaged file. Never start silently empty.
// (More shapes of damage are unit-tested beside the store, in server/src/store/store.test.ts.)

const base = mkdtempSync(join(tmpdir(), 'antre-faults-corrupt-'));
const venue = writeTestVenue(base);
const pristine = join(base, 'pristine');
const VENUE_ID = 'test-mpp';
let day = '';
const acked: { id: string; number: string }[] = [];
let setup: ServerProcess | null = null;
const summary = { cases: 0, recovered: 0, refused: 0, found: 0, expected: 0 };

/** Paths inside one copy of the data folder. */
function files(dataDir: string) {
  const v = join(dataDir, VENUE_ID);
  return { staff: join(v, 'staff.json'), venue: join(v, 'venue.json'), day: join(v, 'days', `${day}.json`), journal: join(v, 'days', `${day}.journal.1`) };
}

beforeAll(async () => {
  // 1. A server takes six tickets, the admin saves an edited venue and a running text; clean stop.
  let s = (setup = await startServerProcess({ dataDir: pristine, venue, built: true }));
  await ready(s);
  let admin = await login(s.url, 'admin', ADMIN_PASSWORD);
  const take = async (serviceId: string) => {
    const r = await post(s.url, '/api/tickets', admin, { serviceId });
    expect(r.status).toBe(201);
    acked.push({ id: r.body.id, number: r.body.number });
  };
  for (const svc of ['ktp', 'kk', 'sertipikat', 'ktp', 'kk', 'skck']) await take(svc);
  const raw = (await getJson(s.url, '/api/venue/raw', admin)).body.venue;
  expect((await send(s.url, 'PUT', '/api/venue', admin, { ...raw, name: 'MPP Uji (disunting)' })).status).toBe(200);
  expect((await send(s.url, 'PUT', '/api/announcements', admin, { announcements: ['Selamat datang'] })).status).toBe(200);
  day = (await getJson(s.url, '/api/health')).body.day;
  expect(await s.kill('SIGTERM')).toBe(0);
  // 2. Fold the journal into the day document with the product's own compaction (the server does
  //    this every 10,000 records), so the folder holds a day document and a later journal segment.
  const venueDir = join(pristine, VENUE_ID);
  const q = await QueueService.open({
    venue: loadVenueFile(join(venueDir, 'venue.json')),
    daysDir: join(venueDir, 'days'),
    newId: () => randomBytes(6).toString('hex'),
  });
  await q.store.compact(q.engine.state.toDoc());
  await q.close();
  // A compaction keeps the segment before the new document until the next one (for copies taken
  // meanwhile); the next compaction removes it. The folder as it is after that:
  rmSync(join(venueDir, 'days', `${day}.journal.0`));
  // 3. Three more tickets land in journal segment 1; then a SIGKILL.
  s = setup = await startServerProcess({ dataDir: pristine, venue, built: true });
  await ready(s);
  admin = await login(s.url, 'admin', ADMIN_PASSWORD);
  for (const svc of ['ktp', 'sertipikat', 'kk']) await take(svc);
  await s.kill('SIGKILL');
  expect(readdirSync(join(venueDir, 'days')).sort()).toEqual([`${day}.journal.1`, `${day}.json`]);
  expect(readFileSync(files(pristine).journal, 'utf8').trim().split('\n')).toHaveLength(3);
}, 90000);

afterAll(async () => {
  await setup?.kill();
  rmSync(base, { recursive: true, force: true });
  console.log(
    `corrupt start: ${summary.cases} damaged data folders (${summary.recovered} recovered with a message, ${summary.refused} refused with exit 1 naming the file), ${acked.length} tickets acknowledged, ${summary.found}/${summary.expected} found after the recoveries`,
  );
});

type Outcome = { started: true; url: string; output: () => string; kill: () => Promise<void> } | { started: false; code: number | null; output: string };

// Two server processes at a time: a start is mostly CPU (loading the sources), and the machine
// has two cores shared with the other test files and their liveness bounds.
let running = 0;
const waiting: (() => void)[] = [];
async function slot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= 2) await new Promise<void>((r) => waiting.push(r));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** Starts the server process and answers once it is up or has exited (with all it printed). */
async function boot(dataDir: string): Promise<Outcome> {
  try {
    const s = await startServerProcess({ dataDir, venue, built: true });
    return { started: true, url: s.url, output: s.output, kill: async () => void (await s.kill()) };
  } catch (err) {
    if (err instanceof ServerExitedError) return { started: false, code: err.code, output: err.output };
    throw err;
  }
}

interface Damage {
  name: string;
  damage: (f: ReturnType<typeof files>) => string;
  /** recover: starts, says so (matching), every ticket there. refuse: exit 1 naming the damaged file. */
  expect: { recover: RegExp } | 'refuse';
}

const lines = (path: string) => readFileSync(path, 'utf8').split('\n');
/** The journal with `line` put in after its first record. */
const insertLine = (path: string, line: string) => {
  const l = lines(path);
  return [l[0], line, ...l.slice(1)].join('\n');
};

const CASES: Damage[] = [
  {
    name: 'journal with a torn last line (crash mid-append)',
    expect: { recover: /torn last line/ },
    damage: (f) => (appendFileSync(f.journal, '{"c":[{"t":"ticket","ticket":{"id":"half-writ'), f.journal),
  },
  {
    name: 'journal with a well-formed but wrong record in the middle',
    expect: 'refuse',
    damage: (f) => (writeFileSync(f.journal, insertLine(f.journal, '{"x":1}')), f.journal),
  },
  {
    name: 'journal whose last complete record is damaged (not torn)',
    expect: 'refuse',
    damage: (f) => (
      writeFileSync(
        f.journal,
        lines(f.journal)
          .map((l, i, all) => (i === all.length - 2 ? l.replace('"number":"', '"number":') : l))
          .join('\n'),
      ),
      f.journal
    ),
  },
  { name: 'journal replaced by binary junk (garbage)', expect: 'refuse', damage: (f) => (writeFileSync(f.journal, randomBytes(3000)), f.journal) },
  { name: 'truncated day document', expect: 'refuse', damage: (f) => (truncateSync(f.day, Math.floor(readFileSync(f.day).length / 2)), f.day) },
  { name: 'day document that is valid JSON but not a day (null)', expect: 'refuse', damage: (f) => (writeFileSync(f.day, 'null'), f.day) },
  { name: 'staff file of 0 bytes', expect: 'refuse', damage: (f) => (truncateSync(f.staff, 0), f.staff) },
  { name: 'saved venue truncated', expect: 'refuse', damage: (f) => (truncateSync(f.venue, 100), f.venue) },
];

describe('start-up over a damaged data folder', () => {
  for (const c of CASES) {
    it.concurrent(
      c.name,
      async ({ expect }) => {
        summary.cases++;
        const dataDir = mkdtempSync(join(base, 'case-'));
        cpSync(pristine, dataDir, { recursive: true });
        const damaged = c.damage(files(dataDir));
        const bytesOf = (path: string) => (existsSync(path) ? readFileSync(path) : null);
        const damagedBytes = bytesOf(damaged);
        await slot(async () => {
          const out = await boot(dataDir);
          if (c.expect === 'refuse') {
            if (out.started) await out.kill();
            expect(out.started, out.started ? `started over a damaged file:\n${out.output()}` : '').toBe(false);
            if (out.started) return;
            expect(out.code).toBe(1);
            expect(out.output).toContain('Antre cannot start');
            expect(out.output).toContain(damaged);
            // Refusing leaves the evidence as it was: the damaged file is not rewritten.
            expect(bytesOf(damaged)).toEqual(damagedBytes);
            summary.refused++;
            return;
          }
          expect(out.started, out.started ? '' : `refused to start:\n${out.output}`).toBe(true);
          if (!out.started) return;
          try {
            expect(out.output()).toMatch(c.expect.recover);
            expect(out.output()).toContain(damaged);
            // The torn bytes are cut off, so the next append starts on a clean line.
            expect(readFileSync(damaged).length).toBe(readFileSync(files(pristine).journal).length);
            const admin = await login(out.url, 'admin', ADMIN_PASSWORD);
            const list = (await getJson(out.url, '/api/tickets', admin)).body.tickets as { id: string; number: string }[];
            summary.expected += acked.length;
            summary.found += list.filter((t) => acked.some((a) => a.id === t.id && a.number === t.number)).length;
            expect(list.map((t) => `${t.id} ${t.number}`).sort()).toEqual(acked.map((t) => `${t.id} ${t.number}`).sort());
            // Numbering goes on after the recovered records: no number is handed out twice.
            const next = await post(out.url, '/api/tickets', admin, { serviceId: 'ktp' });
            expect(next.status).toBe(201);
            expect(acked.map((a) => a.number)).not.toContain(next.body.number);
            summary.recovered++;
          } finally {
            await out.kill();
          }
        });
      },
      90000,
    );
  }
});
