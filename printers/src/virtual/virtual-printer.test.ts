import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { renderTicket } from '../layout/ticket.js';
import { sampleTicket } from '../sample.js';
import { STATUS_REQUEST } from '../status/status-bytes.js';
import { openPrinter } from '../transport/open.js';
import { VirtualTransport } from '../transport/virtual.js';
import { VirtualPrinter, type VirtualJob } from './virtual-printer.js';

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (stops.length) await stops.pop()!();
});

async function started(opts: ConstructorParameters<typeof VirtualPrinter>[0] = {}): Promise<VirtualPrinter> {
  const vp = new VirtualPrinter(opts);
  await vp.start();
  stops.push(() => vp.stop());
  return vp;
}

/** Talks raw 9100 to the printer: sends `chunks`, then ends and collects what the printer answered. */
function rawSession(port: number, chunks: Buffer[], endAfter = true): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    const got: Buffer[] = [];
    sock.on('data', (d) => got.push(d));
    sock.on('error', reject);
    sock.on('close', () => resolve(Buffer.concat(got)));
    sock.on('connect', () => {
      for (const c of chunks) sock.write(c);
      if (endAfter) sock.end();
    });
  });
}

describe('VirtualPrinter', () => {
  it('answers DLE EOT with "online, paper ok" and does not store a status probe as a job', async () => {
    const vp = await started();
    const reply = await rawSession(vp.port, [STATUS_REQUEST]);
    expect([...reply]).toEqual([0x12, 0x12, 0x12]);
    expect(vp.jobs()).toHaveLength(0);
  });

  it('stores a job sent in small pieces, with decoded text and a PNG preview', async () => {
    const vp = await started({ paper: 58 });
    const seen: VirtualJob[] = [];
    vp.on('job', (j) => seen.push(j));
    const ticket = renderTicket(sampleTicket(), { paper: 58, qr: 'raster' });
    const pieces: Buffer[] = [];
    for (let i = 0; i < ticket.length; i += 97) pieces.push(ticket.subarray(i, i + 97));
    await rawSession(vp.port, pieces);
    expect(vp.jobs()).toHaveLength(1);
    const job = vp.jobs()[0]!;
    expect(seen[0]).toBe(job);
    expect(vp.job(job.id)).toBe(job);
    expect(job.bytes.equals(ticket)).toBe(true);
    expect(job.text.split('\n')).toContain('A-007');
    expect(PNG.sync.read(job.png).width).toBe(384);
  });

  it('does not mistake DLE EOT bytes inside a raster image for a status request', async () => {
    const vp = await started();
    const image = Buffer.from([0x1d, 0x76, 0x30, 0, 3, 0, 1, 0, 0x10, 0x04, 0x01, 0x0a]);
    const reply = await rawSession(vp.port, [image]);
    expect(reply.length).toBe(0);
    expect(vp.jobs()).toHaveLength(1);
  });

  it('finishes a job after an idle period when the client never ends the connection', async () => {
    const vp = await started({ idleMs: 150 });
    await rawSession(vp.port, [Buffer.from('\x1b@Halo\n')], false);
    expect(vp.jobs()[0]?.text).toBe('Halo');
  });

  it('keeps only the last N jobs', async () => {
    const vp = await started({ keep: 2 });
    const t = openPrinter({ kind: 'virtual' }, { virtualPort: vp.port });
    stops.push(() => t.close());
    for (const n of ['A-001', 'A-002', 'A-003']) await t.print(renderTicket(sampleTicket({ number: n }), { paper: 80, qr: 'native' }));
    expect(vp.jobs().map((j) => j.text.split('\n').find((l) => /^A-00\d$/.test(l)))).toEqual(['A-002', 'A-003']);
  });

  it('reports paper out when told to, and then prints nothing', async () => {
    const vp = await started();
    const t = openPrinter({ kind: 'virtual' }, { virtualPort: vp.port });
    stops.push(() => t.close());
    vp.setCondition({ paperOut: true });
    expect(await t.status()).toMatchObject({ online: false, paperOut: true });
    await expect(t.print(Buffer.from('\x1b@x\n'))).rejects.toThrow(/paper out/);
    expect(vp.jobs()).toHaveLength(0);
  });

  it('virtual transport without a port starts its own printer', async () => {
    const t = new VirtualTransport();
    stops.push(() => t.close());
    await t.print(Buffer.from('\x1b@Tes\n'));
    expect(t.printer?.jobs()[0]?.text).toBe('Tes');
    expect(await t.status()).toMatchObject({ online: true, paperOut: false });
  });
});
