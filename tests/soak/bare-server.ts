/**
 * Child process: the simplest correct server for the soak's comparison. It answers the load's
 * requests (tickets, call-next, recall, start, finish) with one fdatasynced append each and no
 * engine or store, and sends each call and recall as one broadcast to the rooms of the boards
 * that must hear it, over socket.io as Antre does. The parent sends the boards' tokens and rooms
 * and each counter's rooms, then gets the port.
 */
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server } from 'socket.io';

export interface BareSetup {
  /** Board token -> the one room it joins. */
  boards: Record<string, string>;
  /** Counter id -> its floor and the rooms that hear its calls. */
  counters: Record<string, { floor: number; rooms: string[] }>;
}

const dir = mkdtempSync(join(tmpdir(), 'antre-soak-bare-'));
const fd = openSync(join(dir, 'journal'), 'a');
let seq = 0;
let rev = 0;

/** One record on disk before the answer, as Antre's journal does (without its group commit). */
function append(record: object): void {
  writeSync(fd, JSON.stringify({ ...record, at: Date.now() }) + '\n');
  fdatasyncSync(fd);
}

process.once('message', (setup: BareSetup) => {
  const current = new Map<string, { id: string; number: string; recalls: number }>();
  const http = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const answer = (status: number, body: object) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      const url = req.url ?? '';
      if (req.method === 'POST' && url === '/api/tickets') {
        const id = `bare-${++seq}`;
        append({ t: 'ticket', id });
        return answer(201, { id, number: `B-${seq}` });
      }
      const m = /^\/api\/counters\/([^/]+)\/([a-z-]+)$/.exec(url);
      const counter = m && setup.counters[m[1]!];
      if (req.method !== 'POST' || !m || !counter) return answer(404, { error: { code: 'NOT_FOUND' } });
      const [, counterId, action] = m as unknown as [string, string, string];
      append({ t: action, counterId });
      if (action === 'call-next' || action === 'recall') {
        let c = current.get(counterId);
        if (action === 'call-next' || !c) current.set(counterId, (c = { id: `bare-${++seq}`, number: `B-${seq}`, recalls: 0 }));
        else c.recalls++;
        io.to(counter.rooms).emit('call', {
          id: `${c.id}:${c.recalls}`,
          ticketId: c.id,
          number: c.number,
          counterId,
          floor: counter.floor,
          recall: c.recalls,
          at: Date.now(),
          rev: ++rev,
        });
        return answer(200, { id: c.id, number: c.number, recalls: c.recalls });
      }
      return answer(200, {});
    });
  });
  const io = new Server(http, { serveClient: false });
  io.use((socket, next) => {
    const room = setup.boards[String((socket.handshake.auth as { token?: string }).token)];
    if (!room) return next(new Error('unknown board'));
    void socket.join(room);
    next();
  });
  http.listen(0, '127.0.0.1', () => {
    const a = http.address();
    process.send!({ port: typeof a === 'object' && a ? a.port : 0 });
  });
});

const stop = () => {
  closeSync(fd);
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('disconnect', stop);
