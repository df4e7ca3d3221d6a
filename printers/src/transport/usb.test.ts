import { describe, expect, it } from 'vitest';
import { PrinterError } from '../errors.js';
import { openPrinter } from './open.js';
import { parsePrinterUri } from './uri.js';

// No USB printer is attached where tests run: the transport must say so plainly instead of crashing.
describe('UsbTransport without a USB printer', () => {
  it.each(['usb', 'usb://04b8:0202'])('%s reports "no USB printer found"', async (uri) => {
    const t = openPrinter(parsePrinterUri(uri));
    expect(t.uri).toBe(uri);
    const status = await t.status();
    expect(status.online).toBe(false);
    expect(status.error).toMatch(/^no USB printer found/);
    const err = await t.print(Buffer.from([0x1b, 0x40])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrinterError);
    expect((err as PrinterError).code).toBe('not-found');
    expect((err as Error).message).toMatch(/^no USB printer found/);
    if (uri !== 'usb') expect((err as Error).message).toContain('vendor 04b8 product 0202');
    await t.close();
  });
});
