/**
 * The HTTP routes of the public API as plain data: id -> method and path. The UIs import this at
 * runtime (it carries no zod); the schemas, error codes and descriptions of each route live in
 * `./spec.ts`, which only the server and the OpenAPI generator import.
 */

/** Where version 1 is served. */
export const API_V1 = '/api/v1';

/** The unversioned paths of before v1: still answered, deprecated (see the README). */
export const API_LEGACY = '/api';

/** When the unversioned paths were declared deprecated, and the last day they answer. */
export const LEGACY_DEPRECATED_AT = '2026-12-01T00:00:00Z';
export const LEGACY_SUNSET_AT = '2027-06-30T23:59:59Z';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a route answers with: JSON (the default), a file, or nothing (204). */
export type AnswerFormat = 'json' | 'csv' | 'png' | 'html' | 'empty';

export interface RouteDef {
  readonly method: HttpMethod;
  /** Express path under the version prefix, `:name` for a parameter. */
  readonly path: string;
  readonly format?: AnswerFormat;
}

export const ROUTES = {
  // Public reads
  health: { method: 'GET', path: '/health' },
  'venue.get': { method: 'GET', path: '/venue' },
  'queues.list': { method: 'GET', path: '/queues' },
  'counters.list': { method: 'GET', path: '/counters' },
  'snapshot.get': { method: 'GET', path: '/snapshot' },
  'announcements.get': { method: 'GET', path: '/announcements' },
  // Sessions and device tokens
  'auth.login': { method: 'POST', path: '/auth/login' },
  'auth.logout': { method: 'POST', path: '/auth/logout', format: 'empty' },
  'auth.me': { method: 'GET', path: '/auth/me' },
  'auth.deviceToken': { method: 'POST', path: '/auth/device-token' },
  // Tickets
  'tickets.issue': { method: 'POST', path: '/tickets' },
  'tickets.list': { method: 'GET', path: '/tickets' },
  'tickets.get': { method: 'GET', path: '/tickets/:id' },
  'tickets.transfer': { method: 'POST', path: '/tickets/:id/transfer' },
  'tickets.contact.get': { method: 'GET', path: '/tickets/:id/contact' },
  'tickets.contact.add': { method: 'POST', path: '/tickets/:id/contact' },
  'tickets.contact.remove': { method: 'DELETE', path: '/tickets/:id/contact' },
  // Counters
  'counters.action': { method: 'POST', path: '/counters/:counterId/:action' },
  // Bookings
  'booking.services': { method: 'GET', path: '/booking/services' },
  'booking.slots': { method: 'GET', path: '/booking/slots' },
  'booking.challenge': { method: 'GET', path: '/booking/challenge' },
  'bookings.create': { method: 'POST', path: '/bookings' },
  'bookings.manage.get': { method: 'GET', path: '/bookings/manage/:token' },
  'bookings.manage.cancel': { method: 'POST', path: '/bookings/manage/:token/cancel' },
  'bookings.manage.move': { method: 'POST', path: '/bookings/manage/:token/move' },
  'bookings.checkIn': { method: 'POST', path: '/bookings/check-in' },
  // Messages to visitors
  'messages.outbox': { method: 'GET', path: '/messages/outbox' },
  'messages.retry': { method: 'POST', path: '/messages/:id/retry' },
  // Devices, staff, services, board text
  'devices.create': { method: 'POST', path: '/devices' },
  'devices.list': { method: 'GET', path: '/devices' },
  'devices.pair': { method: 'POST', path: '/devices/pair' },
  'devices.repair': { method: 'POST', path: '/devices/:id/pairing' },
  'devices.revoke': { method: 'DELETE', path: '/devices/:id', format: 'empty' },
  'users.list': { method: 'GET', path: '/users' },
  'users.create': { method: 'POST', path: '/users' },
  'users.update': { method: 'PATCH', path: '/users/:id' },
  'services.status': { method: 'POST', path: '/services/:id/status' },
  'announcements.set': { method: 'PUT', path: '/announcements' },
  // Venue editing
  'venue.raw': { method: 'GET', path: '/venue/raw' },
  'venue.save': { method: 'PUT', path: '/venue' },
  // Printers
  'printers.list': { method: 'GET', path: '/printers' },
  'printers.test': { method: 'POST', path: '/printers/:id/test' },
  'printers.jobs': { method: 'GET', path: '/printers/:id/jobs' },
  'printJobs.preview': { method: 'GET', path: '/print-jobs/:jobId/preview.png', format: 'png' },
  'printJobs.reprint': { method: 'POST', path: '/print-jobs/:jobId/reprint' },
  'printers.virtual.jobs': { method: 'GET', path: '/printers/virtual/jobs' },
  'printers.virtual.preview': { method: 'GET', path: '/printers/virtual/jobs/:id.png', format: 'png' },
  // Supervision and reports
  'alerts.now': { method: 'GET', path: '/alerts' },
  'alerts.active': { method: 'GET', path: '/alerts/active' },
  'alerts.history': { method: 'GET', path: '/alerts/history' },
  'alerts.ack': { method: 'POST', path: '/alerts/:id/ack' },
  'reports.get': { method: 'GET', path: '/reports' },
  'reports.csv': { method: 'GET', path: '/reports.csv', format: 'csv' },
  'plan.get': { method: 'GET', path: '/plan' },
  'agencies.day': { method: 'POST', path: '/agencies/:id/day' },
  'accountability.get': { method: 'GET', path: '/accountability' },
  'accountability.csv': { method: 'GET', path: '/accountability.csv', format: 'csv' },
  // Surveys (SKM)
  'surveys.ticket': { method: 'GET', path: '/surveys/ticket/:id' },
  'surveys.submit': { method: 'POST', path: '/surveys' },
  'surveys.pending': { method: 'GET', path: '/surveys/pending' },
  'surveys.results': { method: 'GET', path: '/surveys/results' },
  'surveys.resultsCsv': { method: 'GET', path: '/surveys/results.csv', format: 'csv' },
  'surveys.answersCsv': { method: 'GET', path: '/surveys/answers.csv', format: 'csv' },
  'surveys.mine': { method: 'GET', path: '/surveys/mine' },
  'surveys.public': { method: 'GET', path: '/surveys/public' },
  // This description
  'meta.openapi': { method: 'GET', path: '/openapi.json' },
  'meta.docs': { method: 'GET', path: '/docs', format: 'html' },
} as const satisfies Record<string, RouteDef>;

export type RouteId = keyof typeof ROUTES;

export const ROUTE_IDS = Object.keys(ROUTES) as RouteId[];

/** The path parameter names of a path, as a type: '/a/:id/:x' -> 'id' | 'x'. */
export type PathParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? StripSuffix<Name> | PathParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? StripSuffix<Name>
    : never;
type StripSuffix<N extends string> = N extends `${infer Base}.${string}` ? Base : N;

/** A route's path with its parameters filled in (each encoded). */
export function fillPath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(v);
  });
}
