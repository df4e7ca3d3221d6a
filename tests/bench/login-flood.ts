/**
 * The bench's hostile phone: a process of its own (another device on the hall Wi-Fi, not the
 * kiosk's own connection pool) that sends `count` log-ins with made-up names at once, from the
 * local address `from`, when told to. Reports how they were answered.
 * Usage (forked by bench.ts): login-flood.ts <url> <count> <from-address>
 */
import { request } from 'node:http';

const [url, countArg, from] = process.argv.slice(2);
const count = Number(countArg);

function login(i: number): Promise<number> {
  return new Promise((resolve) => {
    const body = JSON.stringify({ username: `palsu${i}`, password: 'tebakan' });
    const req = request(
      `${url}/api/auth/login`,
      { method: 'POST', localAddress: from, agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    // A connection the server closes at once is an answer too: refused before any work.
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

process.on('message', async (m: { type: string }) => {
  if (m.type !== 'go') return;
  const statuses = await Promise.all(Array.from({ length: count }, (_, i) => login(i)));
  const byStatus: Record<string, number> = {};
  for (const s of statuses) byStatus[s === 0 ? 'closed' : String(s)] = (byStatus[s === 0 ? 'closed' : String(s)] ?? 0) + 1;
  process.send!({ type: 'done', byStatus }, () => process.exit(0));
});
process.send!({ type: 'ready' });
