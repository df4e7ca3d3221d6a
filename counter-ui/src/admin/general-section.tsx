import { useEffect, useState } from 'react';
import type { Venue } from '@antre/server/contract';
import { pick, type Lang } from '../shared/i18n';
import { NumberField, SaveBar, SaveFeedback, TextField } from './fields';
import { HoursEditor } from './hours-editor';
import { A } from './texts';
import type { SaveResult } from './use-raw-venue';

type General = Pick<Venue, 'name' | 'building' | 'address' | 'hours' | 'settings'>;

/** The building: its name, address, default hours, and the queue settings (alert minutes among them). */
export function GeneralSection({
  venue,
  save,
  saving,
  result,
  lang,
}: {
  venue: Venue;
  save: (v: Venue) => Promise<boolean>;
  saving: boolean;
  result: SaveResult | null;
  lang: Lang;
}) {
  const original: General = { name: venue.name, building: venue.building, address: venue.address, hours: venue.hours, settings: venue.settings };
  const [draft, setDraft] = useState<General>(original);
  useEffect(() => {
    setDraft(original);
  }, [venue]);
  const dirty = JSON.stringify(draft) !== JSON.stringify(original);
  const set = (patch: Partial<General>) => setDraft({ ...draft, ...patch });
  const setting = (patch: Partial<Venue['settings']>) => set({ settings: { ...draft.settings, ...patch } });
  return (
    <form className="sv-card" onSubmit={(e) => (e.preventDefault(), void save({ ...venue, ...draft }))} data-testid="general-form">
      <SaveFeedback result={result} lang={lang} />
      <div className="sv-grid3">
        <TextField label={pick(A.venueName, lang)} name="name" value={draft.name} onChange={(name) => set({ name })} required />
        <TextField label={pick(A.building, lang)} name="building" value={draft.building} onChange={(building) => set({ building })} required />
        <TextField label={pick(A.address, lang)} name="address" value={draft.address} onChange={(address) => set({ address })} />
      </div>
      <fieldset className="sv-field">
        <legend>{pick(A.buildingHours, lang)}</legend>
        <HoursEditor key={JSON.stringify(venue.hours)} name="building" value={draft.hours} onChange={(hours) => set({ hours })} lang={lang} />
      </fieldset>
      <fieldset className="sv-field">
        <legend>{pick(A.settings, lang)}</legend>
        <div className="sv-grid3">
          <NumberField
            label={pick(A.idleAlert, lang)}
            name="idleAlertMinutes"
            value={draft.settings.idleAlertMinutes}
            onChange={(v) => setting({ idleAlertMinutes: v as number })}
          />
          <NumberField
            label={pick(A.priorityRatio, lang)}
            name="priorityRatio"
            value={draft.settings.priorityRatio}
            onChange={(v) => setting({ priorityRatio: v as number })}
          />
          <NumberField
            label={pick(A.maxRecalls, lang)}
            name="maxRecalls"
            value={draft.settings.maxRecalls}
            onChange={(v) => setting({ maxRecalls: v as number })}
          />
          <NumberField
            label={pick(A.estimateWindow, lang)}
            name="estimateWindow"
            value={draft.settings.estimateWindow}
            onChange={(v) => setting({ estimateWindow: v as number })}
          />
          <NumberField
            label={pick(A.minRecallSeconds, lang)}
            name="minRecallSeconds"
            value={draft.settings.minRecallSeconds}
            onChange={(v) => setting({ minRecallSeconds: v as number })}
          />
          <NumberField
            label={pick(A.minNoShowSeconds, lang)}
            name="minNoShowSeconds"
            value={draft.settings.minNoShowSeconds}
            onChange={(v) => setting({ minNoShowSeconds: v as number })}
          />
          <NumberField
            label={pick(A.undoNoShowMinutes, lang)}
            name="undoNoShowMinutes"
            value={draft.settings.undoNoShowMinutes}
            onChange={(v) => setting({ undoNoShowMinutes: v as number })}
          />
          <label className="sv-field">
            <span>{pick(A.spokenNumbers, lang)}</span>
            <select
              name="spokenNumbers"
              value={draft.settings.spokenNumbers}
              onChange={(e) => setting({ spokenNumbers: e.target.value as Venue['settings']['spokenNumbers'] })}
            >
              <option value="cardinal">cardinal — “seratus dua puluh tiga”</option>
              <option value="digits">digits — “satu dua tiga”</option>
            </select>
          </label>
        </div>
      </fieldset>
      <SaveBar dirty={dirty} saving={saving} onSave={() => void save({ ...venue, ...draft })} onRevert={() => setDraft(original)} lang={lang} />
    </form>
  );
}
