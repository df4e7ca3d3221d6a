import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statfsSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_PASSWORD, login, post, startServerProcess, writeTestVenue, type ServerProcess } from '../support/server-process.ts';
import { getJson, isErrorBody, listen, ready, send, type Listener } from './fault-support.ts';

// A REAL full disk: the server's data folder sits on a 2 MB tmpfs that a filler file fills up to
// ENOSPC. Needs root (or CAP_SYS_ADMIN) for mount; elsewhere the test is skipped and says why.

/** Whether tmpfs can be mounted here; a reason when it cannot. */
function mountProbe(): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'antre-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'pipe' });
    execFileSync('umount', [dir], { stdio: 'pipe' });
    return null;
  } catch (err) {
    return `cannot mount a tmpfs here (${String((err as { stderr?: Buffer }).stderr ?? (err as Error).message).trim()}): needs root or CAP_SYS_ADMIN`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const skipReason = mountProbe();
if (skipReason) console.log(`disk-full test skipped: ${skipReason}`);

const work = mkdtempSync(join(tmpdir(), 'antre-faults-disk-'));
const mnt = join(work, 'tmpfs');
let mounted = false;
let server: ServerProcess | null = null;
let staff: Listener | null = null;

afterAll(async () => {
  staff?.close();
  await server?.kill('SIGKILL');
  if (mounted) {
    try {
      execFileSync('umount', [mnt], { stdio: 'pipe' });
    } catch {
      execFileSync('umount', ['-l', mnt], { stdio: 'pipe' });
    }
  }
  rmSync(work, { recursive: true, force: true });
});

/** Writes a filler file until the file system says ENOSPC; answers the bytes it took. */
function fillDisk(path: string): number {
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(64 * 1024, 0x5a);
  let total = 0;
  try {
    for (;;) total += writeSync(fd, chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  } finally {
    closeSync(fd);
  }
  return total;
}

interface Acked {
  id: string;
  number: string;
}

describe('a full disk', () => {
  it.skipIf(skipReason)(
    'refuses tickets and calls with 507 STORAGE_FAILED, stays up, and recovers without a restart',
    async () => {
      execFileSync('mkdir', ['-p', mnt]);
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mnt]);
      mounted = true;
      const venue = writeTestVenue(work);
      server = await startServerProcess({ dataDir: mnt, venue, built: true });
      await ready(server);
      const admin = await login(server.url, 'admin', ADMIN_PASSWORD);
      staff = await listen(server.url, { token: admin });
      const acked: Acked[] = [];
      const refused: number[] = [];
      const take = async () => {
        const r = await post(server!.url, '/api/tickets', admin, { serviceId: 'ktp' });
        if (r.status === 201) acked.push({ id: r.body.id, number: r.body.number });
        else refused.push(r.status);
        return r;
      };
      for (let i = 0; i < 5; i++) expect((await take()).status).toBe(201);

      const filler = join(mnt, 'filler.bin');
      const filled = fillDisk(filler);
      expect(statfsSync(mnt).bavail).toBe(0);
      // A record may still fit in the last page the journal already holds: such a ticket is really
      // on disk and may be answered 201. The first one that needs new space must be refused.
      let first = await take();
      for (let i = 0; first.status === 201 && i < 10; i++) first = await take();
      expect(first.status).toBe(507);
      expect(isErrorBody(first.body, 'STORAGE_FAILED'), JSON.stringify(first.body)).toBe(true);
      const ackedBeforeFree = acked.length;
      for (let i = 0; i < 3; i++) {
        const r = await take();
        expect(r.status).toBe(507);
        expect(isErrorBody(r.body, 'STORAGE_FAILED')).toBe(true);
      }
      // Calling the next visitor needs a write too: refused the same way, and the counter stays as it was.
      const call = await post(server.url, '/api/counters/loket-1/call-next', admin);
      expect(call.status).toBe(507);
      expect(isErrorBody(call.body, 'STORAGE_FAILED')).toBe(true);
      const counter = (await getJson(server.url, '/api/counters')).body.counters.find((c: { counterId: string }) => c.counterId === 'loket-1');
      expect(counter).toMatchObject({ status: 'open' });
      expect(counter.ticket ?? null).toBeNull();
      // A login must write its session: refused cleanly as well, not a 500.
      const refusedLogin = await post(server.url, '/api/auth/login', null, { username: 'admin', password: ADMIN_PASSWORD });
      expect(refusedLogin.status).toBe(507);
      expect(isErrorBody(refusedLogin.body, 'STORAGE_FAILED')).toBe(true);
      // So must the running text of the hall boards, which keep what they showed.
      const shown = (await getJson(server.url, '/api/announcements')).body.announcements;
      const text = await send(server.url, 'PUT', '/api/announcements', admin, { announcements: ['Teks baru yang tidak tersimpan'] });
      expect(text.status).toBe(507);
      expect(isErrorBody(text.body, 'STORAGE_FAILED')).toBe(true);
      expect((await getJson(server.url, '/api/announcements')).body.announcements).toEqual(shown);
      expect(staff.of('announcements')).toHaveLength(0);
      expect(acked).toHaveLength(ackedBeforeFree);

      // Still up, and nothing refused shows anywhere.
      expect((await getJson(server.url, '/api/health')).status).toBe(200);
      const ids = new Set(acked.map((a) => a.id));
      const snap = await getJson(server.url, '/api/snapshot', admin);
      expect(snap.body.tickets.map((t: { id: string }) => t.id).sort()).toEqual([...ids].sort());
      expect(snap.body.tickets.every((t: { status: string }) => t.status === 'waiting')).toBe(true);
      expect(staff.of('ticket').every((t) => ids.has(t.id))).toBe(true);
      expect(
        staff
          .of('snapshot')
          .flatMap((s) => s.tickets ?? [])
          .every((t: { id: string }) => ids.has(t.id)),
      ).toBe(true);
      expect(staff.of('call')).toHaveLength(0);
      expect(server.output()).toMatch(/ENOSPC/);

      // Space again: tickets and calls work without a restart, numbering goes on without a gap.
      unlinkSync(filler);
      for (let i = 0; i < 3; i++) expect((await take()).status).toBe(201);
      const called = await post(server.url, '/api/counters/loket-1/call-next', admin);
      expect(called.status).toBe(200);
      expect(called.body.number).toBe(acked[0]!.number);
      const seqs = acked.map((a) => Number(a.number.split('-')[1])).sort((a, b) => a - b);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));

      // SIGKILL and restart: every ticket answered 201 is there, none of the refused ones.
      staff.close();
      await server.kill('SIGKILL');
      server = await startServerProcess({ dataDir: mnt, venue, port: server.port, built: true });
      const admin2 = await login(server.url, 'admin', ADMIN_PASSWORD);
      const list = (await getJson(server.url, '/api/tickets', admin2)).body.tickets as Acked[];
      expect(list.map((t) => `${t.id} ${t.number}`).sort()).toEqual(acked.map((t) => `${t.id} ${t.number}`).sort());
      console.log(
        `disk full: ${Math.round(filled / 1024)} kB filler, ${refused.length + 3} writes refused with 507 (${refused.length} tickets, 1 call, 1 login, 1 board text), ${acked.length} tickets acknowledged (${ackedBeforeFree - 5} while full), ${list.length} found after SIGKILL + restart`,
      );
    },
    60000,
  );
});
