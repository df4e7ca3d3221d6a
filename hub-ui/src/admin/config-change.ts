import type { LocalizedText } from '@antre/server/contract';
import { pick } from '@antre/counter-ui/shared/i18n';
import type { HubConfigChange } from '../shared/hub-api';
import { H } from '../texts';

/** Reads a JSON field of the form; an empty field is "not sent". Throws a bilingual text. */
export function parseField(text: string, field: LocalizedText): unknown {
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw { id: pick(H.badJson, 'id', { field: field.id, why }), en: pick(H.badJson, 'en', { field: field.en, why }) } satisfies LocalizedText;
  }
}

/** What the form sends: the venue and/or the staff list, checked to be JSON of the right kind here; the site validates the rest. */
export function configChange(venueText: string, staffText: string): HubConfigChange {
  const venue = parseField(venueText, H.configVenue);
  const staff = parseField(staffText, H.configStaff);
  if (staff !== undefined && !Array.isArray(staff)) throw H.staffNotList;
  if (venue === undefined && staff === undefined) throw H.nothingToSend;
  return { ...(venue !== undefined ? { venue } : {}), ...(staff !== undefined ? { staff: staff as unknown[] } : {}) };
}
