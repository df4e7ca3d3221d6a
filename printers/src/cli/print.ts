// CLI: print a sample ticket to any printer URI, e.g.
//   npx tsx printers/src/cli/print.ts --sample --to tcp://10.0.0.21:9100 --paper 80 --qr native
//   npx tsx printers/src/cli/print.ts --sample --to virtual --paper 58 --out /tmp/ticket.png
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { PaperWidth, QrMode } from '../types.js';
import { renderTicket } from '../layout/ticket.js';
import { sampleTicket } from '../sample.js';
import { openPrinter } from '../transport/open.js';
import { formatPrinterUri, parsePrinterUri } from '../transport/uri.js';
import { VirtualPrinter } from '../virtual/virtual-printer.js';

const USAGE =
  'usage: print --sample --to <uri> [--paper 58|80] [--qr native|raster] [--out preview.png] [--timeout ms]\n' +
  '  uri: tcp://host:9100 | usb | usb://04b8:0202 | serial:/dev/ttyUSB0?baud=9600 | file:./prints | virtual';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Runs the print CLI with the given arguments; returns the process exit code (so tests can call it directly). */
export async function main(argv: string[], io: CliIo = { out: console.log, err: console.error }): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        sample: { type: 'boolean', default: false },
        to: { type: 'string' },
        paper: { type: 'string', default: '80' },
        qr: { type: 'string', default: 'native' },
        out: { type: 'string' },
        timeout: { type: 'string', default: '10000' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (err) {
    io.err(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  if (!values.sample) return fail(io, 'only --sample is supported for now (real tickets are printed by the server)');
  if (!values.to) return fail(io, '--to <uri> is required');
  if (values.paper !== '58' && values.paper !== '80') return fail(io, `--paper must be 58 or 80, got "${values.paper}"`);
  if (values.qr !== 'native' && values.qr !== 'raster') return fail(io, `--qr must be native or raster, got "${values.qr}"`);
  const paper = Number(values.paper) as PaperWidth;
  const qr = values.qr as QrMode;
  const timeoutMs = Number(values.timeout);
  if (!(timeoutMs > 0)) return fail(io, `--timeout must be a positive number of ms, got "${values.timeout}"`);

  let spec;
  try {
    spec = parsePrinterUri(values.to);
  } catch (err) {
    return fail(io, (err as Error).message);
  }
  const bytes = renderTicket(sampleTicket({ issuedAt: Date.now() }), { paper, qr });

  const virtual = spec.kind === 'virtual' ? new VirtualPrinter({ paper }) : undefined;
  const virtualPort = virtual ? (await virtual.start()).port : undefined;
  const transport = openPrinter(spec, { timeoutMs, virtualPort });
  try {
    await transport.print(bytes, { id: 'sample' });
    io.out(`printed sample ticket (${bytes.length} bytes, ${paper} mm, QR ${qr}) to ${formatPrinterUri(spec)}`);
    if (virtual) {
      const job = virtual.jobs().at(-1);
      if (!job) return fail(io, 'the virtual printer received no job');
      const file = path.resolve(values.out ?? path.join(os.tmpdir(), `antre-ticket-${paper}.png`));
      await writeFile(file, job.png);
      io.out(`preview PNG written to ${file}`);
    } else {
      const status = await transport.status();
      io.out(
        `printer status: ${status.online ? 'online' : 'not online'}${status.paperNearEnd ? ', paper near end' : ''}${status.error ? ` (${status.error})` : ''}`,
      );
    }
    return 0;
  } catch (err) {
    return fail(io, `print failed: ${(err as Error).message}`);
  } finally {
    await transport.close();
    await virtual?.stop();
  }
}

function fail(io: CliIo, message: string): number {
  io.err(`error: ${message}`);
  return 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
