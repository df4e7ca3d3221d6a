import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPtyPair, type PtyPair } from '@antre/printers';
import { SendError, type OutgoingMessage } from './channel.js';
import { GsmModemChannel, gsmModemConfig, smsParts } from './gsm-modem.js';
import { FakeModem } from './testing/fake-modem.js';

let pair: PtyPair;
let modem: FakeModem;
let channel: GsmModemChannel;
const msg: OutgoingMessage = { id: 'm1', to: '6281234567890', kind: 'called', params: [], text: 'MPP: antrean A-007, silakan ke Loket 5 sekarang.' };

beforeEach(async () => {
  pair = await startPtyPair();
  modem = new FakeModem(pair.printerPath);
  channel = new GsmModemChannel(gsmModemConfig.parse({ kind: 'gsm-modem', path: pair.hostPath, baud: 115200, commandTimeoutMs: 1500 }));
});
afterEach(async () => {
  await channel.close();
  modem.close();
  await pair.stop();
});

describe('SMS through a GSM modem over a socat serial pair', () => {
  it('sets text mode and sends with AT+CMGS, the text ended by Ctrl-Z', async () => {
    const r = await channel.send(msg, AbortSignal.timeout(5000));
    expect(r.providerId).toBe('1');
    expect(modem.sent).toEqual([{ to: '6281234567890', text: msg.text }]);
    expect(modem.commands).toEqual(['AT', 'ATE0', 'AT+CPIN?', 'AT+CMGF=1', 'AT+CSCS="GSM"', 'AT+CMGS="+6281234567890"']);
    // the next message reuses the prepared line
    await channel.send({ ...msg, text: 'kedua' }, AbortSignal.timeout(5000));
    expect(modem.commands.slice(6)).toEqual(['AT+CMGS="+6281234567890"']);
    expect(modem.sent[1]!.text).toBe('kedua');
  });

  it('a long text goes as numbered parts, each within one SMS', async () => {
    const long = `MPP: ${'antrean A-007 silakan menunggu '.repeat(8)}`;
    await channel.send({ ...msg, text: long }, AbortSignal.timeout(5000));
    expect(modem.sent.length).toBe(smsParts(long).length);
    expect(modem.sent.length).toBeGreaterThan(1);
    for (const s of modem.sent) expect(s.text.length).toBeLessThanOrEqual(160);
    expect(modem.sent.at(-1)!.text).toMatch(/\(\d\/\d\)$/);
  });

  it('no network (+CMS ERROR 331) is retryable; an invalid text-mode parameter (305) is not', async () => {
    modem.networkError = 331;
    const a = await channel.send(msg, AbortSignal.timeout(5000)).catch((e: unknown) => e as SendError);
    expect(a).toMatchObject({ retryable: true });
    modem.networkError = 305;
    const b = await channel.send(msg, AbortSignal.timeout(5000)).catch((e: unknown) => e as SendError);
    expect(b).toMatchObject({ retryable: false });
    modem.networkError = null;
    await channel.send(msg, AbortSignal.timeout(5000));
    expect(modem.sent).toHaveLength(1);
  });

  it('a modem that answers nothing fails the attempt in the command timeout; a missing device is reported', async () => {
    modem.silent = true;
    const t0 = Date.now();
    const e = await channel.send(msg, AbortSignal.timeout(5000)).catch((x: unknown) => x as SendError);
    expect(e).toBeInstanceOf(SendError);
    expect(e.retryable).toBe(true);
    expect(Date.now() - t0).toBeLessThan(3000);
    const missing = new GsmModemChannel(gsmModemConfig.parse({ kind: 'gsm-modem', path: '/dev/antre-no-modem' }));
    const m = await missing.send(msg, AbortSignal.timeout(2000)).catch((x: unknown) => x as SendError);
    expect(m.message).toContain('/dev/antre-no-modem');
  });
});
