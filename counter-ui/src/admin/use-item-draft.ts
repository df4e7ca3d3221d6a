import { useEffect, useState } from 'react';
import type { Lang } from '../shared/i18n';
import type { Venue } from '@antre/server/contract';
import type { SaveResult } from './use-raw-venue';

/** The selection key of an item not saved yet. */
export const NEW = '\u0000new';

/** What every venue-list section (services, counters) is given. */
export interface SectionProps {
  venue: Venue;
  save: (v: Venue) => Promise<boolean>;
  saving: boolean;
  result: SaveResult | null;
  lang: Lang;
}

/** One item of a venue list under edit: which one is selected, its draft, and whether it changed. */
export function useItemDraft<T extends { id: string }>(items: T[], blank: () => T, venue: Venue) {
  const [selected, setSelected] = useState<string>(items[0]?.id ?? NEW);
  const original = selected === NEW ? blank() : (items.find((i) => i.id === selected) ?? null);
  const [draft, setDraft] = useState<T | null>(original);
  useEffect(() => {
    setDraft(original);
  }, [selected, venue]);
  const dirty = selected === NEW || (draft !== null && JSON.stringify(draft) !== JSON.stringify(original));
  return { selected, setSelected, original, draft, setDraft, dirty };
}
