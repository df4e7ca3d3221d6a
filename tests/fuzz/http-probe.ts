import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { ERRORS, type ErrorCode } from '@antre/server/contract';
import { assertNoPollution, type Tally } from './tally.ts';
import { fingerprintDiff, type World } from './world.ts';

export interface RawRequest {
  method: string;
  /** Path and query exactly as sent (already percent-encoded where needed). */
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: unknown;
}

const agent = new Agent({ keepAlive: true, maxSockets: 4 });

/** One request over node:http: the path goes out verbatim (fetch would normalise "../"), any method, any body. */
export function send(port: number, req: RawRequest, timeoutMs = 15000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const body = req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body, 'utf8');
    const headers = { ...req.headers, ...(body ? { 'content-length': String(body.length) } : {}) };
    const r = request({ host: '127.0.0.1', port, method: req.method, path: req.path, headers, agent, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const raw = decode(Buffer.concat(chunks), res.headers['content-encoding']);
        const text = raw.toString('utf8');
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    r.on('timeout', () => r.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    r.on('error', reject);
    r.end(body);
  });
}

function decode(buf: Buffer, encoding: string | undefined): Buffer {
  if (encoding === 'gzip') return gunzipSync(buf);
  if (encoding === 'deflate') return inflateSync(buf);
  if (encoding === 'br') return brotliDecompressSync(buf);
  return buf;
}

/** Throws unless the body is the one error shape: a known code matching the status, and a message in Bahasa Indonesia and English. */
export function assertErrorBody(status: number, json: unknown, contentType: string | undefined, where: string): ErrorCode {
  const err = (json as { error?: { code?: unknown; message?: { id?: unknown; en?: unknown } } } | undefined)?.error;
  const code = err?.code;
  if (typeof code !== 'string' || !(code in ERRORS)) throw new Error(`${where}: ${status} without an error code: ${JSON.stringify(json)?.slice(0, 300)}`);
  const known = ERRORS[code as ErrorCode];
  if (known.status !== status) throw new Error(`${where}: code ${code} came with status ${status}, not ${known.status}`);
  const { id, en } = err?.message ?? {};
  if (typeof id !== 'string' || typeof en !== 'string' || !id.trim() || !en.trim() || id === en)
    throw new Error(`${where}: ${code} without a message in both languages: ${JSON.stringify(err?.message)}`);
  if (contentType !== undefined && !/^application\/json/.test(contentType)) throw new Error(`${where}: error body sent as ${contentType}`);
  return code as ErrorCode;
}

export interface ProbeResult {
  res: RawResponse;
  code: ErrorCode | null;
}

/**
 * Sends one hostile request and checks it: an answer below 500; a refusal carries the bilingual
 * error body and leaves every piece of state as it was; no prototype was polluted.
 */
export async function probe(w: World, tally: Tally, door: string, req: RawRequest, baseline: string): Promise<ProbeResult> {
  const count = tally.door(door);
  const before = w.fingerprint();
  const errorsBefore = w.errors.length;
  let res: RawResponse;
  try {
    res = await send(w.h.server.port, req);
  } catch (err) {
    count.serverErrors++;
    throw new Error(`${door}: ${req.method} ${req.path.slice(0, 200)} got no answer (${(err as Error).message}): did the server fall over?`, { cause: err });
  }
  count.tried++;
  const where = `${door}: ${req.method} ${req.path.slice(0, 200)} -> ${res.status}`;
  if (res.status >= 500 || res.status < 100) {
    count.serverErrors++;
    throw new Error(`${where}: server error ${res.text.slice(0, 300)}`);
  }
  if (w.errors.length > errorsBefore) {
    count.serverErrors++;
    throw new Error(`${where}: the server logged an error: ${w.errors.slice(errorsBefore).join('\n').slice(0, 600)}`);
  }
  let code: ErrorCode | null = null;
  if (res.status >= 400) {
    count.refused++;
    if (req.method !== 'HEAD') code = assertErrorBody(res.status, res.json, res.headers['content-type'], where);
    const after = w.fingerprint();
    if (after !== before) {
      count.stateChanges++;
      throw new Error(`${where}: refused (${code}) but changed ${fingerprintDiff(before, after)}`);
    }
  } else count.accepted++;
  assertNoPollution(baseline);
  return { res, code };
}
