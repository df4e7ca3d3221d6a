import type { z } from 'zod';
import type { AccountabilityReport } from '../accountability.js';
import type { AlertHistory, AlertRecord, AlertsLive } from '../alert-records.js';
import type { BookingCatalog, BookingView, OutboxView, Slot } from '../booking.js';
import type { PublicCounter, PublicDevice, PublicUser, QueueInfo, ServiceDayState, Snapshot, StaffTicket, Ticket } from '../domain.js';
import type { PrinterStateView, PrintJobListItem } from '../events.js';
import type { AgencyDayState, DayPlan } from '../plan.js';
import type { AlertsResponse, Report, VenueRawResponse, VenueSaveResponse } from '../reports.js';
import type { IssuedTicket, PublicVenue } from '../responses.js';
import type { SkmBand } from '../skm.js';
import type { SurveyPublicSummary, SurveyResults, SurveyTicketState, SurveyVisit } from '../survey.js';
import type { TicketView } from '../domain.js';
import type { checkedInTicketAnswer, healthAnswer } from './responses.js';

/**
 * What each route answers, by route id: the typed client's return types. Types only (nothing
 * here exists at runtime), so a UI importing it pulls no zod into its bundle.
 */

export type Health = z.infer<typeof healthAnswer>;

/** A ticket's number registered for messages (the ticket page's form). */
export interface ContactState {
  available: boolean;
  registered: boolean;
  phone: string | null;
}

/** A device's one-time pairing code and the link its screen opens. */
export interface DevicePairing {
  device: PublicDevice;
  code: string;
  expiresAt: number;
  pairingUrl: string;
}

/** The answer to a new booking: the booking, its manage token and the QR code of its check-in code. */
export type BookingCreated = BookingView & { manageToken: string; qrSvg: string };
export type BookingWithQr = BookingView & { qrSvg: string };

/** A print job the spooler took (test print, reprint). */
export interface PrintJobAccepted {
  id: string;
  printerId: string;
  ticketId?: string;
  state: 'queued' | 'printing' | 'printed' | 'failed' | 'retrying';
  attempts: number;
  error?: string;
  submittedAt: number;
  updatedAt: number;
  reprints: number;
}

export interface PrinterList {
  printers: (PrinterStateView & { jobs: PrintJobListItem[] })[];
  virtual: { port: number } | null;
}

export interface VirtualPrintJob {
  id: string;
  receivedAt: number;
  text: string;
  bytes: number;
  previewUrl: string;
}

/** An officer's own survey figures; null below the minimum number of respondents. */
export interface SurveyMine {
  respondents: number;
  minimum: number;
  converted: number | null;
  band: SkmBand | null;
  elements: { code: string; nrr: number }[] | null;
}

export type CheckedInTicket = z.infer<typeof checkedInTicketAnswer>;

/** A counter command answers with the ticket it acted on; `status` with the counter as every screen sees it (as over the socket). */
export type CounterActionAnswer = StaffTicket | PublicCounter;

export interface ApiAnswers {
  health: Health;
  'venue.get': PublicVenue;
  'queues.list': { day: string; now: number; queues: QueueInfo[] };
  'counters.list': { counters: PublicCounter[] };
  'snapshot.get': Snapshot;
  'announcements.get': { announcements: string[] };
  'auth.login': { token: string; user: PublicUser };
  'auth.logout': undefined;
  'auth.me': { user?: PublicUser; device?: PublicDevice };
  'auth.deviceToken': { token: string; device: PublicDevice };
  'tickets.issue': IssuedTicket;
  'tickets.list': { day: string; tickets: StaffTicket[] };
  'tickets.get': TicketView & { url: string };
  'tickets.transfer': Ticket;
  'tickets.contact.get': ContactState;
  'tickets.contact.add': { registered: true; phone: string };
  'tickets.contact.remove': { registered: false; phone: null };
  'counters.action': CounterActionAnswer;
  'booking.services': BookingCatalog;
  'booking.slots': { serviceId: string; day: string; slots: Slot[] };
  'booking.challenge': { challenge: string; bits: number };
  'bookings.create': BookingCreated;
  'bookings.manage.get': BookingWithQr;
  'bookings.manage.cancel': BookingView;
  'bookings.manage.move': BookingView;
  'bookings.checkIn': CheckedInTicket;
  'messages.outbox': OutboxView;
  'messages.retry': { retried: true };
  'devices.create': DevicePairing;
  'devices.list': { devices: PublicDevice[] };
  'devices.pair': { token: string; device: PublicDevice };
  'devices.repair': DevicePairing;
  'devices.revoke': undefined;
  'users.list': { users: PublicUser[] };
  'users.create': PublicUser;
  'users.update': PublicUser;
  'services.status': ServiceDayState;
  'announcements.set': { announcements: string[] };
  'venue.raw': VenueRawResponse;
  'venue.save': VenueSaveResponse;
  'printers.list': PrinterList;
  'printers.test': PrintJobAccepted;
  'printers.jobs': { jobs: PrintJobListItem[] };
  'printJobs.preview': Blob;
  'printJobs.reprint': PrintJobAccepted;
  'printers.virtual.jobs': { jobs: VirtualPrintJob[] };
  'printers.virtual.preview': Blob;
  'alerts.now': AlertsResponse;
  'alerts.active': AlertsLive;
  'alerts.history': AlertHistory;
  'alerts.ack': AlertRecord;
  'reports.get': Report;
  'reports.csv': Blob;
  'plan.get': DayPlan;
  'agencies.day': AgencyDayState;
  'accountability.get': AccountabilityReport;
  'accountability.csv': Blob;
  'surveys.ticket': SurveyTicketState;
  'surveys.submit': { id: string; ticketId: string };
  'surveys.pending': { visits: SurveyVisit[] };
  'surveys.results': SurveyResults;
  'surveys.resultsCsv': Blob;
  'surveys.answersCsv': Blob;
  'surveys.mine': SurveyMine;
  'surveys.public': SurveyPublicSummary;
  'meta.openapi': Record<string, unknown>;
  'meta.docs': Blob;
}
