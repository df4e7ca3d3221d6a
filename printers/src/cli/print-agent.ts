// Print agent for a kiosk PC whose receipt printer hangs on its own USB (or serial) port:
//   npm run print-agent -- --server http://10.0.0.5:3000 --pair ABCD2345 --printer usb
// It pairs once as the kiosk's printer (the token is kept in a file), receives print jobs over
// socket.io, prints them, acknowledges each, and reports the printer's state every few seconds.
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { io as connect, type Socket } from 'socket.io-client';
import type { PrinterTransport } from '../types.js';
import { openPrinter } from '../transport/open.js';
import { parsePrinterUri } from '../transport/uri.js';

const USAGE = 'usage: print-agent --server <url> [--pair <code>] [--printer usb|<uri>] [--token-file path] [--status-every seconds]';

export interface AgentOptions {
  server: string;
  pairCode?: string;
  printer: string;
  tokenFile: string;
  statusEveryMs?: number;
  log?: (line: string) => void;
}

export interface RunningAgent {
  socket: Socket;
  transport: PrinterTransport;
  stop(): Promise<void>;
}

/** Trades the pairing code for the agent's own token, or reads the token saved last time. */
export async function agentToken(o: AgentOptions): Promise<string> {
  if (o.pairCode) {
    const res = await fetch(`${o.server.replace(/\/$/, '')}/api/devices/pair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: o.pairCode }),
    });
    const body = (await res.json().catch(() => null)) as {
      token?: string;
      device?: { kind: string; name: string };
      error?: { message: { en: string } };
    } | null;
    if (!res.ok || !body?.token) throw new Error(`pairing failed: ${body?.error?.message.en ?? res.status}`);
    if (body.device?.kind !== 'printer') throw new Error(`that pairing code is for a ${body.device?.kind}, not a printer`);
    await writeFile(o.tokenFile, JSON.stringify({ server: o.server, token: body.token }));
    await chmod(o.tokenFile, 0o600);
    return body.token;
  }
  try {
    return (JSON.parse(await readFile(o.tokenFile, 'utf8')) as { token: string }).token;
  } catch {
    throw new Error(`no saved token in ${o.tokenFile}: pair first with --pair <code> (an admin creates a "printer" device for the kiosk)`);
  }
}

/** Connects to the server and prints what it sends until stopped; reconnects by itself. */
export async function runAgent(o: AgentOptions): Promise<RunningAgent> {
  const log = o.log ?? ((l: string) => console.log(`[print-agent] ${l}`));
  const transport = openPrinter(parsePrinterUri(o.printer), { timeoutMs: 10000 });
  const token = await agentToken(o);
  const socket: Socket = connect(o.server, { auth: { token }, transports: ['websocket'], reconnectionDelayMax: 5000 });
  const report = async () => {
    try {
      const s = await transport.status();
      socket.emit('printer:status', { online: s.online, coverOpen: s.coverOpen, paperNearEnd: s.paperNearEnd, paperOut: s.paperOut, error: s.error });
    } catch (err) {
      socket.emit('printer:status', { online: false, error: (err as Error).message });
    }
  };
  socket.on('connect', () => {
    log(`connected to ${o.server}; printing to ${transport.uri}`);
    void report();
  });
  socket.on('disconnect', (reason) => {
    log(`disconnected (${reason}); reconnecting`);
    if (reason === 'io server disconnect') socket.connect();
  });
  socket.on('connect_error', (err) => log(`cannot connect: ${err.message}`));
  socket.on('print:job', async (job: { jobId: string; bytes: string }, ack: (r: { ok: boolean; error?: string }) => void) => {
    try {
      await transport.print(Buffer.from(job.bytes, 'base64'), { id: job.jobId });
      log(`printed ${job.jobId}`);
      ack({ ok: true });
    } catch (err) {
      log(`print ${job.jobId} failed: ${(err as Error).message}`);
      ack({ ok: false, error: (err as Error).message });
    }
    void report();
  });
  const timer = setInterval(() => void report(), o.statusEveryMs ?? 15000);
  return {
    socket,
    transport,
    async stop() {
      clearInterval(timer);
      socket.disconnect();
      await transport.close();
    },
  };
}

async function cli(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        server: { type: 'string' },
        pair: { type: 'string' },
        printer: { type: 'string', default: 'usb' },
        'token-file': { type: 'string', default: '.antre-print-agent.json' },
        'status-every': { type: 'string', default: '15' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.server) {
    console.error(`--server is required\n${USAGE}`);
    return 2;
  }
  try {
    const agent = await runAgent({
      server: values.server,
      pairCode: values.pair,
      printer: values.printer!,
      tokenFile: values['token-file']!,
      statusEveryMs: Number(values['status-every']) * 1000,
    });
    const stop = () => void agent.stop().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    return -1;
  } catch (err) {
    console.error(`print-agent: ${(err as Error).message}`);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  void cli(process.argv.slice(2)).then((code) => {
    if (code >= 0) process.exit(code);
  });
}
