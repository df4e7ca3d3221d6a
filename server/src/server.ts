import { createServer, type Server as HttpServer } from 'node:http';
import { admitConnections } from './security/admission.js';
import { existsSync, mkdirSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import type { Duplex } from 'node:stream';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino, type Logger } from 'pino';
import type { Venue } from './contract/venue.js';
import { AntreError } from './contract/errors.js';
import { AuthService } from './auth/auth-service.js';
import { newId, passwordIterations, PBKDF2_ITERATIONS } from './auth/secrets.js';
import type { AppContext } from './context.js';
import { PrintService, validatePrinters } from './printing/print-service.js';
import { createApp } from './http/app.js';
import { savedVenuePath } from './http/routes/venue-admin.js';
import { QueueService } from './queue/queue-service.js';
import { DayTicker } from './queue/day-ticker.js';
import { AlertMonitor } from './reports/alert-monitor.js';
import { AlertStore } from './store/alert-store.js';
import { attachRealtime } from './realtime/io.js';
import type { AntreServer } from './realtime/socket-types.js';
import type { Notifier } from './realtime/notifier.js';
import { BoardStore } from './store/board-store.js';
import { StaffStore } from './store/staff-store.js';
import { DEFAULT_LIMITS, type Limits } from './security/limits.js';
import { OverloadGuard } from './security/guard.js';
import { SurveyStore } from './store/survey-store.js';
import { SurveyService } from './survey/survey-service.js';
import { attachSurveyPush } from './realtime/survey-push.js';
import { DEFAULT_VENUE_PATH, loadVenueFile, VenueError } from './venue/load-venue.js';
import { Messaging, type MessagingOptions } from './messaging/messaging.js';
import { BookingService } from './booking/booking-service.js';
import { loadMessagingConfig, messagingConfig, type MessagingConfig } from './messaging/registry.js';
import { HubLink } from './hub/link.js';
import type { HubSettings } from './hub/settings.js';

export interface StartOptions {
  port?: number;
  host?: string;
  dataDir?: string;
  venuePath?: string;
  venue?: Venue;
  adminPassword?: string;
  publicUrl?: string;
  clock?: () => number;
  demo?: boolean;
  ignoreHours?: boolean;
  log?: Logger;
  /** Folder holding kiosk-ui/, display-ui/ and counter-ui/ builds (each with dist/). */
  uiRoot?: string;
  compactEvery?: number;
  /** Printer URI for every kiosk instead of the venue file's (ANTRE_PRINTER). */
  printerOverride?: string;
  /** Print retry pacing and per-attempt timeout (tests shorten them). */
  printRetryDelayMs?: number;
  printTimeoutMs?: number;
  /** Per-client bounds over the defaults (ANTRE_LIMIT_*). */
  limits?: Partial<Limits>;
  /** Which proxies' X-Forwarded-For to believe (express's 'trust proxy'); none by default. */
  trustProxy?: string | false;
  /** Message channels to visitors: the settings, or the path of their JSON file (ANTRE_MESSAGING). */
  messaging?: MessagingConfig | string;
  /** Outbox pacing (tests). */
  outbox?: MessagingOptions['outbox'];
  /** The hub this building reports to (ANTRE_HUB_*); absent: the site runs alone. */
  hub?: HubSettings | null;
}

export interface RunningServer {
  ctx: AppContext;
  http: HttpServer;
  io: AntreServer;
  notifier: Notifier;
  /** What time alone changes (scheduled breaks, alerts); tests call tick() after moving the clock. */
  ticker: DayTicker;
  port: number;
  url: string;
  adminPassword: string | null;
  close(): Promise<void>;
}

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Starts the whole server: venue, stores, queue, HTTP API, sockets. */
export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  const log = opts.log ?? pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const fileVenue = opts.venue ?? loadVenueFile(opts.venuePath ?? DEFAULT_VENUE_PATH);
  const dataDir = resolve(opts.dataDir ?? './data', fileVenue.id);
  // An admin's saved edit of this venue wins over the file it started from.
  const saved = savedVenuePath(dataDir);
  const venue = existsSync(saved) ? loadVenueFile(saved) : fileVenue;
  if (venue.id !== fileVenue.id) throw new VenueError(saved, [`id: "${venue.id}" does not match the venue "${fileVenue.id}" whose folder holds it`]);
  if (venue !== fileVenue) log.info({ path: saved }, 'venue: using the copy saved by the admin editor');
  validatePrinters(venue, opts.printerOverride);
  if (passwordIterations() !== PBKDF2_ITERATIONS)
    log.warn({ iterations: passwordIterations() }, 'passwords: the cheap hash of a test setting (ANTRE_TEST_PASSWORD_ITERATIONS); never in the building');
  mkdirSync(dataDir, { recursive: true });
  const queue = await QueueService.open({
    venue,
    daysDir: join(dataDir, 'days'),
    clock: opts.clock,
    newId: () => newId(12),
    ignoreHours: opts.ignoreHours,
    openCountersOnNewDay: opts.demo,
    compactEvery: opts.compactEvery,
    onError: (err, what) => log.error({ err }, what),
    onNotice: (message) => log.warn(message),
  });
  const staff = new StaffStore(dataDir);
  await staff.load();
  const limits: Limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const auth = new AuthService(staff, limits);
  const boot = await auth.bootstrap(opts.adminPassword, queue.clock());
  const board = new BoardStore(dataDir, () => queue.venue.announcements);
  await board.load();
  const surveyStore = new SurveyStore(dataDir, (message) => log.warn(message));
  surveyStore.load();
  const surveys = new SurveyService(queue, surveyStore);
  const uiRoot = opts.uiRoot ?? REPO_ROOT;
  const ctx: AppContext = {
    queue,
    auth,
    board,
    surveys,
    log,
    publicUrl: opts.publicUrl ?? '',
    demo: !!opts.demo,
    startedAt: queue.clock(),
    limits,
    guard: new OverloadGuard(limits),
    trustProxy: opts.trustProxy ?? false,
    ui: { kiosk: join(uiRoot, 'kiosk-ui/dist'), display: join(uiRoot, 'display-ui/dist'), counter: join(uiRoot, 'counter-ui/dist') },
  };
  const msgConfig = typeof opts.messaging === 'string' ? loadMessagingConfig(opts.messaging) : messagingConfig.parse(opts.messaging ?? {});
  let notifier: Notifier | null = null;
  const app = createApp(ctx, () => notifier);
  const http = createServer(app);
  http.on('clientError', refuseUnreadable);
  const trustFn = app.get('trust proxy fn') as (address: string, hop: number) => boolean;
  admitConnections(
    http,
    limits,
    (address) => ctx.trustProxy !== false && trustFn(address, 0),
    (address) => log.warn({ address }, 'too many new connections from one address: closed at accept'),
  );
  const rt = attachRealtime(http, ctx);
  notifier = rt.notifier;
  attachSurveyPush(rt.io, ctx, surveys);
  // After the realtime notifier: the hall hears a call before any message about it is queued.
  ctx.messaging = await Messaging.open({ config: msgConfig, dataDir, queue, log, outbox: opts.outbox });
  const bookings = new BookingService(dataDir, queue, () => ctx.publicUrl, log, ctx.messaging);
  await bookings.load();
  ctx.bookings = bookings;
  // Reminders the day before and numbers past their retention: looked at every ten minutes.
  const housekeeping = setInterval(
    () => void bookings.housekeeping(queue.clock()).catch((err: unknown) => log.error({ err }, 'booking housekeeping')),
    600_000,
  );
  housekeeping.unref();
  const port = await new Promise<number>((res, rej) => {
    http.once('error', rej);
    http.listen(opts.port ?? 3000, opts.host ?? '0.0.0.0', () => {
      const a = http.address();
      res(typeof a === 'object' && a ? a.port : 0);
    });
  });
  if (!ctx.publicUrl) ctx.publicUrl = `http://${lanAddress()}:${port}`;
  const printer = new PrintService(ctx, { override: opts.printerOverride, retryDelayMs: opts.printRetryDelayMs, timeoutMs: opts.printTimeoutMs });
  await printer.start(rt.io);
  ctx.printer = printer;
  ctx.printing = printer;
  rt.notifier.onPrinterStatus((deviceId, s) => {
    const dev = auth.devices(queue.clock()).find((d) => d.id === deviceId);
    if (dev?.ref) printer.agentStatus(dev.ref, s);
  });
  const alerts = new AlertMonitor(ctx, new AlertStore(dataDir), () => rt.io);
  await alerts.start();
  ctx.alerts = alerts;
  const ticker = new DayTicker(queue, (err, what) => log.error({ err }, what));
  ticker.add((now) => alerts.evaluate(now));
  ticker.add((now) => auth.keepLastSeen(now));
  ctx.ticker = ticker;
  ticker.start();
  // Last: the feed reconciles against every store opened above before the first change can reach it.
  if (opts.hub) {
    const hub = new HubLink(ctx, opts.hub, () => notifier);
    await hub.start();
    ctx.hub = hub;
  }
  let closed = false;
  return {
    ctx,
    http,
    io: rt.io,
    notifier: rt.notifier,
    ticker,
    port,
    url: `http://127.0.0.1:${port}`,
    adminPassword: boot.password,
    async close() {
      if (closed) return;
      closed = true;
      rt.io.emit('server:restarting');
      ticker.stop();
      alerts.stop();
      await ticker.idle();
      await queue.close();
      await surveyStore.close();
      // After the queue: every change it announced is in the feed's journal before it closes.
      await ctx.hub?.close();
      clearInterval(housekeeping);
      await ctx.messaging?.close();
      rt.notifier.close();
      await printer.close();
      ctx.guard.close();
      // Close transports rather than disconnecting sockets: clients then reconnect by themselves.
      rt.io.engine.close();
      http.closeAllConnections?.();
      await new Promise<void>((r) => http.close(() => r()));
    },
  };
}

/**
 * Requests Node's HTTP parser refuses before express sees them (headers over 16 kB, a
 * malformed request line) still get the bilingual error body every other refusal has.
 */
function refuseUnreadable(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const e = new AntreError(err.code === 'HPE_HEADER_OVERFLOW' ? 'HEADERS_TOO_LARGE' : 'BAD_REQUEST');
  const body = JSON.stringify(e.toBody());
  const reason = e.status === 431 ? 'Request Header Fields Too Large' : 'Bad Request';
  socket.end(
    `HTTP/1.1 ${e.status} ${reason}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

/** The machine's first LAN IPv4 address, for the QR a visitor's phone opens. */
export function lanAddress(): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '127.0.0.1';
}
