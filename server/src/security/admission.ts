import type { Server as HttpServer } from 'node:http';
import type { Socket } from 'node:net';
import { networkInterfaces } from 'node:os';
import { budget, take } from './guard.js';
import type { Limits } from './limits.js';

/** This machine's own addresses (loopback and its interfaces): the print agent, the operator's tools and the tests run here. */
function ownAddresses(): Set<string> {
  const own = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
  for (const list of Object.values(networkInterfaces()))
    for (const a of list ?? []) {
      own.add(a.address);
      if (a.family === 'IPv4') own.add(`::ffff:${a.address}`);
    }
  return own;
}

/**
 * Connection admission: new TCP connections per address within a window, decided at accept,
 * before a byte of the request is read. A phone that opens hundreds of connections at once
 * (a log-in or page flood) has all but its budget closed for a few microseconds each, instead of
 * each request being parsed, routed and refused while kiosks wait behind them. Browsers reuse up
 * to six keep-alive connections per server, so no screen comes near the budget.
 * This machine and the proxies named in ANTRE_TRUST_PROXY (whose own clients are limited by the
 * per-request budgets on the forwarded address) are not counted.
 */
export function admitConnections(
  http: HttpServer,
  limits: Pick<Limits, 'newConnectionsPerAddress' | 'newConnectionWindowSeconds'>,
  trusted: (address: string) => boolean,
  onRefused: (address: string) => void,
): void {
  const limiter = budget(limits.newConnectionsPerAddress, limits.newConnectionWindowSeconds, 'conn');
  const noted = new Set<string>();
  const own = ownAddresses();
  http.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress;
    if (!address || own.has(address) || trusted(address)) return;
    // Nothing is read until the budget answers (it answers within the same turn).
    socket.pause();
    take(limiter, address).then(
      (wait) => {
        if (wait === 0) {
          socket.resume();
          return;
        }
        socket.destroy();
        // Once per address and window in the log, not once per connection.
        if (!noted.has(address)) {
          noted.add(address);
          setTimeout(() => noted.delete(address), limits.newConnectionWindowSeconds * 1000).unref();
          onRefused(address);
        }
      },
      () => socket.resume(),
    );
  });
}
