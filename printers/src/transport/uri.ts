// Printer URIs as written in the venue's configuration: tcp://10.0.0.21:9100, usb://04b8:0202, usb,
// serial:/dev/ttyUSB0?baud=9600, file:./prints, virtual.
import type { PrinterSpec } from '../types.js';
import { PrinterUriError } from '../errors.js';

const BAUDS = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600];
const SCHEMES = 'tcp, usb, serial, file or virtual';

function bad(uri: string, problem: string): never {
  throw new PrinterUriError(`invalid printer URI "${uri}": ${problem}`);
}

function parseTcp(uri: string, rest: string): PrinterSpec {
  if (!rest.startsWith('//')) bad(uri, 'tcp needs "//", e.g. tcp://10.0.0.21:9100');
  const authority = rest.slice(2).replace(/\/+$/, '');
  if (/[/?#]/.test(authority)) bad(uri, `unexpected path or query "${authority.slice(authority.search(/[/?#]/))}" after host:port`);
  let host: string;
  let portText: string | undefined;
  const v6 = /^\[([0-9a-fA-F:.]+)\](?::(.*))?$/.exec(authority);
  if (v6) {
    host = v6[1]!;
    portText = v6[2];
  } else {
    const parts = authority.split(':');
    if (parts.length > 2) bad(uri, `host "${authority}" has too many ":" (write IPv6 as [::1]:9100)`);
    host = parts[0]!;
    portText = parts[1];
  }
  if (!host) bad(uri, 'host is missing');
  if (!v6 && !/^[A-Za-z0-9.-]+$/.test(host)) bad(uri, `host "${host}" has invalid characters`);
  let port = 9100;
  if (portText !== undefined) {
    if (!/^\d+$/.test(portText)) bad(uri, `port "${portText}" is not a number`);
    port = Number(portText);
    if (port < 1 || port > 65535) bad(uri, `port ${portText} is out of range 1-65535`);
  }
  return { kind: 'tcp', host, port };
}

function parseUsb(uri: string, rest: string): PrinterSpec {
  const ids = rest.replace(/^\/\//, '');
  if (ids === '') return { kind: 'usb' };
  const m = /^([0-9a-fA-F]{1,4}):([0-9a-fA-F]{1,4})$/.exec(ids);
  if (!m) bad(uri, `USB ids "${ids}" must be vendor:product in hex, e.g. usb://04b8:0202`);
  return { kind: 'usb', vendorId: parseInt(m[1]!, 16), productId: parseInt(m[2]!, 16) };
}

function parseSerial(uri: string, rest: string): PrinterSpec {
  const q = rest.indexOf('?');
  let devPath = (q >= 0 ? rest.slice(0, q) : rest).replace(/^\/\/(?=\/)/, '');
  if (devPath.startsWith('//')) devPath = devPath.slice(2);
  if (!devPath) bad(uri, 'serial device path is missing, e.g. serial:/dev/ttyUSB0?baud=9600');
  let baud = 9600;
  if (q >= 0) {
    const params = new URLSearchParams(rest.slice(q + 1));
    for (const key of params.keys()) if (key !== 'baud') bad(uri, `unknown serial option "${key}" (only baud is supported)`);
    const b = params.get('baud');
    if (b !== null) {
      if (!/^\d+$/.test(b)) bad(uri, `baud "${b}" is not a number`);
      baud = Number(b);
      if (!BAUDS.includes(baud)) bad(uri, `baud ${b} is not a standard rate (${BAUDS.join(', ')})`);
    }
  }
  return { kind: 'serial', path: devPath, baud };
}

function parseFile(uri: string, rest: string): PrinterSpec {
  let dir = rest;
  if (dir.startsWith('//')) dir = dir.slice(2); // file:///var/spool -> /var/spool
  if (!dir) bad(uri, 'directory is missing, e.g. file:./prints');
  return { kind: 'file', dir };
}

/** Parses a printer URI from configuration; throws PrinterUriError naming the bad part. */
export function parsePrinterUri(uri: string): PrinterSpec {
  const text = String(uri ?? '').trim();
  if (!text) throw new PrinterUriError(`invalid printer URI "${uri}": it is empty (use ${SCHEMES})`);
  const colon = text.indexOf(':');
  const scheme = (colon >= 0 ? text.slice(0, colon) : text).toLowerCase();
  const rest = colon >= 0 ? text.slice(colon + 1) : '';
  switch (scheme) {
    case 'tcp':
      return parseTcp(text, rest);
    case 'usb':
      return parseUsb(text, rest);
    case 'serial':
      return parseSerial(text, rest);
    case 'file':
      return parseFile(text, rest);
    case 'virtual':
      if (rest !== '' && rest !== '//') bad(text, `virtual takes no address (got "${rest}")`);
      return { kind: 'virtual' };
    default:
      return bad(text, `unknown scheme "${scheme}" (expected ${SCHEMES})`);
  }
}

/** The canonical URI of a spec (what transports report as `uri`). */
export function formatPrinterUri(spec: PrinterSpec): string {
  switch (spec.kind) {
    case 'tcp':
      return `tcp://${spec.host.includes(':') ? `[${spec.host}]` : spec.host}:${spec.port}`;
    case 'usb':
      return spec.vendorId !== undefined && spec.productId !== undefined
        ? `usb://${spec.vendorId.toString(16).padStart(4, '0')}:${spec.productId.toString(16).padStart(4, '0')}`
        : 'usb';
    case 'serial':
      return `serial:${spec.path}?baud=${spec.baud}`;
    case 'file':
      return `file:${spec.dir}`;
    case 'virtual':
      return 'virtual';
  }
}
