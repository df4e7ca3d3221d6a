import { z } from 'zod';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM (24 h), e.g. "08:00"');
/** A closing time may be 24:00: open until the end of the day. */
const hhmmClose = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be a time HH:MM (24 h, or 24:00 for the end of the day), e.g. "15:00"');
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,47}$/, 'must be lower-case letters, digits and dashes (max 48)');

export const breakSchema = z.strictObject({ start: hhmm, end: hhmm, reason: z.string().max(80).optional() });

export const dayHoursSchema = z
  .strictObject({
    open: hhmm,
    close: hhmmClose,
    /** Last moment a ticket can be taken; defaults to close. */
    lastTicket: hhmmClose.optional(),
    breaks: z.array(breakSchema).max(4).default([]),
  })
  .refine((h) => h.open < h.close, { message: 'open must be before close' })
  .refine((h) => !h.lastTicket || (h.lastTicket > h.open && h.lastTicket <= h.close), {
    message: 'lastTicket must lie between open and close',
  });

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A week of opening hours; a missing or null day is closed. */
export const weeklyHoursSchema = z.strictObject({
  mon: dayHoursSchema.nullable().optional(),
  tue: dayHoursSchema.nullable().optional(),
  wed: dayHoursSchema.nullable().optional(),
  thu: dayHoursSchema.nullable().optional(),
  fri: dayHoursSchema.nullable().optional(),
  sat: dayHoursSchema.nullable().optional(),
  sun: dayHoursSchema.nullable().optional(),
});

export const floorSchema = z.strictObject({
  number: z.number().int().min(-5).max(50),
  name: z.string().min(1).max(60),
  nameEn: z.string().min(1).max(60).optional(),
});

/** One counter of an agency's weekly roster: the days it is staffed and its usual officer. */
export const rosterEntrySchema = z.strictObject({
  counterId: slug,
  /** Weekdays the counter is staffed; the agency's open days when left out. */
  days: z.array(z.enum(WEEKDAYS)).max(7).optional(),
  /** Username of the officer who usually sits there (for the plan and the accountability record). */
  officer: z.string().max(64).optional(),
  /** Staffed from this time instead of opening time (a counter that starts later). */
  from: hhmm.optional(),
});

export const agencySchema = z.strictObject({
  id: slug,
  name: z.string().min(1).max(120),
  shortName: z.string().min(1).max(40),
  nameEn: z.string().max(120).optional(),
  floor: z.number().int(),
  icon: z.string().max(40).default('building'),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1f6feb')
    .default('#1f6feb'),
  hours: weeklyHoursSchema.optional(),
  description: z.string().max(400).optional(),
  descriptionEn: z.string().max(400).optional(),
  /** Facts no public source confirmed: shown to admins as "to confirm with the gerai". */
  toConfirm: z.array(z.string().max(200)).max(20).default([]),
  /**
   * The agency's weekly roster. Without one, nothing is planned: its counters serve only once an
   * officer opens them (and a ticket needs an open counter), as before rosters existed.
   */
  roster: z.array(rosterEntrySchema).max(100).optional(),
  /** Keep serving through the building's breaks (officers take turns): counters are not paused. */
  serveThroughBreaks: z.boolean().default(false),
  /** Keep issuing tickets during a break (estimates include the break); false stops the kiosk until it ends. */
  ticketsDuringBreaks: z.boolean().default(true),
});

/** Online booking of one service: its share of the day's quota and how the day is cut into slots. */
export const serviceBookingSchema = z.strictObject({
  /** Share of the daily quota (or of the slots' capacity) reserved for online bookings, e.g. 0.5. */
  onlineShare: z.number().min(0).max(1),
  slotMinutes: z.number().int().min(5).max(240).default(30),
  /** Visitors per slot in all (online and walk-in); default: counters x slotMinutes / targetMinutes. */
  capacityPerSlot: z.number().int().min(1).max(500).optional(),
});

export const serviceSchema = z.strictObject({
  id: slug,
  agencyId: slug,
  name: z.string().min(1).max(120),
  nameEn: z.string().max(120).optional(),
  prefix: z.string().regex(/^[A-Z]{1,2}$/, 'must be one or two capital letters'),
  hours: weeklyHoursSchema.optional(),
  dailyQuota: z.number().int().positive().max(10000).nullable().default(null),
  requirements: z.array(z.string().min(1).max(200)).max(20).default([]),
  requirementsEn: z.array(z.string().min(1).max(200)).max(20).optional(),
  fee: z.string().min(1).max(200),
  feeEn: z.string().max(200).optional(),
  /** Target minutes at the counter; also the estimate before any service time is measured. */
  targetMinutes: z.number().positive().max(480),
  /** Target wait, for the supervisor's "waited too long" alert. */
  targetWaitMinutes: z.number().positive().max(600).default(30),
  /** Absent: the service takes no online bookings. */
  booking: serviceBookingSchema.optional(),
  processingTime: z.string().max(200).optional(),
  processingTimeEn: z.string().max(200).optional(),
  note: z.string().max(400).optional(),
  noteEn: z.string().max(400).optional(),
  toConfirm: z.array(z.string().max(200)).max(20).default([]),
});

export const counterSchema = z.strictObject({
  id: slug,
  name: z.string().min(1).max(40),
  /** How the call is spoken: "loket tiga". Defaults to the name. */
  spokenName: z.string().max(60).optional(),
  floor: z.number().int(),
  agencyId: slug,
  /** Services served here, in the order the counter takes them. */
  serviceIds: z.array(slug).min(1).max(30),
  waitingArea: z.string().max(120).optional(),
});

/** A part of a floor with its own hall board (e.g. the Dukcapil wing): chosen when a display is paired. */
export const zoneSchema = z.strictObject({
  id: slug,
  name: z.string().min(1).max(60),
  nameEn: z.string().max(60).optional(),
  floor: z.number().int(),
  counterIds: z.array(slug).min(1).max(100),
});

export const kioskSchema = z.strictObject({
  id: slug,
  name: z.string().min(1).max(60),
  floor: z.number().int(),
  /** Printer URI: tcp://host:9100, usb://vid:pid, serial:/dev/ttyUSB0?baud=9600, file:./prints, virtual, none. */
  printer: z.string().min(1).max(200).default('virtual'),
  paper: z.union([z.literal(58), z.literal(80)]).default(80),
  qr: z.enum(['native', 'raster']).default('native'),
});

export const messageSettingsSchema = z.strictObject({
  /** "N lagi sebelum Anda" is sent once, when this many visitors are left ahead. */
  almostTurnAhead: z.number().int().min(1).max(20).default(3),
  /** A visitor's number is deleted this many days after the visit (UU 27/2022: kept only while needed). */
  keepNumbersDays: z.number().int().min(0).max(90).default(7),
  /** Survey link sent after the visit ({ticket} is replaced by the ticket id); none: no survey message. */
  surveyUrl: z
    .string()
    .max(300)
    .regex(/^https?:\/\//, 'must start with http:// or https://')
    .optional(),
});

export type MessageSettings = z.infer<typeof messageSettingsSchema>;

export const bookingSettingsSchema = z.strictObject({
  /** Bookings open this many days ahead (today included). */
  openDaysAhead: z.number().int().min(1).max(90).default(7),
  /** Check-in at the kiosk opens this many minutes before the slot... */
  checkInBeforeMinutes: z.number().int().min(0).max(240).default(30),
  /** ...and closes this many minutes after its start; later, the visitor takes a walk-in ticket. */
  checkInAfterMinutes: z.number().int().min(0).max(240).default(15),
  /** Booked visitors (at or past their slot) called per walk-in while both wait (2 = B B W B B W). */
  bookedRatio: z.number().int().min(1).max(10).default(2),
  /** Bookings one address may make per hour. */
  perAddressPerHour: z.number().int().min(1).max(1000).default(10),
  /** Proof-of-work bits of the bot check (16: about a second on a cheap phone). */
  botCheckBits: z.number().int().min(0).max(24).default(16),
});
export type BookingSettings = z.infer<typeof bookingSettingsSchema>;

/** A venue's booking settings with the defaults filled in. */
export function bookingSettings(settings: { booking?: BookingSettings }): BookingSettings {
  return settings.booking ?? { openDaysAhead: 7, checkInBeforeMinutes: 30, checkInAfterMinutes: 15, bookedRatio: 2, perAddressPerHour: 10, botCheckBits: 16 };
}

/** A venue's message settings with the defaults filled in. */
export function messageSettings(settings: { messages?: MessageSettings }): MessageSettings {
  return settings.messages ?? { almostTurnAhead: 3, keepNumbersDays: 7 };
}

export const settingsSchema = z.strictObject({
  /** Priority visitors called per regular visitor while both wait (2 = P P R P P R). */
  priorityRatio: z.number().int().min(1).max(10).default(2),
  /** Recalls allowed after the first call; the next recall marks the ticket no-show. */
  maxRecalls: z.number().int().min(0).max(10).default(2),
  /** Supervisor alert: visitors wait and no call for this many minutes. */
  idleAlertMinutes: z.number().int().min(1).max(240).default(15),
  /** Alert: a counter still on a break this many minutes after its announced return. */
  breakOverrunMinutes: z.number().int().min(1).max(240).default(10),
  /** Alert: a planned counter still closed this many minutes after its planned start. */
  lateOpenMinutes: z.number().int().min(1).max(240).default(15),
  /** Alert: a visitor called this many minutes ago and not yet started. */
  calledNotStartedMinutes: z.number().int().min(1).max(240).default(10),
  /** Alert: a priority visitor (lansia, disabilitas, ibu hamil) waiting this long. */
  priorityWaitMinutes: z.number().int().min(1).max(240).default(15),
  /** Alert: a printer, kiosk or board offline this long. */
  deviceOfflineMinutes: z.number().int().min(1).max(240).default(3),
  /** Alert: a service's quota has this share (0..1) or less left while its tickets still go out. */
  quotaLowShare: z.number().min(0).max(1).default(0.1),
  /** How often the server evaluates breaks and alerts, in seconds. */
  alertEvalSeconds: z.number().int().min(1).max(60).default(5),
  /** The service's target time counts as this many visits in the estimate, so a few quick ones do not replace it. */
  estimatePriorWeight: z.number().min(0).max(100).default(5),
  /** Recent service times in the rolling mean of the estimate. */
  estimateWindow: z.number().int().min(1).max(200).default(20),
  /** Digits or cardinal reading of numbers in spoken calls. */
  spokenNumbers: z.enum(['cardinal', 'digits']).default('cardinal'),
  /** Publish each agency's IKM of the month at /api/surveys/public (hall boards, the building's website). */
  publishSurvey: z.boolean().optional(),
  /** Print a line at the ticket's foot inviting the visitor to rate the visit through the ticket's QR (the same page shows the SKM survey once served). */
  surveyOnTicket: z.boolean().optional(),
  /** Messages to visitors who gave a number (WhatsApp or SMS); absent: the defaults (messageSettings). */
  messages: messageSettingsSchema.optional(),
  /** Online booking; absent: the defaults (bookingSettings). Only services with their own `booking` take bookings. */
  booking: bookingSettingsSchema.optional(),
  /** Seconds between two calls of the same visitor: a recall the visitor could not yet have answered is refused. */
  minRecallSeconds: z.number().int().min(0).max(600).default(10),
  /** Seconds from the first call before a visitor may be marked absent (walking across two floors takes time). */
  minNoShowSeconds: z.number().int().min(0).max(1800).default(60),
  /** Minutes in which the officer may undo a no-show; supervisors may undo one all day. */
  undoNoShowMinutes: z.number().int().min(0).max(240).default(10),
});

export const venueSchema = z
  .strictObject({
    id: slug,
    name: z.string().min(1).max(120),
    building: z.string().min(1).max(120),
    address: z.string().max(200).default(''),
    timeZone: z.string().refine(isTimeZone, 'must be an IANA time zone such as "Asia/Makassar"'),
    timeZoneLabel: z.string().max(8).default('WITA'),
    floors: z.array(floorSchema).min(1).max(20),
    hours: weeklyHoursSchema,
    settings: settingsSchema.default(settingsSchema.parse({})),
    agencies: z.array(agencySchema).min(1).max(100),
    services: z.array(serviceSchema).min(1).max(400),
    counters: z.array(counterSchema).min(1).max(400),
    kiosks: z.array(kioskSchema).max(50).default([]),
    zones: z.array(zoneSchema).max(50).default([]),
    announcements: z.array(z.string().min(1).max(300)).max(20).default([]),
  })
  .superRefine((v, ctx) => {
    const floors = new Set(v.floors.map((f) => f.number));
    const agencies = new Set<string>();
    const services = new Map<string, string>();
    const prefixes = new Map<string, string>();
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    dupes(
      v.floors.map((f) => String(f.number)),
      (d) => issue(['floors'], `floor ${d} is listed twice`),
    );
    v.agencies.forEach((a, i) => {
      if (agencies.has(a.id)) issue(['agencies', i, 'id'], `agency id "${a.id}" is used twice`);
      agencies.add(a.id);
      if (!floors.has(a.floor)) issue(['agencies', i, 'floor'], `floor ${a.floor} is not in floors`);
    });
    v.agencies.forEach((a, i) => {
      dupes(
        (a.roster ?? []).map((r) => r.counterId),
        (d) => issue(['agencies', i, 'roster'], `counter "${d}" is listed twice`),
      );
      (a.roster ?? []).forEach((r, j) => {
        const c = v.counters.find((x) => x.id === r.counterId);
        if (!c) issue(['agencies', i, 'roster', j, 'counterId'], `counter "${r.counterId}" does not exist`);
        else if (c.agencyId !== a.id)
          issue(['agencies', i, 'roster', j, 'counterId'], `counter "${r.counterId}" belongs to agency "${c.agencyId}", not "${a.id}"`);
      });
    });
    v.services.forEach((s, i) => {
      if (services.has(s.id)) issue(['services', i, 'id'], `service id "${s.id}" is used twice`);
      services.set(s.id, s.agencyId);
      if (!agencies.has(s.agencyId)) issue(['services', i, 'agencyId'], `agency "${s.agencyId}" does not exist`);
      const other = prefixes.get(s.prefix);
      if (other) issue(['services', i, 'prefix'], `prefix "${s.prefix}" is already used by service "${other}"`);
      prefixes.set(s.prefix, s.id);
    });
    const counterIds = new Set<string>();
    v.counters.forEach((c, i) => {
      if (counterIds.has(c.id)) issue(['counters', i, 'id'], `counter id "${c.id}" is used twice`);
      counterIds.add(c.id);
      if (!floors.has(c.floor)) issue(['counters', i, 'floor'], `floor ${c.floor} is not in floors`);
      if (!agencies.has(c.agencyId)) issue(['counters', i, 'agencyId'], `agency "${c.agencyId}" does not exist`);
      c.serviceIds.forEach((sid, j) => {
        if (!services.has(sid)) issue(['counters', i, 'serviceIds', j], `service "${sid}" does not exist`);
      });
      dupes(c.serviceIds, (d) => issue(['counters', i, 'serviceIds'], `service "${d}" is listed twice`));
    });
    dupes(
      v.kiosks.map((k) => k.id),
      (d) => issue(['kiosks'], `kiosk id "${d}" is used twice`),
    );
    dupes(
      v.zones.map((z) => z.id),
      (d) => issue(['zones'], `zone id "${d}" is used twice`),
    );
    v.zones.forEach((z, i) => {
      if (!floors.has(z.floor)) issue(['zones', i, 'floor'], `floor ${z.floor} is not in floors`);
      z.counterIds.forEach((cid, j) => {
        const c = v.counters.find((x) => x.id === cid);
        if (!c) issue(['zones', i, 'counterIds', j], `counter "${cid}" does not exist`);
        else if (c.floor !== z.floor) issue(['zones', i, 'counterIds', j], `counter "${cid}" is on floor ${c.floor}, not on the zone's floor ${z.floor}`);
      });
    });
    v.kiosks.forEach((k, i) => {
      if (!floors.has(k.floor)) issue(['kiosks', i, 'floor'], `floor ${k.floor} is not in floors`);
    });
  });

function dupes(values: string[], report: (dupe: string) => void): void {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) report(v);
    seen.add(v);
  }
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export type DayHours = z.infer<typeof dayHoursSchema>;
export type WeeklyHours = z.infer<typeof weeklyHoursSchema>;
export type RosterEntry = z.infer<typeof rosterEntrySchema>;
export type Floor = z.infer<typeof floorSchema>;
export type Agency = z.infer<typeof agencySchema>;
export type Service = z.infer<typeof serviceSchema>;
export type ServiceBooking = z.infer<typeof serviceBookingSchema>;
export type Counter = z.infer<typeof counterSchema>;
export type KioskConfig = z.infer<typeof kioskSchema>;
export type Zone = z.infer<typeof zoneSchema>;
export type VenueSettings = z.infer<typeof settingsSchema>;
export type Venue = z.infer<typeof venueSchema>;
export type VenueInput = z.input<typeof venueSchema>;
