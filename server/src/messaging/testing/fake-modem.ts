import { openPtyEnd } from '@antre/printers';

export interface ModemSms {
  to: string;
  text: string;
}

/**
 * A GSM modem on the far end of a serial line: answers AT commands as a modem in text mode does
 * (echo until ATE0, +CPIN, +CMGF, +CSCS, the "> " prompt of +CMGS, the text ended by Ctrl-Z,
 * then +CMGS: <ref> and OK). `networkError` makes sends fail with +CMS ERROR as a modem without
 * signal does; `silent` makes it answer nothing (unplugged).
 */
export class FakeModem {
  readonly sent: ModemSms[] = [];
  readonly commands: string[] = [];
  networkError: number | null = null;
  silent = false;
  private end: ReturnType<typeof openPtyEnd>;
  private echo = true;
  private buf = '';
  private composing: string | null = null;
  private ref = 0;

  constructor(path: string) {
    this.end = openPtyEnd(path);
    this.end.input.on('data', (d: Buffer) => this.onData(d.toString('latin1')));
  }

  private reply(s: string): void {
    this.end.output.write(Buffer.from(s, 'latin1'));
  }

  private onData(s: string): void {
    if (this.silent) return;
    this.buf += s;
    for (;;) {
      if (this.composing !== null) {
        const z = this.buf.indexOf('\x1a');
        if (z < 0) return;
        const text = this.buf.slice(0, z);
        this.buf = this.buf.slice(z + 1);
        const to = this.composing;
        this.composing = null;
        if (this.networkError !== null) this.reply(`\r\n+CMS ERROR: ${this.networkError}\r\n`);
        else {
          this.sent.push({ to, text });
          this.reply(`\r\n+CMGS: ${++this.ref}\r\n\r\nOK\r\n`);
        }
        continue;
      }
      const cr = this.buf.indexOf('\r');
      if (cr < 0) return;
      const cmd = this.buf.slice(0, cr).trim();
      this.buf = this.buf.slice(cr + 1);
      if (!cmd) continue;
      this.commands.push(cmd);
      if (this.echo) this.reply(`${cmd}\r`);
      this.answer(cmd);
    }
  }

  private answer(cmd: string): void {
    const ok = () => this.reply('\r\nOK\r\n');
    if (cmd === 'AT' || cmd === 'AT+CMGF=1' || /^AT\+CSCS="GSM"$/.test(cmd)) return ok();
    if (cmd === 'ATE0') {
      this.echo = false;
      return ok();
    }
    if (cmd === 'AT+CPIN?') return this.reply('\r\n+CPIN: READY\r\n\r\nOK\r\n');
    const m = /^AT\+CMGS="\+?(\d+)"$/.exec(cmd);
    if (m) {
      this.composing = m[1]!;
      return this.reply('\r\n> ');
    }
    this.reply('\r\nERROR\r\n');
  }

  close(): void {
    this.end.close();
  }
}
