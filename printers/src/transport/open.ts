// Picks the transport for a PrinterSpec.
import type { OpenPrinterOptions, PrinterSpec, PrinterTransport } from '../types.js';
import { FileTransport } from './file.js';
import { SerialTransport } from './serial.js';
import { TcpTransport } from './tcp.js';
import { UsbTransport } from './usb.js';
import { VirtualTransport } from './virtual.js';

/** Creates (without connecting) the transport for a printer; connections are made per job, so this never fails on I/O. */
export function openPrinter(spec: PrinterSpec, opts: OpenPrinterOptions = {}): PrinterTransport {
  const timeoutMs = opts.timeoutMs;
  switch (spec.kind) {
    case 'tcp':
      return new TcpTransport(spec.host, spec.port, { timeoutMs });
    case 'usb':
      return new UsbTransport(spec.vendorId, spec.productId, timeoutMs);
    case 'serial':
      return new SerialTransport(spec.path, spec.baud, { timeoutMs });
    case 'file':
      return new FileTransport(spec.dir);
    case 'virtual':
      return new VirtualTransport({ timeoutMs, port: opts.virtualPort });
  }
}
