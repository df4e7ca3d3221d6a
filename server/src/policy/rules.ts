import { COUNTER_ACTIONS, type CounterAction } from '../contract/events.js';
import { ROLES, type DeviceKind, type Role } from '../contract/domain.js';
import type { ErrorCode } from '../contract/errors.js';

/**
 * Who may do what, written once as data. Each rule names the staff roles and device kinds that
 * may take the action, whether anyone without a token may, and how far a principal's reach goes
 * (an officer's own counters, the one counter or kiosk a device is paired to). Routes and socket
 * handlers ask `can`/`authorize` (policy.ts) with an action of this table; none lists roles itself.
 */
export interface Rule {
  /** One line: why the rule is what it is. */
  why: string;
  /** Anyone without a token may (a visitor's phone, a public page). */
  anyone?: true;
  /** Staff roles that may. */
  roles: readonly Role[];
  /** Device kinds that may. */
  devices: readonly DeviceKind[];
  /** Officers act only on the counters they are assigned to (the resource's counterId). */
  officerOwnCounter?: true;
  /** A paired device acts only on what it is paired to: its counter (button) or its kiosk. */
  devicePaired?: 'counter' | 'kiosk';
  /** The refusal a staff user gets when staff are not among those who may (default FORBIDDEN). */
  staffRefusal?: ErrorCode;
}

const STAFF = ROLES;
const LEADS: readonly Role[] = ['admin', 'supervisor'];
const ADMIN: readonly Role[] = ['admin'];

/** A call button serves a whole desk: call next (ending the called visitor), recall, absent and its undo. */
export const BUTTON_ACTIONS: readonly CounterAction[] = ['call-next', 'recall', 'no-show', 'undo-no-show'];

/** One rule per counter command: officers at their own counters, leads at any, a button at its one counter. */
function counterRules(): Record<`counter:${CounterAction}`, Rule> {
  const out = {} as Record<`counter:${CounterAction}`, Rule>;
  for (const a of COUNTER_ACTIONS) {
    const button = BUTTON_ACTIONS.includes(a);
    out[`counter:${a}`] = {
      why: button ? "The desk's staff, and the call button paired to that desk." : "The desk's staff; a call button has only its four keys.",
      roles: STAFF,
      devices: button ? ['button'] : [],
      officerOwnCounter: true,
      devicePaired: 'counter',
    };
  }
  return out;
}

export const POLICY = {
  // Public reads and the visitor's own doors: open, each bounded by its own budget.
  'public.read': {
    why: 'Boards, phones and integrators read the venue, queues, counters, announcements and health.',
    anyone: true,
    roles: STAFF,
    devices: ['kiosk', 'display', 'button', 'printer', 'survey'],
  },
  'ticket.read': {
    why: 'The holder of an (unguessable) ticket id follows it and manages its contact number.',
    anyone: true,
    roles: STAFF,
    devices: ['kiosk', 'display', 'button', 'printer', 'survey'],
  },
  'booking.public': {
    why: 'Booking online is for the public, beyond the building.',
    anyone: true,
    roles: STAFF,
    devices: ['kiosk', 'display', 'button', 'printer', 'survey'],
  },
  'survey.answer': {
    why: 'A visitor answers on their phone or on a survey tablet; staff never answer for them.',
    anyone: true,
    roles: [],
    devices: ['survey'],
    staffRefusal: 'STAFF_CANNOT_ANSWER',
  },
  'survey.pending': { why: 'A survey tablet lists the visits finished where it stands.', roles: [], devices: ['survey'] },

  // Sessions.
  'session.start': {
    why: 'Anyone may try to log in or pair a device with a code (both bounded per address).',
    anyone: true,
    roles: STAFF,
    devices: ['kiosk', 'display', 'button', 'printer', 'survey'],
  },
  'session.me': {
    why: 'Anyone signed in (staff or a paired device) reads who they are.',
    roles: STAFF,
    devices: ['kiosk', 'display', 'button', 'printer', 'survey'],
  },
  'session.logout': { why: 'Staff end their own session; devices are revoked by an admin instead.', roles: STAFF, devices: [] },
  'device.rotateToken': {
    why: 'A paired device trades its own token for a fresh one.',
    roles: [],
    devices: ['kiosk', 'display', 'button', 'printer', 'survey'],
  },

  // Tickets.
  'ticket.issue': { why: 'Kiosks and staff issue tickets (and check in bookings); boards and buttons do not.', roles: STAFF, devices: ['kiosk'] },
  'ticket.list': { why: "Staff read the day's tickets, each as their role may see it (officers: their agencies).", roles: STAFF, devices: [] },
  'ticket.listAll': { why: 'Supervisors and admins follow every agency; officers only the agencies their counters serve.', roles: LEADS, devices: [] },
  'ticket.reroute': { why: 'Supervisors move a visitor to another service or counter from the floor view.', roles: LEADS, devices: [] },
  ...counterRules(),
  'counter.undoNoShowAnyTime': {
    why: "Supervisors and admins may undo a no-show all day; officers and buttons within the venue's window.",
    roles: LEADS,
    devices: [],
  },
  'counter.socket': { why: 'Counter commands over a socket come from staff consoles and call buttons only.', roles: STAFF, devices: ['button'] },

  // The day's plan, alerts and reports.
  'plan.read': { why: "Every staff member sees the day's plan.", roles: STAFF, devices: [] },
  'agency.markDay': { why: 'Supervisors record an agency absent, late or present today.', roles: LEADS, devices: [] },
  'service.setStatus': { why: 'Supervisors close or reopen a service for today.', roles: LEADS, devices: [] },
  'announcements.set': { why: "Supervisors write the boards' running text.", roles: LEADS, devices: [] },
  'alert.read': { why: "Supervisors watch alerts live and look back at a day's.", roles: LEADS, devices: [] },
  'alert.ack': { why: 'Supervisors acknowledge an alert (recorded with their name).', roles: LEADS, devices: [] },
  'report.read': { why: 'Reports, the accountability record and SKM results are for supervisors and admins.', roles: LEADS, devices: [] },
  'survey.mine': { why: 'A staff member sees their own SKM aggregate, from the minimum group size on.', roles: STAFF, devices: [] },
  'messages.read': { why: 'Supervisors watch the visitor-message outbox.', roles: LEADS, devices: [] },
  'messages.retry': { why: 'Supervisors retry a message that gave up.', roles: LEADS, devices: [] },
  'board.ticketIds': {
    why: "A ticket id is the visitor's key to their page: staff and the screens that call (boards, call buttons) see ids; kiosks, print agents and the public see numbers.",
    roles: STAFF,
    devices: ['display', 'button'],
  },
  'live.supervise': { why: "Supervisors' screens get alerts, printers and print jobs pushed.", roles: LEADS, devices: [] },

  // Printers.
  'printer.read': { why: 'Supervisors see printers, their jobs and ticket previews.', roles: LEADS, devices: [] },
  'printer.test': { why: 'Supervisors send a test page.', roles: LEADS, devices: [] },
  'printJob.reprint': {
    why: 'Staff reprint any ticket; a kiosk only its own (the visitor asked again).',
    roles: STAFF,
    devices: ['kiosk'],
    devicePaired: 'kiosk',
  },
  'printer.report': { why: 'A print agent reports the state of the printer it drives.', roles: [], devices: ['printer'] },

  // Staff accounts, devices and the venue.
  'device.list': { why: 'Supervisors see which screens and kiosks are on line.', roles: LEADS, devices: [] },
  'device.manage': { why: 'Only admins register, re-pair and revoke devices.', roles: ADMIN, devices: [] },
  'staff.list': { why: 'Supervisors see the staff list (to re-route and read reports by officer).', roles: LEADS, devices: [] },
  'staff.manage': { why: 'Only admins create staff accounts and change roles, counters and passwords.', roles: ADMIN, devices: [] },
  'venue.edit': { why: 'Only admins read the raw venue document (with printer addresses) and change it.', roles: ADMIN, devices: [] },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof POLICY;
export const ACTIONS = Object.keys(POLICY) as Action[];
