import { useCallback, useEffect, useState } from 'react';
import type { LocalizedText, Venue, VenueRawResponse } from '@antre/server/contract';
import { api, errorText } from '../shared/api';
import { problemsOf } from '../supervisor/format';
import { A } from './texts';

export interface SaveResult {
  ok: boolean;
  text: LocalizedText;
  vars?: Record<string, string | number>;
  /** The server's per-field lines, e.g. `services[3].prefix: prefix "A" is already used`. */
  problems: string[];
}

const LISTS = ['services', 'counters', 'agencies', 'kiosks', 'floors'] as const;

/** `services[1].prefix: ...` becomes `services[1] «Kartu Keluarga».prefix: ...`, so the admin sees which one. */
export function nameThePath(problem: string, venue: Venue): string {
  return problem.replace(/^(\w+)\[(\d+)\]/, (m, list: string, i: string) => {
    if (!(LISTS as readonly string[]).includes(list)) return m;
    const item = (venue[list as (typeof LISTS)[number]] as { name?: string }[])[Number(i)];
    return item?.name ? `${m} «${item.name}»` : m;
  });
}

/** The full venue for the editor (GET /api/venue/raw) and the one way to change it: PUT the whole document. */
export function useRawVenue(token: string) {
  const [raw, setRaw] = useState<VenueRawResponse | null>(null);
  const [loadError, setLoadError] = useState<LocalizedText | null>(null);
  const [saving, setSaving] = useState(false);
  const [result, setResult] = useState<SaveResult | null>(null);
  const reload = useCallback(async () => {
    try {
      setRaw(await api.call('venue.raw', { token }));
      setLoadError(null);
    } catch (e) {
      setLoadError(errorText(e));
    }
  }, [token]);
  useEffect(() => {
    void reload();
  }, [reload]);
  /** Saves a whole venue; true when the server took it (then the editor shows what the server holds). */
  const save = useCallback(
    async (venue: Venue): Promise<boolean> => {
      setSaving(true);
      setResult(null);
      try {
        const out = await api.call('venue.save', { token, body: venue });
        await reload();
        setResult({ ok: true, text: A.savedLive, vars: { v: out.version }, problems: [] });
        return true;
      } catch (e) {
        setResult({ ok: false, text: errorText(e), problems: problemsOf(e).map((p) => nameThePath(p, venue)) });
        return false;
      } finally {
        setSaving(false);
      }
    },
    [token, reload],
  );
  const clearResult = useCallback(() => setResult(null), []);
  return { raw, loadError, saving, result, save, clearResult };
}
