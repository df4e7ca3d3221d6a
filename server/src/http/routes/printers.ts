import { Router } from 'express';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AntreError } from '../../contract/errors.js';
import type { AppContext } from '../../context.js';
import { authorize } from '../../policy/policy.js';
import { principalOf } from '../principal.js';
import { on } from '../route-map.js';

const ID = /^[A-Za-z0-9_.-]{1,80}$/;

/** Printers for supervisors: state, jobs, test print, reprint, and the virtual printer's previews. */
export function printerRoutes(ctx: AppContext): Router {
  const r = Router();
  const printing = () => {
    if (!ctx.printing) throw new AntreError('NOT_FOUND');
    return ctx.printing;
  };
  on(r, 'printers.list', (req, res) => {
    authorize(principalOf(req, ctx), 'printer.read');
    const p = printing();
    res.json({ printers: p.states().map((s) => ({ ...s, jobs: p.jobs(s.printerId).slice(-20) })), virtual: p.virtual ? { port: p.virtual.port } : null });
  });
  on(r, 'printers.test', (req, res) => {
    authorize(principalOf(req, ctx), 'printer.test');
    const p = printing();
    if (!p.has(req.params.id)) throw new AntreError('DEVICE_NOT_FOUND', { printerId: req.params.id });
    res.status(202).json(p.testPrint(req.params.id));
  });
  on(r, 'printJobs.preview', (req, res) => {
    // Images load from <img>, which cannot send a header: the staff token may come as ?token=.
    if (!req.headers.authorization && typeof req.query.token === 'string') req.headers.authorization = `Bearer ${req.query.token}`;
    authorize(principalOf(req, ctx), 'printer.read');
    const png = ID.test(req.params.jobId) ? printing().previewPng(req.params.jobId) : null;
    if (!png) throw new AntreError('NOT_FOUND');
    res.type('png').set('Cache-Control', 'private, no-cache').send(png);
  });
  on(r, 'printJobs.reprint', (req, res) => {
    const who = principalOf(req, ctx);
    const p = printing();
    const kiosk = ID.test(req.params.jobId) ? p.kioskOf(req.params.jobId) : null;
    if (!kiosk) throw new AntreError('NOT_FOUND');
    // A kiosk may reprint its own tickets (the visitor asked again); staff any.
    authorize(who, 'printJob.reprint', { kioskId: kiosk });
    res.status(202).json(p.reprint(req.params.jobId));
  });
  on(r, 'printers.virtual.jobs', (req, res) => {
    authorize(principalOf(req, ctx), 'printer.read');
    const v = printing().virtual;
    const now = Date.now();
    res.json({
      jobs: (v?.jobs() ?? []).map((j) => ({
        id: j.id,
        receivedAt: j.receivedAt,
        text: j.text,
        bytes: j.bytes.length,
        previewUrl: signedPreviewUrl(j.id, now),
      })),
    });
  });
  on(r, 'printers.virtual.preview', (req, res) => {
    // Images load from <img>, which cannot send a header: a short-lived signed address stands in for the
    // staff token (a token in a URL would outlive the page in logs and history).
    if (!req.headers.authorization) {
      if (!validPreviewSignature(req.params.id, req.query.exp, req.query.sig, Date.now())) throw new AntreError('UNAUTHENTICATED');
    } else authorize(principalOf(req, ctx), 'printer.read');
    const job = printing().virtual?.job(req.params.id);
    if (!job) throw new AntreError('NOT_FOUND');
    res.type('png').set('Cache-Control', 'private, max-age=3600').send(job.png);
  });
  // After /printers/virtual/jobs, which this pattern would otherwise take.
  on(r, 'printers.jobs', (req, res) => {
    authorize(principalOf(req, ctx), 'printer.read');
    const p = printing();
    if (!p.has(req.params.id)) throw new AntreError('DEVICE_NOT_FOUND', { printerId: req.params.id });
    res.json({ jobs: p.dayJobs(req.params.id) });
  });
  return r;
}

/** Signs preview addresses; new each start, so a restart ends every address handed out. */
const PREVIEW_KEY = randomBytes(32);
const PREVIEW_TTL_MS = 10 * 60000;

function previewSignature(id: string, exp: number): string {
  return createHmac('sha256', PREVIEW_KEY).update(`${id}|${exp}`).digest('base64url');
}

/** A preview image's address, good for ten minutes without a token. */
export function signedPreviewUrl(id: string, now: number): string {
  const exp = now + PREVIEW_TTL_MS;
  return `/api/printers/virtual/jobs/${encodeURIComponent(id)}.png?exp=${exp}&sig=${previewSignature(id, exp)}`;
}

function validPreviewSignature(id: string, exp: unknown, sig: unknown, now: number): boolean {
  if (typeof exp !== 'string' || typeof sig !== 'string' || !/^\d{1,15}$/.test(exp) || Number(exp) < now) return false;
  const want = Buffer.from(previewSignature(id, Number(exp)));
  const got = Buffer.from(sig);
  return want.length === got.length && timingSafeEqual(want, got);
}
