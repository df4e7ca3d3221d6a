import { afterEach, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { PublicDevice } from '../contract/domain.js';
import { startHarness, type Harness } from '../testing/harness.js';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

async function device(id: string): Promise<PublicDevice> {
  const r = await h!.api('/api/devices', { token: h!.adminToken });
  return (r.body.devices as PublicDevice[]).find((d) => d.id === id)!;
}

describe('device last seen', () => {
  it('is the moment the screen disconnected, not the moment it was paired, and a long-connected screen stays online', async () => {
    h = await startHarness();
    const made = await h.api('/api/devices', { token: h.adminToken, body: { kind: 'display', name: 'TV Lantai 1', floor: 1 } });
    const paired = await h.api('/api/devices/pair', { body: { code: made.body.code } });
    const pairedAt = h.clock.t;
    h.clock.minutes(1);
    const s: Socket = connect(h.server.url, { auth: { token: paired.body.token }, transports: ['websocket'], reconnection: false });
    await new Promise((r) => s.once('snapshot', r));
    // Connected for an hour without a single request: still online, seen now.
    h.clock.minutes(60);
    expect(await device(made.body.device.id)).toMatchObject({ online: true, lastSeenAt: h.clock.t });
    const goneAt = h.clock.t;
    s.disconnect();
    await new Promise((r) => setTimeout(r, 100)); // the server's disconnect handler runs on its next turn
    h.clock.minutes(30);
    const gone = await device(made.body.device.id);
    expect(gone.online).toBe(false);
    expect(gone.lastSeenAt).toBe(goneAt);
    expect(gone.lastSeenAt).not.toBe(pairedAt);
  });
});
