import { Validator } from '@seriousme/openapi-schema-validator';
import express, { Router } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_LEGACY, API_V1, fillPath, ROUTE_IDS, ROUTES, type RouteId } from '../contract/api/routes.js';
import { ANY_ROUTE, API_SPEC } from '../contract/api/spec.js';
import { ERRORS, type ErrorCode } from '../contract/errors.js';
import { startHarness, type Harness } from '../testing/harness.js';
import { createApp } from './app.js';
import { openApiDocument, openApiPath } from './openapi.js';
import request from 'supertest';
import { z } from 'zod';
import { errorHandler, validate } from './errors.js';
import { on } from './route-map.js';

/** What express keeps of a layer (router 2.x): enough to walk it and ask whether a path matches. */
interface Layer {
  handle: ((...a: unknown[]) => unknown) & { stack?: Layer[] };
  route?: { path: string; methods: Record<string, boolean>; stack: Layer[] };
  /** The matched part of the path (a mount's prefix), or false. */
  match(path: string): false | { path: string };
}

let h: Harness;
let app: express.Express;
beforeAll(async () => {
  // Validating the document compiles its schemas for a second or so in this process: not an overload to shed reads for.
  h = await startHarness({ limits: { loopDelayShedMs: 60_000 } });
  app = createApp(h.server.ctx);
});
afterAll(() => h.close());

function appStack(a: express.Express): Layer[] {
  return (a as unknown as { router: { stack: Layer[] } }).router.stack;
}

/** A URL of the route with its parameters filled with sample values. */
function sampleUrl(id: RouteId, prefix: string): string {
  const params: Record<string, string> = {};
  for (const m of ROUTES[id].path.matchAll(/:([A-Za-z0-9_]+)/g)) params[m[1]!] = m[1] === 'action' ? 'call-next' : `sample-${m[1]}`;
  return prefix + fillPath(ROUTES[id].path, params);
}

/** The first route layer (method and path) a request would reach inside `stack`, as express tries them in order. */
function routeReached(stack: Layer[], method: string, url: string): Layer | undefined {
  for (const layer of stack) {
    const m = layer.match(url);
    if (!m) continue;
    if (layer.route) {
      if (layer.route.methods[method.toLowerCase()]) return layer;
      continue;
    }
    if (layer.handle.stack) {
      const rest = url.slice(m.path.length) || '/';
      const inner = routeReached(layer.handle.stack, method, rest);
      if (inner) return inner;
    }
  }
  return undefined;
}

/** Every route layer below a router, with the paths of the routers it is mounted under. */
function allRoutes(stack: Layer[]): { method: string; path: string }[] {
  return stack.flatMap((layer) => {
    if (layer.route)
      return Object.keys(layer.route.methods)
        .filter((m) => m !== '_all')
        .map((m) => ({ method: m.toUpperCase(), path: layer.route!.path }));
    return layer.handle.stack ? allRoutes(layer.handle.stack) : [];
  });
}

/** The router the app hands `/api...` to: the first mounted router whose mount path matches. */
function mountFor(url: string): { layer: Layer; prefix: string } | undefined {
  for (const layer of appStack(app)) {
    const m = !layer.route && layer.handle.stack ? layer.match(url) : false;
    if (m) return { layer, prefix: m.path };
  }
  return undefined;
}

describe('the route map against the express router', () => {
  it('serves every mapped route under /api/v1 and under /api, each reaching the route registered with its own path', () => {
    const missing: string[] = [];
    for (const id of ROUTE_IDS) {
      const def = ROUTES[id];
      for (const prefix of [API_V1, API_LEGACY]) {
        const url = sampleUrl(id, prefix);
        const mount = mountFor(url);
        const reached = mount && mount.prefix === prefix ? routeReached(mount.layer.handle.stack!, def.method, url.slice(prefix.length)) : undefined;
        if (reached?.route?.path !== def.path)
          missing.push(`${def.method} ${url} (${id}) reached ${reached?.route?.path ?? 'nothing'} via ${mount?.prefix ?? 'no mount'}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('serves no route that is not in the map, under either prefix, and nothing else under /api', () => {
    const mapped = new Set(ROUTE_IDS.map((id) => `${ROUTES[id].method} ${ROUTES[id].path}`));
    const v1 = mountFor(`${API_V1}/health`)!;
    const legacy = mountFor(`${API_LEGACY}/health`)!;
    // One router serves both prefixes: the aliases answer exactly what v1 answers.
    expect(v1.layer.handle).toBe(legacy.layer.handle);
    const served = allRoutes(v1.layer.handle.stack!);
    expect(served.map((r) => `${r.method} ${r.path}`).filter((r) => !mapped.has(r))).toEqual([]);
    expect(served).toHaveLength(ROUTE_IDS.length);
    // No other router or route of the app takes an /api address.
    const apiMounts = appStack(app).filter((l) => l.handle.stack && (l.match('/api/x') || l.match('/api/v1/x')));
    expect(new Set(apiMounts.map((l) => l.handle)).size).toBe(1);
    expect(appStack(app).filter((l) => l.route && l.route.path.startsWith('/api'))).toEqual([]);
  });

  it('cannot register a route the map does not have', () => {
    expect(() => on(Router(), 'tickets.delete' as RouteId, (_req, res) => res.end())).toThrow(/not in the route map/);
  });

  it("validates with the map's schemas: a handler that asks less of its input still gets the map's check", async () => {
    const r = Router();
    // A lenient handler schema for the query, body and path parameter of three mapped routes.
    on(r, 'booking.slots', (req, res) => res.json(validate(z.object({}).loose(), req.query)));
    on(r, 'tickets.issue', (req, res) => res.json(validate(z.unknown(), req.body)));
    on(r, 'alerts.ack', (req, res) => res.json({ id: validate(z.string(), req.params.id) }));
    const mini = express()
      .use(express.json())
      .use(r)
      .use(errorHandler({ error: () => undefined }));
    const slots = await request(mini).get('/booking/slots?serviceId=ktp');
    expect(slots.status).toBe(400);
    expect(slots.body.error).toMatchObject({ code: 'INVALID_INPUT', message: { id: ERRORS.INVALID_INPUT.id, en: ERRORS.INVALID_INPUT.en } });
    expect(JSON.stringify(slots.body.error.details)).toContain('day');
    expect((await request(mini).get('/booking/slots?serviceId=ktp&day=2026-12-02')).body).toEqual({ serviceId: 'ktp', day: '2026-12-02' });
    expect((await request(mini).post('/tickets').send({ serviceId: 'ktp', extra: 1 })).body.error.code).toBe('INVALID_INPUT');
    expect((await request(mini).post('/alerts/a%20b/ack')).body.error.code).toBe('INVALID_INPUT');
    expect((await request(mini).post('/alerts/a-b/ack')).body).toEqual({ id: 'a-b' });
    // Outside a mapped route (a socket command) the schema given is the one applied.
    expect(validate(z.unknown(), { extra: 1 })).toEqual({ extra: 1 });
  });

  it('answers the old paths as v1 does, marked deprecated with a link to the v1 address', async () => {
    const v1 = await fetch(`${h.server.url}/api/v1/queues`);
    expect(v1.status).toBe(200);
    expect(v1.headers.get('deprecation')).toBeNull();
    const old = await fetch(`${h.server.url}/api/queues?x=1`);
    expect(old.status).toBe(200);
    expect(Object.keys(await old.json())).toEqual(Object.keys(await v1.json()));
    expect(old.headers.get('deprecation')).toMatch(/^@\d+$/);
    expect(old.headers.get('sunset')).toBe(new Date('2027-06-30T23:59:59Z').toUTCString());
    expect(old.headers.get('link')).toContain('</api/v1/queues?x=1>; rel="successor-version"');
    const refused = await fetch(`${h.server.url}/api/v1/tickets`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(refused.status).toBe(401);
    expect((await refused.json()).error).toMatchObject({ code: 'UNAUTHENTICATED', message: { id: ERRORS.UNAUTHENTICATED.id, en: ERRORS.UNAUTHENTICATED.en } });
    const unknown = await fetch(`${h.server.url}/api/v1/no-such-route`);
    expect(unknown.status).toBe(404);
  });
});

describe('the OpenAPI document', () => {
  const doc = openApiDocument();

  it('is a valid OpenAPI 3.1 document', async () => {
    const v = new Validator();
    const res = await v.validate(doc);
    expect(res.errors ?? []).toEqual([]);
    expect(res.valid).toBe(true);
    expect(v.version).toBe('3.1');
  });

  it('resolves every $ref to a schema it carries', () => {
    const schemas = (doc.components as { schemas: Record<string, unknown> }).schemas;
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(10);
    expect(refs.filter((r) => !(r.startsWith('#/components/schemas/') && r.slice(21) in schemas))).toEqual([]);
  });

  it('covers every route of the map, with its error codes, and nothing else', () => {
    const paths = doc.paths as Record<
      string,
      Record<
        string,
        {
          operationId: string;
          responses: Record<
            string,
            { content?: Record<string, { schema: { allOf?: { properties?: { error?: { properties?: { code?: { enum?: string[] } } } } }[] } }> }
          >;
        }
      >
    >;
    const ops = Object.entries(paths).flatMap(([p, byMethod]) => Object.entries(byMethod).map(([m, op]) => ({ p, m, op })));
    expect(ops.map((o) => o.op.operationId).sort()).toEqual([...ROUTE_IDS].sort());
    for (const id of ROUTE_IDS) {
      const op = paths[openApiPath(ROUTES[id].path)]?.[ROUTES[id].method.toLowerCase()];
      expect(op?.operationId, id).toBe(id);
      const declared = (op as unknown as { parameters: { name: string; in: string }[] }).parameters.filter((p) => p.in === 'path').map((p) => p.name);
      expect(declared, id).toEqual([...ROUTES[id].path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]));
      const listed = Object.values(op!.responses).flatMap(
        (r) => r.content?.['application/json']?.schema.allOf?.[1]?.properties?.error?.properties?.code?.enum ?? [],
      );
      expect(new Set(listed), id).toEqual(new Set([...API_SPEC[id].errors, ...ANY_ROUTE]));
      for (const code of listed) expect(op!.responses[String(ERRORS[code as ErrorCode].status)], `${id} ${code}`).toBeDefined();
    }
  });

  it('lists every error code with its status and both languages', () => {
    const codes = (doc.components as { schemas: { ErrorCode: { oneOf: { const: string; 'x-status': number; 'x-message': { id: string; en: string } }[] } } })
      .schemas.ErrorCode.oneOf;
    expect(codes.map((c) => c.const)).toEqual(Object.keys(ERRORS));
    for (const c of codes) expect({ status: c['x-status'], ...c['x-message'] }).toEqual(ERRORS[c.const as ErrorCode]);
  });

  it('is what the server serves, with a reference page that needs no script', async () => {
    const served = await fetch(`${h.server.url}/api/v1/openapi.json`);
    expect(served.headers.get('content-type')).toMatch(/application\/json/);
    expect(await served.json()).toEqual(JSON.parse(JSON.stringify(doc)));
    const page = await fetch(`${h.server.url}/api/v1/docs`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toMatch(/<script|https?:\/\/(?!localhost)/i);
    for (const id of ROUTE_IDS) expect(html, id).toContain(`id="${id}"`);
    for (const code of Object.keys(ERRORS)) expect(html, code).toContain(`id="error-${code}"`);
  });
});
