import { z } from 'zod';
import { ERRORS, type ErrorCode } from '../contract/errors.js';
import { API_V1, LEGACY_SUNSET_AT, ROUTES, ROUTE_IDS, type RouteId } from '../contract/api/routes.js';
import { ANY_ROUTE, API_SPEC, type RouteSpec } from '../contract/api/spec.js';

/**
 * The OpenAPI 3.1 document of /api/v1, generated from the route map: zod's own JSON Schema
 * output (draft 2020-12, which OpenAPI 3.1 schemas are) for every params, query, body and answer
 * schema, assembled into paths here. Nothing in it is written by hand but the prose.
 */

type Json = Record<string, unknown>;

const COMPONENT = '#/components/schemas/';

/** A zod schema as JSON Schema, its named parts hoisted into `defs` (the document's components). */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output', defs: Record<string, unknown>): Json {
  const out = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any', reused: 'inline' }) as Json;
  delete out.$schema;
  const local = (out.$defs ?? {}) as Record<string, unknown>;
  delete out.$defs;
  const fix = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(fix);
    if (v && typeof v === 'object') {
      const o: Json = {};
      for (const [k, x] of Object.entries(v)) o[k] = k === '$ref' && typeof x === 'string' ? x.replace('#/$defs/', COMPONENT) : fix(x);
      return o;
    }
    return v;
  };
  for (const [name, d] of Object.entries(local)) defs[name] ??= fix(d);
  // A schema with an id of its own comes back as a $ref to itself plus its definition.
  const id = z.globalRegistry.get(schema)?.id;
  if (typeof id === 'string') {
    defs[id] ??= fix(out);
    return { $ref: `${COMPONENT}${id}` };
  }
  return fix(out) as Json;
}

/** Express `:name` (and `:name.png`) to OpenAPI `{name}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function pathNames(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
}

function errorText(code: ErrorCode): string {
  return `\`${code}\`: ${ERRORS[code].en} / ${ERRORS[code].id}`;
}

/** The codes a route may answer, itself and as any route, without repeats. */
export function routeErrors(spec: RouteSpec): ErrorCode[] {
  return [...new Set([...spec.errors, ...ANY_ROUTE])];
}

function errorResponses(spec: RouteSpec): Json {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of routeErrors(spec)) {
    const s = ERRORS[code].status;
    byStatus.set(s, [...(byStatus.get(s) ?? []), code]);
  }
  const out: Json = {};
  for (const [status, codes] of [...byStatus].sort((a, b) => a[0] - b[0])) {
    out[String(status)] = {
      description: codes.map(errorText).join('\n\n'),
      content: {
        'application/json': {
          schema: {
            allOf: [{ $ref: `${COMPONENT}ErrorBody` }, { type: 'object', properties: { error: { type: 'object', properties: { code: { enum: codes } } } } }],
          },
        },
      },
    };
  }
  return out;
}

function parameters(id: RouteId, spec: RouteSpec, defs: Record<string, unknown>): Json[] {
  const path = ROUTES[id].path;
  const out: Json[] = [];
  const params = spec.params ? jsonSchema(spec.params, 'input', defs) : null;
  const props = (params?.properties ?? {}) as Record<string, Json>;
  for (const name of pathNames(path)) {
    const s = props[name] ?? { type: 'string' };
    out.push({ name, in: 'path', required: true, schema: s, ...(typeof s.description === 'string' ? { description: s.description } : {}) });
  }
  if (spec.query) {
    const q = jsonSchema(spec.query, 'input', defs);
    const required = new Set((q.required ?? []) as string[]);
    for (const [name, s] of Object.entries((q.properties ?? {}) as Record<string, Json>)) {
      out.push({ name, in: 'query', required: required.has(name), schema: s });
    }
  }
  for (const h of spec.headers ?? []) out.push({ name: h.name, in: 'header', required: false, description: h.description, schema: { type: 'string' } });
  return out;
}

function successResponse(id: RouteId, spec: RouteSpec, defs: Record<string, unknown>): Json {
  const status = String(spec.status ?? 200);
  const format = (ROUTES[id] as { format?: string }).format ?? 'json';
  if (format === 'empty' || spec.status === 204) return { [status]: { description: 'Done; no body.' } };
  if (format === 'csv')
    return { [status]: { description: 'CSV (UTF-8, with a header row), as a download.', content: { 'text/csv': { schema: { type: 'string' } } } } };
  if (format === 'png')
    return { [status]: { description: 'PNG image.', content: { 'image/png': { schema: { type: 'string', contentMediaType: 'image/png' } } } } };
  if (format === 'html') return { [status]: { description: 'HTML page.', content: { 'text/html': { schema: { type: 'string' } } } } };
  const schema =
    typeof spec.answer === 'string'
      ? { type: 'object', description: `TypeScript type \`${spec.answer}\` of the contract (@antre/server/contract).`, 'x-antre-type': spec.answer }
      : jsonSchema(spec.answer, 'output', defs);
  const name = typeof spec.answer === 'string' ? spec.answer : (z.globalRegistry.get(spec.answer)?.id ?? 'JSON');
  return { [status]: { description: name, content: { 'application/json': { schema } } } };
}

function requestBody(spec: RouteSpec, defs: Record<string, unknown>): Json | undefined {
  if (spec.bodyByAction) {
    const oneOf = Object.entries(spec.bodyByAction).map(([action, s]) => ({ title: action, ...jsonSchema(s, 'input', defs) }));
    return {
      required: false,
      description: 'The body depends on the action (each schema is titled with its action); most actions take none.',
      content: { 'application/json': { schema: { oneOf } } },
    };
  }
  if (!spec.body) return undefined;
  const s = jsonSchema(spec.body, 'input', defs);
  const optional = spec.body.safeParse(undefined).success;
  return { required: !optional, content: { 'application/json': { schema: s } } };
}

const SECURE = new Set(['kiosk', 'display', 'button', 'survey', 'printer', 'officer', 'supervisor', 'admin']);

/** Every error code with its status and both languages (also the README's list). */
export function errorTable(): { code: ErrorCode; status: number; id: string; en: string }[] {
  return (Object.keys(ERRORS) as ErrorCode[]).map((code) => ({ code, status: ERRORS[code].status, id: ERRORS[code].id, en: ERRORS[code].en }));
}

/** The OpenAPI 3.1 document of version 1. */
export function openApiDocument(): Json {
  const defs: Record<string, unknown> = {};
  const paths: Record<string, Json> = {};
  for (const id of ROUTE_IDS) {
    const spec: RouteSpec = API_SPEC[id];
    const route = ROUTES[id];
    const audience = spec.audience;
    const open = audience.some((a) => a === 'public' || a === 'visitor');
    const secure = audience.some((a) => SECURE.has(a));
    const op: Json = {
      operationId: id,
      tags: [spec.tag],
      summary: spec.summary.en,
      description: `${spec.summary.id}.\n\nFor: ${audience.join(', ')}.`,
      'x-antre-audience': audience,
      'x-summary-id': spec.summary.id,
      parameters: parameters(id, spec, defs),
      responses: { ...successResponse(id, spec, defs), ...errorResponses(spec) },
    };
    const body = requestBody(spec, defs);
    if (body) op.requestBody = body;
    if (secure) op.security = open ? [{}, { bearer: [] }] : [{ bearer: [] }];
    const p = openApiPath(route.path);
    paths[p] = { ...paths[p], [route.method.toLowerCase()]: op };
  }
  const codes = errorTable();
  return {
    openapi: '3.1.0',
    info: {
      title: 'Antre API',
      version: '1.0.0',
      description: [
        'The queue of a public service mall (Mal Pelayanan Publik): tickets, counters, boards, bookings, surveys.',
        '',
        'JSON in and out. A staff session or a paired device sends its token as `Authorization: Bearer <token>`.',
        'Every refusal is `{"error":{"code","message":{"id","en"}}}` with a fitting status; the codes are stable (see components.schemas.ErrorCode).',
        '',
        `Version 1 is served under \`${API_V1}\`. The unversioned \`/api/...\` paths answer the same until ${LEGACY_SUNSET_AT.slice(0, 10)}, marked with \`Deprecation\`, \`Sunset\` and \`Link\` headers. A breaking change gets a new version (\`/api/v2\`).`,
      ].join('\n'),
    },
    servers: [{ url: API_V1, description: 'This server, version 1' }],
    tags: [...new Set(ROUTE_IDS.map((id) => API_SPEC[id].tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A staff session token (POST /auth/login) or a device token (POST /devices/pair).' },
      },
      schemas: {
        ...defs,
        ErrorCode: {
          description: 'Every error code: its HTTP status, and the message in Bahasa Indonesia and English.',
          oneOf: codes.map((c) => ({
            const: c.code,
            title: `${c.status} ${c.code}`,
            description: `${c.en} / ${c.id}`,
            'x-status': c.status,
            'x-message': { id: c.id, en: c.en },
          })),
        },
        ErrorBody: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { $ref: `${COMPONENT}ErrorCode` },
                message: {
                  type: 'object',
                  required: ['id', 'en'],
                  properties: { id: { type: 'string', description: 'Bahasa Indonesia' }, en: { type: 'string', description: 'English' } },
                },
                details: { description: 'What exactly was wrong (the bad fields, a retry delay), when known.' },
              },
            },
          },
        },
      },
    },
  };
}
