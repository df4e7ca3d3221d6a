// A hostile visitor's phone, as its own process: connects as a ticket page and fires snapshot
// requests as fast as it can. Prints one JSON line with what came back, then exits.
import { io } from 'socket.io-client';

const [url, ticketId, countArg] = process.argv.slice(2);
const count = Number(countArg);
const s = io(url!, { auth: { ticketId }, transports: ['websocket'], reconnection: false, forceNew: true });
let answered = 0;
let refused = 0;
const done = (how: string) => {
  process.stdout.write(`${JSON.stringify({ how, answered, refused })}\n`);
  process.exit(0);
};
s.on('connect', () => {
  for (let i = 0; i < count; i++) {
    s.emit('snapshot:request', (r: { ok: boolean; error?: { code: string } }) => {
      if (r.ok) answered++;
      else if (r.error?.code === 'TOO_MANY_REQUESTS') refused++;
    });
  }
});
s.on('disconnect', () => done('dropped'));
s.on('connect_error', () => done('refused'));
setTimeout(() => done('timeout'), 20000);
