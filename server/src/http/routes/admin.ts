import { Router } from 'express';
import { AntreError } from '../../contract/errors.js';
import { announcementsBody, createDeviceBody, createUserBody, pairBody, serviceStatusBody, updateUserBody } from '../../contract/schemas.js';
import type { AppContext } from '../../context.js';
import { authorize, authorizeStaff } from '../../policy/policy.js';
import type { Notifier } from '../../realtime/notifier.js';
import { validate } from '../errors.js';
import { clientKey, principalOf } from '../principal.js';
import { on } from '../route-map.js';

/** The link a device opens to pair itself: the UI of its kind with the code. */
export function pairingUrl(ctx: AppContext, kind: string, code: string): string {
  const base = ctx.publicUrl.replace(/\/$/, '');
  const path = kind === 'display' ? '/display' : kind === 'kiosk' ? '/kiosk' : kind === 'button' ? '/counter/button' : kind === 'survey' ? '/survey' : '/pair';
  return `${base}${path}?pair=${code}`;
}

export function adminRoutes(ctx: AppContext, notifier: () => Notifier | null): Router {
  const r = Router();
  const now = () => ctx.queue.clock();

  on(r, 'devices.create', async (req, res) => {
    authorize(principalOf(req, ctx), 'device.manage');
    const b = validate(createDeviceBody, req.body);
    const v = ctx.queue.venue;
    if (b.kind === 'button' && !v.counters.some((c) => c.id === b.ref)) throw new AntreError('COUNTER_NOT_FOUND', { ref: b.ref ?? null });
    if (b.kind === 'printer' && !v.kiosks.some((k) => k.id === b.ref))
      throw new AntreError(
        'INVALID_INPUT',
        { ref: b.ref ?? null },
        { id: 'Printer harus milik salah satu kios di konfigurasi tempat.', en: 'A printer must belong to a kiosk of the venue configuration.' },
      );
    if (b.kind === 'kiosk' && b.ref && !v.kiosks.some((k) => k.id === b.ref))
      throw new AntreError('INVALID_INPUT', { ref: b.ref }, { id: 'Kios tidak ada di konfigurasi tempat.', en: 'No such kiosk in the venue configuration.' });
    if (b.kind === 'display' && b.ref && !v.zones.some((z) => z.id === b.ref))
      throw new AntreError('INVALID_INPUT', { ref: b.ref }, { id: 'Zona tidak ada di konfigurasi tempat.', en: 'No such zone in the venue configuration.' });
    if (b.kind === 'survey' && b.ref && !v.counters.some((c) => c.id === b.ref) && !v.agencies.some((a) => a.id === b.ref))
      throw new AntreError(
        'INVALID_INPUT',
        { ref: b.ref },
        {
          id: 'Tablet survei dipasang untuk satu loket atau satu instansi (atau tanpa ref: lantai atau gedung).',
          en: 'A survey tablet stands for one counter or one agency (or, without ref, a floor or the building).',
        },
      );
    if (b.floor !== undefined && b.floor !== null && !v.floors.some((f) => f.number === b.floor))
      throw new AntreError('INVALID_INPUT', { floor: b.floor }, { id: 'Lantai tidak ada.', en: 'No such floor.' });
    const floor =
      b.floor ??
      (b.kind === 'survey' && b.ref
        ? (v.counters.find((c) => c.id === b.ref)?.floor ?? v.agencies.find((a) => a.id === b.ref)?.floor ?? null)
        : b.kind === 'kiosk'
          ? (v.kiosks.find((k) => k.id === b.ref)?.floor ?? null)
          : b.kind === 'display' && b.ref
            ? (v.zones.find((z) => z.id === b.ref)?.floor ?? null)
            : null);
    const out = await ctx.auth.createDevice({ kind: b.kind, name: b.name, floor, ref: b.ref ?? null }, now());
    res.status(201).json({ ...out, pairingUrl: pairingUrl(ctx, b.kind, out.code) });
  });
  on(r, 'devices.list', (req, res) => {
    authorize(principalOf(req, ctx), 'device.list');
    res.json({ devices: ctx.auth.devices(now()) });
  });
  on(r, 'devices.pair', async (req, res) => {
    const b = validate(pairBody, req.body);
    res.json(await ctx.auth.pair(b.code, now(), clientKey(req)));
  });
  on(r, 'devices.repair', async (req, res) => {
    authorize(principalOf(req, ctx), 'device.manage');
    const out = await ctx.auth.repair(req.params.id, now());
    notifier()?.disconnectDevice(req.params.id);
    res.json({ ...out, pairingUrl: pairingUrl(ctx, out.device.kind, out.code) });
  });
  on(r, 'devices.revoke', async (req, res) => {
    authorize(principalOf(req, ctx), 'device.manage');
    await ctx.auth.revokeDevice(req.params.id);
    notifier()?.disconnectDevice(req.params.id);
    res.status(204).end();
  });

  on(r, 'users.list', (req, res) => {
    authorize(principalOf(req, ctx), 'staff.list');
    res.json({ users: ctx.auth.users() });
  });
  on(r, 'users.create', async (req, res) => {
    authorize(principalOf(req, ctx), 'staff.manage');
    const b = validate(createUserBody, req.body);
    assertCounters(ctx, b.counterIds);
    res.status(201).json(await ctx.auth.createUser(b, now()));
  });
  on(r, 'users.update', async (req, res) => {
    authorize(principalOf(req, ctx), 'staff.manage');
    const b = validate(updateUserBody, req.body);
    if (b.counterIds) assertCounters(ctx, b.counterIds);
    res.json(await ctx.auth.updateUser(req.params.id, b));
  });

  on(r, 'services.status', async (req, res) => {
    const u = authorizeStaff(principalOf(req, ctx), 'service.setStatus');
    const b = validate(serviceStatusBody, req.body);
    const out = await ctx.queue.run((e) => e.setServiceStatus(req.params.id, b.closedToday, b.reason ?? null));
    ctx.log.info({ userId: u.id, serviceId: req.params.id, closedToday: b.closedToday }, 'service status set');
    res.json(out);
  });

  on(r, 'announcements.set', async (req, res) => {
    authorize(principalOf(req, ctx), 'announcements.set');
    const b = validate(announcementsBody, req.body);
    await ctx.board.setAnnouncements(b.announcements);
    notifier()?.announcements(b.announcements);
    res.json({ announcements: b.announcements });
  });
  return r;
}

function assertCounters(ctx: AppContext, ids: string[]): void {
  const known = new Set(ctx.queue.venue.counters.map((c) => c.id));
  const bad = ids.filter((i) => !known.has(i));
  if (bad.length) throw new AntreError('COUNTER_NOT_FOUND', { counterIds: bad });
}
