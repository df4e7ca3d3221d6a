import { execFile } from 'node:child_process';
import fs from 'node:fs';
import tty from 'node:tty';
import { promisify } from 'node:util';
import { z } from 'zod';
import { SendError, type MessageChannel, type OutgoingMessage, type SendReceipt } from './channel.js';

const run = promisify(execFile);
const openFd = promisify(fs.open);

export const gsmModemConfig = z.strictObject({
  kind: z.literal('gsm-modem'),
  /** The modem's serial device, e.g. /dev/ttyUSB2. */
  path: z.string().regex(/^\/dev\/[A-Za-z0-9/_.-]{1,100}$/, 'must be a device path such as /dev/ttyUSB2'),
  baud: z.number().int().positive().max(4_000_000).default(115200),
  /** SIM PIN, sent only when the modem says it wants one. */
  pin: z
    .string()
    .regex(/^\d{4,8}$/)
    .optional(),
  /** How long one AT command may take to answer (a send over a weak network takes seconds). */
  commandTimeoutMs: z.number().int().positive().max(120_000).default(30_000),
});
export type GsmModemConfig = z.infer<typeof gsmModemConfig>;

/** One SMS in text mode carries 160 GSM characters; longer texts go as numbered parts. */
export const SMS_CHARS = 160;

/**
 * CMS errors that will not pass on a retry: the number or the text itself is refused. Every other
 * CMS error (no network, network timeout, SMSC busy, "unknown error") is the network's and passes.
 */
const PERMANENT_CMS = new Set([1, 21, 28, 29, 50, 96, 302, 303, 304, 305, 311, 312, 316, 317, 318, 321]);

/**
 * SMS through a GSM modem on the server's own serial port, with AT commands (3GPP TS 27.005 text
 * mode). It needs neither the internet nor a gateway: the message leaves when the building's
 * line is down. One command at a time: the modem is a single half-duplex conversation.
 */
export class GsmModemChannel implements MessageChannel {
  readonly name = 'gsm-modem';
  private port: { input: tty.ReadStream; output: tty.WriteStream } | null = null;
  private buffer = '';
  private waiter: (() => void) | null = null;
  private lock: Promise<unknown> = Promise.resolve();
  private ready = false;

  constructor(private readonly cfg: GsmModemConfig) {}

  send(msg: OutgoingMessage, signal: AbortSignal): Promise<SendReceipt> {
    const next = this.lock.then(() => this.sendNow(msg, signal));
    this.lock = next.catch(() => undefined);
    return next;
  }

  private async sendNow(msg: OutgoingMessage, signal: AbortSignal): Promise<SendReceipt> {
    try {
      await this.open();
      if (!this.ready) await this.prepare(signal);
      const refs: string[] = [];
      for (const part of smsParts(gsmSafe(msg.text))) {
        this.buffer = '';
        await this.write(`AT+CMGS="+${msg.to}"\r`);
        await this.expect(/>\s?$/, signal);
        this.buffer = '';
        await this.write(`${part}\x1a`);
        const answer = await this.expect(/\+CMGS:\s*(\d+)[\s\S]*\r\nOK\r\n/, signal);
        refs.push(/\+CMGS:\s*(\d+)/.exec(answer)![1]!);
      }
      return { providerId: refs.join(',') };
    } catch (err) {
      if (err instanceof SendError && !err.retryable) throw err;
      // Whatever state the modem is in now, start the next message from a clean conversation.
      this.drop();
      if (err instanceof SendError) throw err;
      throw new SendError(`GSM modem ${this.cfg.path}: ${(err as Error).message}`, true);
    }
  }

  /** Echo off, text mode, the GSM alphabet; the SIM PIN when asked for one. */
  private async prepare(signal: AbortSignal): Promise<void> {
    await this.command('AT', signal);
    await this.command('ATE0', signal);
    const pin = await this.command('AT+CPIN?', signal);
    if (/SIM PIN/.test(pin)) {
      if (!this.cfg.pin) throw new SendError(`GSM modem ${this.cfg.path}: the SIM asks for a PIN and none is set`, false);
      await this.command(`AT+CPIN=${this.cfg.pin}`, signal);
    }
    await this.command('AT+CMGF=1', signal);
    await this.command('AT+CSCS="GSM"', signal);
    this.ready = true;
  }

  private async command(cmd: string, signal: AbortSignal): Promise<string> {
    this.buffer = '';
    await this.write(`${cmd}\r`);
    return this.expect(/\r\nOK\r\n|^OK\r\n/, signal);
  }

  /** Waits until the modem's answer matches, or fails on ERROR / +CMS ERROR / the timeout / abort. */
  private expect(pattern: RegExp, signal: AbortSignal): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => finish(new SendError(`GSM modem ${this.cfg.path}: no answer in ${this.cfg.commandTimeoutMs} ms`, true)),
        this.cfg.commandTimeoutMs,
      );
      const onAbort = () => finish(new SendError(`GSM modem ${this.cfg.path}: gave up waiting`, true));
      const finish = (err: Error | null, value?: string) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        this.waiter = null;
        if (err) {
          this.buffer = ''; // the refusal is read: the next command starts from a clean answer
          reject(err);
        } else resolve(value!);
      };
      const check = () => {
        const cms = /\+CMS ERROR:\s*(\d+)/.exec(this.buffer);
        if (cms) return finish(new SendError(`GSM modem: +CMS ERROR ${cms[1]}`, !PERMANENT_CMS.has(Number(cms[1])), { providerCode: `CMS ${cms[1]}` }));
        if (/\+CME ERROR:\s*(\S+)/.test(this.buffer))
          return finish(new SendError(`GSM modem: ${/\+CME ERROR:[^\r\n]*/.exec(this.buffer)![0]}`, true, { providerCode: 'CME' }));
        if (/(^|\r\n)ERROR\r\n/.test(this.buffer)) return finish(new SendError('GSM modem answered ERROR', true, { providerCode: 'ERROR' }));
        if (pattern.test(this.buffer)) {
          const out = this.buffer;
          this.buffer = '';
          finish(null, out);
        }
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiter = check;
      check();
    });
  }

  private async open(): Promise<void> {
    if (this.port) return;
    const flags = fs.constants.O_NOCTTY;
    let wfd: number;
    try {
      wfd = await openFd(this.cfg.path, fs.constants.O_WRONLY | flags);
    } catch (err) {
      throw new SendError(`GSM modem ${this.cfg.path} cannot be opened: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, true);
    }
    try {
      await run('stty', ['-F', this.cfg.path, String(this.cfg.baud), 'raw', '-echo'], { timeout: 5000 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
        fs.closeSync(wfd);
        throw new SendError(`GSM modem ${this.cfg.path}: stty failed: ${(err as Error).message.trim()}`, true);
      }
    }
    const rfd = await openFd(this.cfg.path, fs.constants.O_RDONLY | flags);
    const input = new tty.ReadStream(rfd);
    const output = new tty.WriteStream(wfd);
    input.on('error', () => undefined);
    output.on('error', () => undefined);
    input.on('data', (d: Buffer) => {
      this.buffer += d.toString('latin1');
      if (this.buffer.length > 8192) this.buffer = this.buffer.slice(-4096);
      this.waiter?.();
    });
    this.port = { input, output };
    this.ready = false;
  }

  private write(s: string): Promise<void> {
    const out = this.port?.output;
    if (!out) return Promise.reject(new SendError('GSM modem is not open', true));
    return new Promise((resolve, reject) => out.write(Buffer.from(s, 'latin1'), (err) => (err ? reject(err) : resolve())));
  }

  private drop(): void {
    this.port?.input.destroy();
    this.port?.output.destroy();
    this.port = null;
    this.ready = false;
    this.buffer = '';
  }

  async close(): Promise<void> {
    await this.lock;
    this.drop();
  }
}

/** Text mode sends the GSM 7-bit alphabet: accents are folded, anything else becomes "?". */
export function gsmSafe(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/[^\x20-\x7e\n]/g, '?');
}

/** Splits a text into SMS-sized parts at word boundaries, numbered when there is more than one. */
export function smsParts(text: string): string[] {
  if (text.length <= SMS_CHARS) return [text];
  const size = SMS_CHARS - 6; // room for " (1/3)"
  const parts: string[] = [];
  let rest = text;
  while (rest.length > size) {
    let cut = rest.lastIndexOf(' ', size);
    if (cut < size / 2) cut = size;
    parts.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest) parts.push(rest);
  return parts.map((p, i) => `${p} (${i + 1}/${parts.length})`);
}
