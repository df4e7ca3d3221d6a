import { createServer } from 'node:http';
import { openSync, writeSync, fsyncSync, closeSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server } from 'socket.io';

/** The same machine's floor: a bare socket.io broadcast after one fsynced write, triggered by an HTTP POST. */
const dir = mkdtempSync(join(tmpdir(), 'antre-baseline-'));
const http = createServer((req, res) => {
  let body = '';
  req.on('data', (d) => (body += d));
  req.on('end', () => {
    const k = JSON.parse(body || '{}').k as string;
    const fd = openSync(join(dir, 'journal'), 'a');
    writeSync(fd, JSON.stringify({ k, at: Date.now() }) + '\n');
    fsyncSync(fd);
    closeSync(fd);
    io.emit('x', { k });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});
const io = new Server(http, { serveClient: false });
http.listen(0, '127.0.0.1', () => {
  const a = http.address();
  process.send!({ type: 'listening', port: typeof a === 'object' && a ? a.port : 0 });
});
