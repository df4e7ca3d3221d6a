import { describe, expect, it } from 'vitest';
import { PrinterUriError } from '../errors.js';
import { formatPrinterUri, parsePrinterUri } from './uri.js';

describe('parsePrinterUri', () => {
  it.each([
    ['tcp://10.0.0.21:9100', { kind: 'tcp', host: '10.0.0.21', port: 9100 }],
    ['tcp://printer-loket1.local', { kind: 'tcp', host: 'printer-loket1.local', port: 9100 }],
    ['tcp://[::1]:9101', { kind: 'tcp', host: '::1', port: 9101 }],
    ['usb://04b8:0202', { kind: 'usb', vendorId: 0x04b8, productId: 0x0202 }],
    ['usb', { kind: 'usb' }],
    ['serial:/dev/ttyUSB0?baud=9600', { kind: 'serial', path: '/dev/ttyUSB0', baud: 9600 }],
    ['serial:/dev/ttyS1', { kind: 'serial', path: '/dev/ttyS1', baud: 9600 }],
    ['serial:///dev/ttyACM0?baud=115200', { kind: 'serial', path: '/dev/ttyACM0', baud: 115200 }],
    ['file:./prints', { kind: 'file', dir: './prints' }],
    ['file:///var/spool/antre', { kind: 'file', dir: '/var/spool/antre' }],
    ['virtual', { kind: 'virtual' }],
    ['  VIRTUAL  ', { kind: 'virtual' }],
  ])('accepts %s', (uri, spec) => {
    expect(parsePrinterUri(uri)).toEqual(spec);
  });

  it.each([
    ['', /empty/],
    ['lpt://x', /unknown scheme "lpt"/],
    ['tcp://10.0.0.21:99999', /port 99999 is out of range/],
    ['tcp://10.0.0.21:abc', /port "abc" is not a number/],
    ['tcp://:9100', /host is missing/],
    ['tcp:10.0.0.21', /needs "\/\/"/],
    ['tcp://10.0.0.21:9100/queue', /unexpected path/],
    ['tcp://bad_host!:9100', /host "bad_host!" has invalid characters/],
    ['usb://epson', /USB ids "epson"/],
    ['serial:', /device path is missing/],
    ['serial:/dev/ttyUSB0?baud=1234', /baud 1234 is not a standard rate/],
    ['serial:/dev/ttyUSB0?baud=fast', /baud "fast" is not a number/],
    ['serial:/dev/ttyUSB0?parity=even', /unknown serial option "parity"/],
    ['file:', /directory is missing/],
    ['virtual:9100', /virtual takes no address/],
  ])('rejects %j naming the problem', (uri, message) => {
    expect(() => parsePrinterUri(uri)).toThrow(PrinterUriError);
    expect(() => parsePrinterUri(uri)).toThrow(message);
  });

  it('formats specs back to the canonical URI', () => {
    for (const uri of ['tcp://10.0.0.21:9100', 'usb://04b8:0202', 'usb', 'serial:/dev/ttyUSB0?baud=9600', 'file:./prints', 'virtual']) {
      expect(formatPrinterUri(parsePrinterUri(uri))).toBe(uri);
    }
  });
});
