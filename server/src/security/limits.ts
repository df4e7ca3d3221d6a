/**
 * Every bound that keeps one client from hurting the others, in one place with its default.
 * Each can be set from the environment (`ANTRE_LIMIT_<NAME>`, e.g. ANTRE_LIMIT_SOCKET_EVENTS_PER_SECOND=40).
 */
export interface Limits {
  /** Events one socket may send per second (socket.io: snapshot requests, commands), and the burst above it. */
  socketEventsPerSecond: number;
  socketEventBurst: number;
  /** A socket that keeps sending after it was refused this many times in a row is disconnected. */
  socketRefusalsBeforeDisconnect: number;
  /** New TCP connections one address may open within the window; the rest are closed at accept (this machine and trusted proxies are not counted). */
  newConnectionsPerAddress: number;
  newConnectionWindowSeconds: number;
  /** Unauthenticated sockets (visitors' ticket pages) one address may hold open at once. */
  ticketSocketsPerAddress: number;
  /** Bytes waiting to go out to one socket before it is dropped as too slow (or not reading). */
  socketOutBufferBytes: number;
  /** Largest message a client may send over a socket. */
  socketMaxMessageBytes: number;
  /** Requests per second an address may make without a token (ticket pages, public boards), and the burst. */
  anonymousRequestsPerSecond: number;
  anonymousRequestBurst: number;
  /** Requests per second one staff session or device may make, and the burst. */
  principalRequestsPerSecond: number;
  principalRequestBurst: number;
  /** Tickets one kiosk may issue per minute (a person tapping; a burst cannot empty a quota). */
  kioskTicketsPerMinute: number;
  /** Log-in attempts: failures allowed per account and per address within the window, and all attempts per address. */
  loginFailuresPerAccount: number;
  loginAttemptsPerAddress: number;
  loginWindowSeconds: number;
  /** Password hashes computed at once, and how many log-ins may wait for one before more are refused (503). */
  hashConcurrency: number;
  hashQueue: number;
  /** Least time between two password hashes starting (ms): a flood's hashing takes at most about half a core. */
  hashPaceMs: number;
  /** Wrong pairing codes per address within the log-in window. */
  pairingFailuresPerAddress: number;
  /** A staff session unused this long ends (minutes). */
  sessionIdleMinutes: number;
  /** A device (kiosk, board, call button, print agent) unseen this long must be paired again (days). */
  deviceIdleDays: number;
  /** Heap used, as a share of the heap limit, above which anonymous work is refused (503) until it falls. */
  heapShedRatio: number;
  /** Event-loop delay (ms, p99 over the last second) above which anonymous work is refused. */
  loopDelayShedMs: number;
}

export const DEFAULT_LIMITS: Limits = {
  socketEventsPerSecond: 10,
  socketEventBurst: 30,
  socketRefusalsBeforeDisconnect: 50,
  newConnectionsPerAddress: 20,
  newConnectionWindowSeconds: 2,
  ticketSocketsPerAddress: 20,
  socketOutBufferBytes: 4 * 1024 * 1024,
  socketMaxMessageBytes: 16 * 1024,
  anonymousRequestsPerSecond: 20,
  anonymousRequestBurst: 60,
  principalRequestsPerSecond: 100,
  principalRequestBurst: 300,
  kioskTicketsPerMinute: 30,
  loginFailuresPerAccount: 5,
  loginAttemptsPerAddress: 20,
  loginWindowSeconds: 15 * 60,
  hashConcurrency: 1,
  hashQueue: 8,
  hashPaceMs: 400,
  pairingFailuresPerAddress: 10,
  sessionIdleMinutes: 12 * 60,
  deviceIdleDays: 30,
  heapShedRatio: 0.85,
  loopDelayShedMs: 1000,
};

const envName = (k: string) => `ANTRE_LIMIT_${k.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;

/** Limits from the environment over the defaults; a value that is not a positive number stops start-up with its name. */
export function limitsFromEnv(env: NodeJS.ProcessEnv): Limits {
  const out: Limits = { ...DEFAULT_LIMITS };
  for (const k of Object.keys(DEFAULT_LIMITS) as (keyof Limits)[]) {
    const raw = env[envName(k)];
    if (raw === undefined || raw === '') continue;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${envName(k)}: "${raw}" is not a positive number`);
    out[k] = n;
  }
  return out;
}

/** The environment variable that sets a limit (for the README and error messages). */
export function limitEnvName(k: keyof Limits): string {
  return envName(k);
}
