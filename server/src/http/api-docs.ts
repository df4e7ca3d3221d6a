import { API_V1, LEGACY_SUNSET_AT } from '../contract/api/routes.js';

/**
 * The API reference as one HTML page, rendered on the server from the OpenAPI document: no
 * script, no CDN, so it works on a building's LAN without internet and under the strict CSP.
 * (Redoc and Swagger UI need scripts and a bundle of their own; a table per route is enough.)
 */

type Json = Record<string, unknown>;

const esc = (s: unknown): string => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function typeOf(s: Json | undefined): string {
  if (!s) return 'any';
  if (typeof s.$ref === 'string') {
    const name = s.$ref.split('/').pop()!;
    return `<a href="#schema-${esc(name)}">${esc(name)}</a>`;
  }
  if (Array.isArray(s.enum)) return s.enum.map((v) => `<code>${esc(JSON.stringify(v))}</code>`).join(' | ');
  if (s.const !== undefined) return `<code>${esc(JSON.stringify(s.const))}</code>`;
  for (const k of ['anyOf', 'oneOf'] as const)
    if (Array.isArray(s[k])) return (s[k] as Json[]).map((x) => (x.title ? `${esc(x.title)}: ` : '') + typeOf(x)).join(' | ');
  if (s.type === 'array') return `${typeOf(s.items as Json)}[]`;
  if (s.type === 'object' && s.properties)
    return `{ ${Object.keys(s.properties as Json)
      .map(esc)
      .join(', ')} }`;
  const base = Array.isArray(s.type) ? s.type.join(' | ') : String(s.type ?? 'any');
  const rules = [
    s.pattern && `pattern ${s.pattern}`,
    s.minLength !== undefined && `min ${s.minLength}`,
    s.maxLength !== undefined && `max ${s.maxLength}`,
    s.minimum !== undefined && `≥ ${s.minimum}`,
    s.maximum !== undefined && `≤ ${s.maximum}`,
  ].filter(Boolean);
  return esc(base) + (rules.length ? ` <small>(${rules.map((r) => esc(r)).join(', ')})</small>` : '');
}

function fields(s: Json): string {
  if (Array.isArray(s.oneOf)) return (s.oneOf as Json[]).map((x) => `<div class="alt"><b>${esc(x.title ?? '')}</b> ${fields(x)}</div>`).join('');
  const props = s.properties as Record<string, Json> | undefined;
  if (!props || !Object.keys(props).length) return `<span class="muted">${typeOf(s)}</span>`;
  const req = new Set((s.required ?? []) as string[]);
  return `<table class="f">${Object.entries(props)
    .map(
      ([k, v]) =>
        `<tr><td><code>${esc(k)}</code>${req.has(k) ? '' : '<span class="opt">?</span>'}</td><td>${typeOf(v)}${v.description ? ` <span class="muted">${esc(v.description)}</span>` : ''}</td></tr>`,
    )
    .join('')}</table>`;
}

function operation(method: string, path: string, op: Json): string {
  const params = (op.parameters ?? []) as Json[];
  const responses = op.responses as Record<string, Json>;
  const ok = Object.entries(responses).filter(([s]) => Number(s) < 400);
  const errors = Object.entries(responses).filter(([s]) => Number(s) >= 400);
  const body = op.requestBody as Json | undefined;
  const bodySchema = body && (((body.content as Json)['application/json'] as Json).schema as Json);
  const okSchema = (r: Json) => (r.content as Record<string, Json> | undefined)?.['application/json']?.schema as Json | undefined;
  return `<section class="op" id="${esc(op.operationId)}">
<h3><span class="m m-${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(API_V1 + path)}</code></h3>
<p lang="id">${esc(op['x-summary-id'])}<br><i lang="en">${esc(op.summary)}</i></p>
<p class="meta">For / untuk: ${((op['x-antre-audience'] ?? []) as string[]).map((a) => `<span class="aud">${esc(a)}</span>`).join(' ')} · id <code>${esc(op.operationId)}</code>${op.security ? ' · <code>Authorization: Bearer</code>' : ''}</p>
${params.length ? `<h4>Parameters</h4><table class="f">${params.map((p) => `<tr><td><code>${esc(p.name)}</code>${p.required ? '' : '<span class="opt">?</span>'}</td><td>${esc(p.in)}</td><td>${typeOf(p.schema as Json)}${p.description ? ` <span class="muted">${esc(p.description)}</span>` : ''}</td></tr>`).join('')}</table>` : ''}
${bodySchema ? `<h4>Body${body.required ? '' : ' (optional)'}</h4>${fields(bodySchema)}` : ''}
<h4>Answer</h4>${ok.map(([s, r]) => `<p><b>${esc(s)}</b> ${okSchema(r) ? typeOf(okSchema(r)) : esc(r.description)}${okSchema(r)?.['x-antre-type'] ? ` <span class="muted">${esc(r.description)}</span>` : ''}</p>`).join('')}
<h4>Errors</h4><p class="codes">${errors.map(([s, r]) => `<b>${esc(s)}</b> ${(((((r.content as Json)['application/json'] as Json).schema as Json).allOf as Json[])[1]!.properties as { error: { properties: { code: { enum: string[] } } } }).error.properties.code.enum.map((c) => `<a href="#error-${esc(c)}"><code>${esc(c)}</code></a>`).join(' ')}`).join(' · ')}</p>
</section>`;
}

/** The reference page for `doc` (the OpenAPI document). */
export function renderApiDocs(doc: Json): string {
  const paths = doc.paths as Record<string, Record<string, Json>>;
  const tags = (doc.tags as { name: string }[]).map((t) => t.name);
  const ops = Object.entries(paths).flatMap(([path, byMethod]) => Object.entries(byMethod).map(([method, op]) => ({ path, method, op })));
  const schemas = (doc.components as { schemas: Record<string, Json> }).schemas;
  const codes = schemas.ErrorCode!.oneOf as Json[];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Antre API v1 — reference</title>
<style>
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1c2430;background:#f6f7f9}
header{background:#12355b;color:#fff;padding:18px 28px}header h1{margin:0;font-size:24px}header p{margin:6px 0 0;opacity:.9}
header a{color:#fff}
.wrap{display:grid;grid-template-columns:260px 1fr;gap:0}
nav{position:sticky;top:0;align-self:start;height:100vh;overflow:auto;padding:14px 16px;background:#fff;border-right:1px solid #dde1e6;font-size:13px}
nav h2{font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:#5b6675;margin:14px 0 4px}nav a{display:block;color:#1c2430;text-decoration:none;padding:1px 0}
main{padding:8px 28px 40px;max-width:1100px}
h2.tag{margin:28px 0 8px;border-bottom:2px solid #12355b;padding-bottom:4px}
.op{background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:10px 16px;margin:12px 0}
.op h3{margin:4px 0;font-size:16px}.op h4{margin:10px 0 2px;font-size:13px;color:#5b6675}
.m{display:inline-block;min-width:58px;text-align:center;border-radius:4px;color:#fff;font-size:12px;padding:2px 6px;margin-right:6px}
.m-get{background:#1f6f43}.m-post{background:#1d4f91}.m-put{background:#8a5a00}.m-patch{background:#6b3fa0}.m-delete{background:#a3262a}
.meta{color:#5b6675;font-size:13px}.aud{background:#e8eef6;border-radius:10px;padding:0 8px}
table.f{border-collapse:collapse;font-size:13px}table.f td{border-top:1px solid #eef0f3;padding:3px 10px 3px 0;vertical-align:top}
.opt{color:#8a94a3}.muted{color:#5b6675}.codes code{font-size:12px}.alt{margin:4px 0}
table.errors{border-collapse:collapse;background:#fff;font-size:13px}table.errors td,table.errors th{border:1px solid #dde1e6;padding:4px 8px;text-align:left}
pre{background:#fff;border:1px solid #dde1e6;padding:10px;overflow:auto;font-size:12px;max-height:420px}
</style></head>
<body><header><h1>Antre API v1</h1>
<p>${esc((doc.info as Json).description)
    .split('\n')
    .filter(Boolean)
    .slice(0, 2)
    .join(' ')
    .replace(/`([^`]+)`/g, '<code>$1</code>')}</p>
<p>Untuk mesin / machine-readable: <a href="${API_V1}/openapi.json">${API_V1}/openapi.json</a> (OpenAPI 3.1) · Jalur lama <code>/api/…</code> masih dijawab sampai ${esc(LEGACY_SUNSET_AT.slice(0, 10))} (usang) / the unversioned <code>/api/…</code> paths answer until then (deprecated).</p></header>
<div class="wrap"><nav>${tags
    .map(
      (t) =>
        `<h2>${esc(t)}</h2>${ops
          .filter((o) => (o.op.tags as string[])[0] === t)
          .map((o) => `<a href="#${esc(o.op.operationId)}">${esc(o.method.toUpperCase())} ${esc(o.path)}</a>`)
          .join('')}`,
    )
    .join('')}<h2>Reference</h2><a href="#errors">Error codes / kode kesalahan</a><a href="#schemas">Schemas</a></nav>
<main>
${tags
  .map(
    (t) =>
      `<h2 class="tag">${esc(t)}</h2>${ops
        .filter((o) => (o.op.tags as string[])[0] === t)
        .map((o) => operation(o.method, o.path, o.op))
        .join('\n')}`,
  )
  .join('\n')}
<h2 class="tag" id="errors">Error codes / kode kesalahan</h2>
<p>Every refusal: <code>{"error":{"code":"QUOTA_FULL","message":{"id":"…","en":"…"},"details":…}}</code></p>
<table class="errors"><tr><th>Status</th><th>Code</th><th>Bahasa Indonesia</th><th>English</th></tr>
${codes.map((c) => `<tr id="error-${esc(c.const)}"><td>${esc(c['x-status'])}</td><td><code>${esc(c.const)}</code></td><td>${esc((c['x-message'] as Json).id)}</td><td>${esc((c['x-message'] as Json).en)}</td></tr>`).join('\n')}
</table>
<h2 class="tag" id="schemas">Schemas</h2>
${Object.entries(schemas)
  .filter(([n]) => n !== 'ErrorCode')
  .map(
    ([n, s]) =>
      `<details id="schema-${esc(n)}"><summary><b>${esc(n)}</b> ${esc(s.description ?? '')}</summary><pre>${esc(JSON.stringify(s, null, 2))}</pre></details>`,
  )
  .join('\n')}
</main></div></body></html>`;
}
