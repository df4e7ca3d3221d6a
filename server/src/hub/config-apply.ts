import { z } from 'zod';
import type { AppContext } from '../context.js';
import { ROLES } from '../contract/domain.js';
import { AntreError, type LocalizedText } from '../contract/errors.js';
import type { HubConfig, HubConfigResult } from '../contract/hub.js';
import { venueSchema } from '../contract/venue.js';
import type { HubStaffEntry } from '../auth/auth-service.js';
import { saveVenue } from '../http/routes/venue-admin.js';
import type { Notifier } from '../realtime/notifier.js';
import { describeIssues } from '../venue/load-venue.js';

/** The same rules as the site's own account form (createUserBody), with a hash in place of a password. */
const staffEntry = z.strictObject({
  username: z.string().regex(/^[a-z0-9._-]{3,32}$/, 'must be 3-32 lower-case letters, digits, dot, dash or underscore'),
  name: z.string().trim().min(1).max(80),
  role: z.enum(ROLES),
  counterIds: z.array(z.string().min(1).max(64)).max(50).default([]),
  passwordHash: z
    .string()
    .regex(/^pbkdf2-sha256\$\d{4,7}\$[A-Za-z0-9_-]{16,64}\$[A-Za-z0-9_-]{32,64}$/, 'must be a pbkdf2-sha256 hash this site can verify')
    .optional(),
  disabled: z.boolean().default(false),
});
const staffList = z.array(staffEntry).max(500);

/** What a refusal says, in both languages, with the validation's own lines. */
function refusal(id: string, en: string, problems: string[]): LocalizedText {
  const list = problems.length ? ` ${problems.slice(0, 20).join('; ')}` : '';
  return { id: `${id}${list}`, en: `${en}${list}` };
}

/** Turns a site refusal (venue invalid, in use) into the reason the hub shows; anything else is not a refusal. */
function reasonOf(err: unknown): LocalizedText | null {
  if (!(err instanceof AntreError) || err.code === 'STORAGE_FAILED' || err.code === 'SHUTTING_DOWN') return null;
  const problems = (err.details as { problems?: string[] } | undefined)?.problems ?? [];
  return refusal(err.text.id, err.text.en, problems);
}

/**
 * Applies settings from the hub through the site's own rules: the venue exactly as the admin's venue
 * editor saves it (validation, today's-queue conflicts, durable save, between commands), staff
 * accounts through the staff store's rules. Refused settings change nothing and say why; a disk
 * that cannot save throws (the hub is told nothing and the pull is tried again later).
 */
export async function applyHubConfig(ctx: AppContext, config: HubConfig, notifier: () => Notifier | null): Promise<HubConfigResult> {
  const refused = (reason: LocalizedText): HubConfigResult => ({ version: config.version, outcome: 'refused', reason });
  const unknown = Object.keys(config.settings ?? {});
  if (unknown.length) return refused(refusal('Pengaturan tidak dikenal oleh server gedung ini:', "Settings this building's server does not know:", unknown));
  let staff: HubStaffEntry[] | null = null;
  if (config.staff !== undefined) {
    const parsed = staffList.safeParse(config.staff);
    if (!parsed.success)
      return refused(
        refusal(
          'Akun petugas tidak valid:',
          'Staff accounts are not valid:',
          describeIssues(parsed.error.issues).map((p) => `staff${p.startsWith('[') ? '' : '.'}${p}`),
        ),
      );
    staff = parsed.data;
    const venue = config.venue !== undefined ? venueSchema.safeParse(config.venue) : null;
    const counters = new Set((venue?.success ? venue.data : ctx.queue.venue).counters.map((c) => c.id));
    const problems: string[] = [];
    staff.forEach((s, i) => {
      for (const c of s.counterIds) if (!counters.has(c)) problems.push(`staff[${i}].counterIds: no counter "${c}" at this venue`);
      if (s.username === 'admin') problems.push(`staff[${i}].username: the site's own "admin" account is managed at the site`);
    });
    if (problems.length) return refused(refusal('Akun petugas tidak valid:', 'Staff accounts are not valid:', problems));
  }
  if (config.venue !== undefined) {
    try {
      await ctx.queue.exclusive(() => saveVenue(ctx, config.venue, notifier));
    } catch (err) {
      const reason = reasonOf(err);
      if (!reason) throw err;
      return refused(reason);
    }
  }
  if (staff) await ctx.auth.applyStaff(staff, ctx.queue.clock());
  return { version: config.version, outcome: 'applied' };
}
