import type { Logger } from 'pino';
import type { Limits } from './security/limits.js';
import type { OverloadGuard } from './security/guard.js';
import type { AuthService } from './auth/auth-service.js';
import type { QueueService } from './queue/queue-service.js';
import type { BoardStore } from './store/board-store.js';
import type { PrintService } from './printing/print-service.js';
import type { TicketPrinter } from './printing/ticket-printer.js';
import type { SurveyService } from './survey/survey-service.js';
import type { Messaging } from './messaging/messaging.js';
import type { BookingService } from './booking/booking-service.js';
import type { DayTicker } from './queue/day-ticker.js';
import type { AlertMonitor } from './reports/alert-monitor.js';
import type { HubLinkStatus } from './contract/hub.js';
import type { HubSettings } from './hub/settings.js';

export type { PrintOutcome } from './contract/responses.js';
export type { TicketPrinter } from './printing/ticket-printer.js';

/**
 * What the rest of the server reads of the link to the hub. The link itself (hub/link.ts) is
 * handed this context, so the context names only what it reads of it: no import circle.
 */
export interface HubLinkView {
  readonly settings: HubSettings;
  status(): HubLinkStatus;
  close(): Promise<void>;
}

/** Everything a door needs, handed in (no module-level singletons). */
export interface AppContext {
  queue: QueueService;
  auth: AuthService;
  board: BoardStore;
  log: Logger;
  /** Base URL of the visitor's ticket page, e.g. http://192.168.1.10:3000 */
  publicUrl: string;
  printer?: TicketPrinter;
  printing?: PrintService;
  /** The SKM survey (visitor satisfaction): answers and results. */
  surveys?: SurveyService;
  /** Folders of the built UIs, served when present. */
  ui?: { kiosk?: string; display?: string; counter?: string };
  demo: boolean;
  /** Every per-client bound (security/limits.ts). */
  limits: Limits;
  /** The process's own load: anonymous work is refused while it is past its bounds. */
  guard: OverloadGuard;
  /** Proxies whose X-Forwarded-For is believed (express 'trust proxy'); false: the socket's own address. */
  trustProxy: string | false;
  /** Messages to visitors (WhatsApp, SMS); absent in tests that do not need them. */
  messaging?: Messaging;
  /** Online bookings and check-in. */
  bookings?: BookingService;
  startedAt: number;
  ticker?: DayTicker;
  alerts?: AlertMonitor;
  /** The link to the hub of many buildings, when ANTRE_HUB_URL is set. */
  hub?: HubLinkView;
}
