// USB transport through escpos-usb, loaded lazily: the native `usb` addon may be missing or incompatible,
// and that must only affect USB printers, with a clear "no USB printer found" error.
import type { PrinterStatus, PrinterTransport, PrintJobMeta } from '../types.js';
import { PrinterError } from '../errors.js';
import { writeOnlyStatus } from '../status/status-bytes.js';

interface UsbDevice {
  open(cb: (err?: Error | null) => void): unknown;
  write(data: Buffer, cb: (err?: Error | null) => void): unknown;
  close(cb?: (err?: Error | null) => void): unknown;
}
type UsbCtor = new (vid?: number, pid?: number) => UsbDevice;

const hex4 = (n: number): string => n.toString(16).padStart(4, '0');

/** Calls a node-style callback API with a timeout. */
function callWithTimeout(fn: (cb: (err?: Error | null) => void) => void, ms: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new PrinterError('timeout', `${what} timed out after ${ms} ms`)), ms);
    try {
      fn((err) => {
        clearTimeout(timer);
        if (err) reject(err);
        else resolve();
      });
    } catch (err) {
      clearTimeout(timer);
      reject(err);
    }
  });
}

export class UsbTransport implements PrinterTransport {
  readonly uri: string;
  private device: UsbDevice | undefined;
  private lastWriteOk: boolean | undefined;
  private lastError: string | undefined;

  constructor(
    readonly vendorId?: number,
    readonly productId?: number,
    private readonly timeoutMs = 10_000,
  ) {
    this.uri = vendorId !== undefined && productId !== undefined ? `usb://${hex4(vendorId)}:${hex4(productId)}` : 'usb';
  }

  private notFound(reason: string): PrinterError {
    const which = this.uri === 'usb' ? 'any USB receipt printer' : `vendor ${this.uri.slice(6).replace(':', ' product ')}`;
    return new PrinterError('not-found', `no USB printer found (${which}): ${reason}`);
  }

  private async open(): Promise<UsbDevice> {
    if (this.device) return this.device;
    let Usb: UsbCtor;
    try {
      Usb = (await import('escpos-usb')).default as unknown as UsbCtor;
    } catch (err) {
      throw this.notFound(`USB support could not be loaded (${(err as Error).message})`);
    }
    let device: UsbDevice;
    try {
      device = new Usb(this.vendorId, this.productId);
    } catch (err) {
      const msg = (err as Error).message;
      if (/can ?not find printer/i.test(msg)) throw this.notFound('is it plugged in and powered on?');
      // escpos-usb calls the usb 1.x/2.x API; a different `usb` major has no findByIds/getDeviceList
      throw this.notFound(`USB support is not usable here (${msg})`);
    }
    try {
      await callWithTimeout((cb) => device.open(cb), this.timeoutMs, `opening ${this.uri}`);
    } catch (err) {
      throw new PrinterError(
        'io',
        `printer ${this.uri}: could not open the USB device (${(err as Error).message}); check permissions (udev rule) or another program holding it`,
      );
    }
    this.device = device;
    return device;
  }

  /** Sends the job over the printer's bulk OUT endpoint. */
  async print(bytes: Buffer, _job?: PrintJobMeta): Promise<void> {
    try {
      const device = await this.open();
      await callWithTimeout((cb) => device.write(bytes, cb), this.timeoutMs, `writing to ${this.uri}`);
      this.lastWriteOk = true;
      this.lastError = undefined;
    } catch (err) {
      await this.close();
      const e = err instanceof PrinterError ? err : new PrinterError('io', `printer ${this.uri}: ${(err as Error).message}`);
      this.lastWriteOk = false;
      this.lastError = e.message;
      throw e;
    }
  }

  /** escpos-usb cannot read status: reports whether the device can be found, and online only after a successful write. */
  async status(): Promise<PrinterStatus> {
    try {
      await this.open();
    } catch (err) {
      return { online: false, error: (err as Error).message, checkedAt: Date.now() };
    }
    return writeOnlyStatus(this.lastWriteOk, this.lastError);
  }

  async close(): Promise<void> {
    const device = this.device;
    this.device = undefined;
    if (device) await callWithTimeout((cb) => device.close(cb), 2000, `closing ${this.uri}`).catch(() => undefined);
  }
}
