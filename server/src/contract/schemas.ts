import { z } from 'zod';
import { DEVICE_KINDS, PRIORITY_CATEGORIES, ROLES } from './domain.js';

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be an identifier');
const text = (max: number) => z.string().trim().min(1).max(max);

export const loginBody = z.strictObject({ username: text(64), password: z.string().min(1).max(256) });

export const issueTicketBody = z.strictObject({
  serviceId: id,
  priority: z.enum(PRIORITY_CATEGORIES).nullable().optional(),
});

export const callNextBody = z.strictObject({ serviceId: id.optional() }).optional();

export const emptyBody = z.strictObject({}).optional();

export const transferBody = z
  .strictObject({ toServiceId: id.optional(), toCounterId: id.optional(), note: text(300).optional() })
  .refine((b) => b.toServiceId || b.toCounterId, { message: 'toServiceId or toCounterId is required' });

/** Hold the visitor at the desk (they went to fetch a paper), with an optional note. */
export const holdBody = z.strictObject({ note: text(300).optional() }).optional();

export const resumeBody = z.strictObject({ ticketId: id });

export const counterStatusBody = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('open') }),
  z.strictObject({ status: z.literal('closed') }),
  z.strictObject({ status: z.literal('break'), reason: text(80), minutes: z.number().int().min(1).max(240) }),
]);

export const serviceStatusBody = z.strictObject({ closedToday: z.boolean(), reason: text(200).optional() });

export const createDeviceBody = z.strictObject({
  kind: z.enum(DEVICE_KINDS),
  name: text(60),
  floor: z.number().int().min(-5).max(50).nullable().optional(),
  ref: id.nullable().optional(),
});

export const pairBody = z.strictObject({ code: z.string().trim().min(4).max(64) });

export const createUserBody = z.strictObject({
  username: z.string().regex(/^[a-z0-9._-]{3,32}$/, 'must be 3-32 lower-case letters, digits, dot, dash or underscore'),
  name: text(80),
  password: z.string().min(8).max(256),
  role: z.enum(ROLES),
  counterIds: z.array(id).max(50).default([]),
});

export const updateUserBody = z.strictObject({
  name: text(80).optional(),
  password: z.string().min(8).max(256).optional(),
  role: z.enum(ROLES).optional(),
  counterIds: z.array(id).max(50).optional(),
  disabled: z.boolean().optional(),
});

export const announcementsBody = z.strictObject({ announcements: z.array(text(300)).max(20) });

/** A print agent's report on its printer (socket event printer:status); a long error text is cut, not refused. */
export const printerStatusBody = z.strictObject({
  online: z.boolean(),
  coverOpen: z.boolean().optional(),
  paperNearEnd: z.boolean().optional(),
  paperOut: z.boolean().optional(),
  error: z
    .string()
    .transform((e) => e.slice(0, 300))
    .optional(),
});

export type LoginBody = z.infer<typeof loginBody>;
export type IssueTicketBody = z.infer<typeof issueTicketBody>;
export type TransferBody = z.infer<typeof transferBody>;
export type CounterStatusBody = z.infer<typeof counterStatusBody>;
export type ServiceStatusBody = z.infer<typeof serviceStatusBody>;
export type CreateDeviceBody = z.infer<typeof createDeviceBody>;
export type CreateUserBody = z.infer<typeof createUserBody>;
export type UpdateUserBody = z.infer<typeof updateUserBody>;
