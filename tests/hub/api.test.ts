import { connect } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ThrowawayPostgres } from '../../hub/src/index.ts';
import { SimSite, witaTime } from '../../hub/src/testing/sim-site.ts';
import { ADMIN_PASSWORD, DAY, HAVE_POSTGRES, jsonRequest, startCluster, startTestHub, type TestHub } from './support.ts';

/** Everything a refused request could have changed, to compare before and after. */
async function snapshot(t: TestHub) {
  const [row] = await t.sql(
    `SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM feed_seqs) AS seqs, (SELECT string_agg(site_id || ':' || next_seq || ':' || coalesce(feed_id, '-'), ',') FROM site_feed) AS feed,
            (SELECT count(*) FROM sites) AS sites, (SELECT string_agg(site_id || ':' || status || ':' || coalesce(credential_hash, '-'), ',') FROM sites) AS creds,
            (SELECT count(*) FROM notices) AS notices, (SELECT count(*) FROM config_versions) AS configs, (SELECT count(*) FROM hub_users) AS users, (SELECT string_agg(coalesce(live::text, ''), ',') FROM site_live) AS live`,
  );
  return row;
}

function expectError(res: { status: number; body: any }, status: number, code: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.error.code).toBe(code);
  expect(res.body.error.message.id.length).toBeGreaterThan(5);
  expect(res.body.error.message.en.length).toBeGreaterThan(5);
}

async function rawPost(url: string, path: string, headers: Record<string, string>, body: string) {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers, body });
  return { status: res.status, body: await res.json().catch(() => null) };
}

describe.skipIf(!HAVE_POSTGRES)('hub API (real PostgreSQL)', () => {
  let cluster: ThrowawayPostgres;
  let t: TestHub;
  let credential: string;
  let site: SimSite;
  beforeAll(async () => {
    cluster = await startCluster();
    t = await startTestHub(cluster);
    credential = await t.addSite('belopa', 'MPP Simpurusiang', 'Luwu');
    await t.addSite('walmas', 'MPP Walmas', 'Luwu');
    site = new SimSite({ siteId: 'belopa', credential, hubUrl: t.url, day: DAY, seed: 11, visitors: 60, batchSize: 100 });
    site.workUntil(witaTime(DAY, 10));
    await site.catchUp(t.clock.now);
  });
  afterAll(async () => {
    await t?.close();
    await cluster?.stop();
  });

  it('refuses bad batches with a clear error and changes nothing', async () => {
    site.workUntil(witaTime(DAY, 12));
    const good = site.batch(t.clock.now);
    const auth = { authorization: `Bearer ${credential}`, 'content-type': 'application/json' };
    const before = await snapshot(t);
    const partitions = async () => (await t.sql("SELECT count(*)::int AS n FROM pg_class WHERE relname LIKE 'events_2%'"))[0].n;
    const partitionsBefore = await partitions();
    const ingest = (body: unknown, token: string | null = credential) => jsonRequest(`${t.url}/hub/v1/ingest`, 'POST', body, token);
    expectError(await rawPost(t.url, '/hub/v1/ingest', auth, '{"siteId": "belopa",'), 400, 'INVALID_JSON');
    expectError(await rawPost(t.url, '/hub/v1/ingest', { ...auth, 'content-type': 'text/plain' }, JSON.stringify(good)), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectError(await rawPost(t.url, '/hub/v1/ingest', auth, JSON.stringify({ ...good, pad: 'x'.repeat(1_100_000) })), 413, 'PAYLOAD_TOO_LARGE');
    const many = Array.from({ length: 1001 }, (_, i) => ({ ...good.events[0]!, seq: good.fromSeq + i }));
    expectError(await ingest({ ...good, events: many }), 400, 'INVALID_INPUT');
    const holes = good.events.map((e, i) => (i === 3 ? { ...e, seq: e.seq + 1 } : e));
    const refused = await ingest({ ...good, events: holes });
    expectError(refused, 400, 'INVALID_INPUT');
    expect(refused.body.error.details[0].path).toBe('events.3.seq');
    expectError(await ingest({ ...good, events: good.events.map((e, i) => (i === 5 ? { ...e, day: '2026-02-30' } : e)) }), 400, 'INVALID_INPUT');
    expectError(await ingest({ ...good, events: good.events.map((e, i) => (i === 5 ? { ...e, kind: 'lottery' } : e)) }), 400, 'INVALID_INPUT');
    const future = await ingest({ ...good, events: good.events.map((e, i) => (i === 5 ? { ...e, day: '2027-06-01' } : e)) });
    expectError(future, 400, 'INVALID_INPUT');
    expect(future.body.error.details[0].path).toBe('events.5.day');
    const spread = good.events.map((e, i) => ({
      ...e,
      day: `20${String(10 + Math.floor(i / 12)).padStart(2, '0')}-${String((i % 12) + 1).padStart(2, '0')}-01`,
    }));
    expectError(await ingest({ ...good, events: spread }), 400, 'INVALID_INPUT');
    expectError(await ingest({ ...good, live: undefined }), 400, 'INVALID_INPUT');
    expectError(await ingest([1, 2, 3]), 400, 'INVALID_INPUT');
    expectError(await ingest({ ...good, siteId: 'walmas' }), 403, 'SITE_MISMATCH');
    expectError(await ingest(good, null), 401, 'UNAUTHENTICATED');
    expectError(await ingest(good, 'hs_belopa_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'), 401, 'SITE_CREDENTIAL_INVALID');
    expectError(await ingest(good, 'hs_nowhere_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'), 401, 'SITE_CREDENTIAL_INVALID');
    expectError(await ingest(good, t.token), 401, 'SITE_CREDENTIAL_INVALID');
    expect(await snapshot(t)).toEqual(before);
    expect(await partitions()).toBe(partitionsBefore);
    // The hub is still well and takes the good batch.
    expect((await ingest(good)).status).toBe(200);
  });

  it('survives a request cut mid-body: nothing applied, the hub keeps answering', async () => {
    site.workUntil(witaTime(DAY, 13));
    const before = await snapshot(t);
    const body = JSON.stringify(site.batch(t.clock.now));
    const { port } = new URL(t.url);
    await new Promise<void>((resolve, reject) => {
      const sock = connect(Number(port), '127.0.0.1', () => {
        sock.write(
          `POST /hub/v1/ingest HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${credential}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
        );
        sock.write(body.slice(0, Math.floor(body.length / 2)), () => setTimeout(() => sock.destroy(), 100));
      });
      sock.on('close', () => resolve());
      sock.on('error', reject);
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(await snapshot(t)).toEqual(before);
    expect((await t.api('GET', '/hub/v1/health')).body).toEqual({ ok: true, db: 'up' });
    await site.catchUp(t.clock.now);
    expect(Number((await snapshot(t)).seqs)).toBe(site.log.length);
  });

  it('revokes and replaces site credentials: a revoked or replaced one is refused, the new one works', async () => {
    const c1 = await t.addSite('palopo', 'MPP Palopo', 'Palopo');
    const s = new SimSite({ siteId: 'palopo', credential: c1, hubUrl: t.url, day: DAY, seed: 12, visitors: 20 });
    s.workUntil(witaTime(DAY, 12));
    expect((await s.sendOnce(t.clock.now)).status).toBe(200);
    const rotated = await t.api('POST', '/hub/v1/sites/palopo/credential');
    expect(rotated.status).toBe(200);
    const c2 = rotated.body.credential as string;
    expect(c2).toMatch(/^hs_palopo_/);
    expectError(await s.sendOnce(t.clock.now), 401, 'SITE_CREDENTIAL_INVALID');
    expect((await t.sql("SELECT credential_hash FROM sites WHERE site_id = 'palopo'"))[0].credential_hash).not.toContain(c2.slice(10));
    const s2 = new SimSite({ siteId: 'palopo', credential: c2, hubUrl: t.url, day: DAY, seed: 12, visitors: 20 });
    s2.workUntil(witaTime(DAY, 12));
    s2.hubNext = s.hubNext;
    expect((await s2.sendOnce(t.clock.now)).status).toBe(200);
    expect((await t.api('DELETE', '/hub/v1/sites/palopo/credential')).status).toBe(204);
    const before = await snapshot(t);
    expectError(await s2.sendOnce(t.clock.now), 401, 'SITE_REVOKED');
    expectError(await jsonRequest(`${t.url}/hub/v1/site/config?since=0`, 'GET', undefined, c2), 401, 'SITE_REVOKED');
    expect(await snapshot(t)).toEqual(before);
    const list = (await t.api('GET', '/hub/v1/sites')).body.sites;
    expect(list.find((x: { siteId: string }) => x.siteId === 'palopo').status).toBe('revoked');
  });

  it('lets only admins manage, and refuses bad admin input with nothing changed', async () => {
    const made = await t.api('POST', '/hub/v1/users', { username: 'provinsi', password: 'lihat-saja-1', role: 'hub-viewer' });
    expect(made.status).toBe(201);
    const viewer = await t.api('POST', '/hub/v1/auth/login', { username: 'provinsi', password: 'lihat-saja-1' }, null);
    expect(viewer.body.user).toEqual({ username: 'provinsi', role: 'hub-viewer' });
    const vt = viewer.body.token as string;
    expect((await t.api('GET', '/hub/v1/sites', undefined, vt)).status).toBe(200);
    const before = await snapshot(t);
    expectError(await t.api('POST', '/hub/v1/sites', { siteId: 'x1', name: 'X', region: 'Y' }, vt), 403, 'FORBIDDEN');
    expectError(await t.api('PUT', '/hub/v1/sites/belopa/config', { settings: { a: 1 } }, vt), 403, 'FORBIDDEN');
    expectError(await t.api('DELETE', '/hub/v1/sites/belopa/credential', undefined, vt), 403, 'FORBIDDEN');
    expectError(await t.api('GET', '/hub/v1/users', undefined, vt), 403, 'FORBIDDEN');
    expectError(await t.api('GET', '/hub/v1/sites', undefined, null), 401, 'UNAUTHENTICATED');
    expectError(await t.api('GET', '/hub/v1/sites', undefined, 'hu_nope'), 401, 'INVALID_TOKEN');
    expectError(await t.api('POST', '/hub/v1/auth/login', { username: 'admin', password: 'wrong' }, null), 401, 'INVALID_CREDENTIALS');
    expectError(await t.api('POST', '/hub/v1/sites', { siteId: 'Bad Id!', name: 'X', region: 'Y' }), 400, 'INVALID_INPUT');
    expectError(await t.api('POST', '/hub/v1/sites', { siteId: 'belopa', name: 'Again', region: 'Y' }), 409, 'SITE_EXISTS');
    expectError(await t.api('POST', '/hub/v1/users', { username: 'provinsi', password: 'another-one-1', role: 'hub-admin' }), 409, 'USERNAME_TAKEN');
    expectError(await t.api('POST', '/hub/v1/users', { username: 'pendek', password: 'short', role: 'hub-admin' }), 400, 'INVALID_INPUT');
    expectError(await t.api('PUT', '/hub/v1/sites/belopa/config', {}), 400, 'INVALID_INPUT');
    expectError(await t.api('PUT', '/hub/v1/sites/nowhere/config', { settings: {} }), 404, 'SITE_NOT_FOUND');
    expectError(await t.api('GET', '/hub/v1/reports?from=2026-12-05&to=2026-12-01'), 400, 'INVALID_INPUT');
    expectError(await t.api('GET', '/hub/v1/reports?from=yesterday&to=2026-12-01'), 400, 'INVALID_INPUT');
    expectError(await t.api('GET', '/hub/v1/sites/nowhere'), 404, 'SITE_NOT_FOUND');
    expectError(await t.api('GET', '/hub/v1/no-such-route'), 404, 'NOT_FOUND');
    expect(await snapshot(t)).toEqual(before);
  });

  it('stops password guessing after ten failures per address and name, and a success clears the count', async () => {
    const made = await t.api('POST', '/hub/v1/users', { username: 'dinas', password: 'benar-sekali-1', role: 'hub-viewer' });
    expect(made.status).toBe(201);
    for (let i = 0; i < 9; i++)
      expectError(await t.api('POST', '/hub/v1/auth/login', { username: 'dinas', password: `salah-${i}` }, null), 401, 'INVALID_CREDENTIALS');
    expect((await t.api('POST', '/hub/v1/auth/login', { username: 'dinas', password: 'benar-sekali-1' }, null)).status).toBe(200);
    for (let i = 0; i < 10; i++)
      expectError(await t.api('POST', '/hub/v1/auth/login', { username: 'dinas', password: `salah-${i}` }, null), 401, 'INVALID_CREDENTIALS');
    const res = await fetch(`${t.url}/hub/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'dinas', password: 'benar-sekali-1' }),
    });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await res.json()).error.code).toBe('TOO_MANY_ATTEMPTS');
    // Another name from the same address is not held up.
    expect((await t.api('POST', '/hub/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD }, null)).status).toBe(200);
  });

  it('versions central settings per site: the site pulls the newest, says applied or refused, and the history shows it', async () => {
    const put1 = await t.api('PUT', '/hub/v1/sites/belopa/config', { venue: { id: 'belopa', name: 'MPP Simpurusiang' } });
    expect(put1.body).toEqual({ version: 1 });
    const put2 = await t.api('PUT', '/hub/v1/sites/belopa/config', {
      staff: [{ username: 'petugas1', role: 'officer', password: 'rahasia-123' }],
      settings: { recallSeconds: 30 },
    });
    expect(put2.body).toEqual({ version: 2 });
    const pull = await jsonRequest(`${t.url}/hub/v1/site/config?since=0`, 'GET', undefined, credential);
    expect(pull.status).toBe(200);
    // The newest version carries the whole set; staff passwords leave as the site's PBKDF2 hashes only.
    expect(pull.body).toMatchObject({ version: 2, venue: { id: 'belopa' }, settings: { recallSeconds: 30 } });
    expect(pull.body.staff[0].password).toBeUndefined();
    expect(pull.body.staff[0].passwordHash).toMatch(/^pbkdf2-sha256\$\d+\$/);
    expect(JSON.stringify(await t.sql('SELECT body FROM config_versions'))).not.toContain('rahasia-123');
    expect((await fetch(`${t.url}/hub/v1/site/config?since=2`, { headers: { authorization: `Bearer ${credential}` } })).status).toBe(204);
    expectError(await jsonRequest(`${t.url}/hub/v1/site/config?since=-1`, 'GET', undefined, credential), 400, 'INVALID_INPUT');
    const refusal = { version: 2, outcome: 'refused', reason: { id: 'Loket c-9 tidak ada.', en: 'Counter c-9 does not exist.' } };
    expect((await jsonRequest(`${t.url}/hub/v1/site/config/result`, 'POST', refusal, credential)).status).toBe(204);
    expect((await jsonRequest(`${t.url}/hub/v1/site/config/result`, 'POST', { version: 1, outcome: 'applied' }, credential)).status).toBe(204);
    expectError(await jsonRequest(`${t.url}/hub/v1/site/config/result`, 'POST', { version: 9, outcome: 'applied' }, credential), 404, 'CONFIG_NOT_FOUND');
    const history = await t.api('GET', '/hub/v1/sites/belopa/config');
    expect(history.body.hubVersion).toBe(2);
    expect(history.body.history.map((h: { version: number; outcome: string }) => [h.version, h.outcome])).toEqual([
      [2, 'refused'],
      [1, 'applied'],
    ]);
    expect(history.body.history[0].reason.en).toBe('Counter c-9 does not exist.');
    const notices = (await t.api('GET', '/hub/v1/sites/belopa/notices')).body.notices;
    expect(notices[0]).toMatchObject({ kind: 'config_refused', detail: { version: 2 } });
    // The next batch tells the site there is a newer version and records the one it has.
    const answer = await site.sendOnce(t.clock.now, { ...site.batch(t.clock.now), configVersion: 1 });
    expect(answer.body.configVersion).toBe(2);
    expect((await t.api('GET', '/hub/v1/sites/belopa')).body.configVersion).toEqual({ site: 1, hub: 2 });
  });

  it('reports each site and all together from the latest state of every ticket and survey', async () => {
    site.workUntil(witaTime(DAY, 18));
    await site.catchUp(t.clock.now);
    const tickets = [...site.latestByKey().values()]
      .filter((e) => e.kind === 'ticket')
      .map((e) => e.data as { status: string; transferredFrom: string | null });
    const surveys = [...site.latestByKey().values()].filter((e) => e.kind === 'survey').map((e) => (e.data as { scores: number[] }).scores);
    const res = await t.api('GET', `/hub/v1/reports?from=${DAY}&to=${DAY}`);
    expect(res.status).toBe(200);
    const row = res.body.rows.find((r: { siteId: string }) => r.siteId === 'belopa');
    expect(row).toMatchObject({
      name: 'MPP Simpurusiang',
      issued: tickets.filter((x) => x.transferredFrom === null).length,
      served: tickets.filter((x) => x.status === 'done').length,
      noShow: tickets.filter((x) => x.status === 'no_show').length,
      transferred: tickets.filter((x) => x.status === 'transferred').length,
      skmRespondents: surveys.length,
    });
    const nrr = Array.from({ length: 9 }, (_, i) => surveys.reduce((a, s) => a + s[i]!, 0) / surveys.length);
    expect(row.ikm).toBeCloseTo((nrr.reduce((a, v) => a + v, 0) / 9) * 25, 2);
    expect(row.medianWaitMinutes).toBeGreaterThan(0);
    expect(res.body.total.issued).toBeGreaterThanOrEqual(row.issued);
    const acct = await t.api('GET', `/hub/v1/sites/belopa/accountability?from=${DAY}&to=${DAY}`);
    const want = [...site.latestByKey().values()].filter((e) => e.kind === 'accountability');
    expect(acct.body.rows.length).toBe(want.length);
    expect(acct.body.rows.map((r: { at: number }) => r.at)).toEqual([...acct.body.rows.map((r: { at: number }) => r.at)].sort((a, b) => b - a));
    const empty = await t.api('GET', '/hub/v1/reports?from=2027-01-01&to=2027-01-31');
    expect(empty.body.rows).toEqual([]);
  });

  it('serves the built pages at / with the app shell for deeper paths, or a short text page without them', async () => {
    expect(await (await fetch(`${t.url}/`)).text()).toMatch(/\/hub\/v1/);
    const dir = await mkdtemp(join(tmpdir(), 'antre-hub-ui-'));
    try {
      await writeFile(join(dir, 'index.html'), '<!doctype html><title>Antre Hub</title><div id="root"></div>');
      await writeFile(join(dir, 'app.js'), 'console.log(1)');
      const withUi = await startTestHub(cluster, { databaseUrl: t.databaseUrl, uiDir: dir });
      try {
        expect(await (await fetch(`${withUi.url}/`)).text()).toContain('<title>Antre Hub</title>');
        expect(await (await fetch(`${withUi.url}/sites/belopa`)).text()).toContain('<title>Antre Hub</title>');
        expect((await fetch(`${withUi.url}/app.js`)).headers.get('content-type')).toMatch(/javascript/);
        expect((await withUi.api('GET', '/hub/v1/nothing')).body.error.code).toBe('NOT_FOUND');
      } finally {
        await withUi.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
