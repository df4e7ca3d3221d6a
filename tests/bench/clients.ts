import { io, type Socket } from 'socket.io-client';

/**
 * Child process: connects N real socket.io clients and reports, per event id, when the last
 * client received it (high-resolution wall clock, comparable across processes on one machine).
 * argv: url count event authJson
 */
const [url, countArg, event, authJson] = process.argv.slice(2) as [string, string, string, string];
const count = Number(countArg);
const auth = JSON.parse(authJson) as object;
const now = () => performance.timeOrigin + performance.now();
const arrivals = new Map<string, number[]>();
const sockets: Socket[] = [];
let connected = 0;

for (let i = 0; i < count; i++) {
  const s = io(url, { auth, transports: ['websocket'], forceNew: true, reconnection: false });
  s.on('connect', () => {
    connected++;
    if (connected === count) process.send!({ type: 'ready' });
  });
  s.on(event, (payload: { id?: string; ticketId?: string; k?: string }) => {
    const t = now();
    const key = String(payload.k ?? payload.id ?? payload.ticketId);
    const list = arrivals.get(key) ?? [];
    list.push(t);
    arrivals.set(key, list);
    if (list.length === count) {
      process.send!({ type: 'done', key, last: Math.max(...list) });
      arrivals.delete(key);
    }
  });
  s.on('connect_error', (e) => process.send!({ type: 'error', message: e.message }));
  sockets.push(s);
}

process.on('message', (m: { type: string }) => {
  if (m.type === 'stop') {
    sockets.forEach((s) => s.disconnect());
    process.exit(0);
  }
});
