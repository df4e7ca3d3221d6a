import type { Service, Venue } from '@antre/server/contract';
import { pick } from '../shared/i18n';
import { cleanLines, LinesField, NumberField, SaveBar, SaveFeedback, TextField } from './fields';
import { HoursEditor } from './hours-editor';
import { A } from './texts';
import { NEW, useItemDraft, type SectionProps } from './use-item-draft';

/** Services: pick one, edit name, prefix, quota, fee, requirements, targets and hours; add or delete. */
export function ServicesSection({ venue, save, saving, result, lang }: SectionProps) {
  const { selected, setSelected, original, draft, setDraft, dirty } = useItemDraft(venue.services, () => blankService(venue), venue);
  if (!draft || !original) return null;
  const set = (patch: Partial<Service>) => setDraft({ ...draft, ...patch });
  const submit = async () => {
    const clean: Service = {
      ...draft,
      requirements: cleanLines(draft.requirements),
      ...(draft.requirementsEn ? { requirementsEn: cleanLines(draft.requirementsEn) } : {}),
    };
    const services = selected === NEW ? [...venue.services, clean] : venue.services.map((s) => (s.id === selected ? clean : s));
    if (await save({ ...venue, services })) setSelected(clean.id);
  };
  const remove = async () => {
    if (selected === NEW || !window.confirm(pick(A.confirmRemove, lang, { name: original.name }))) return;
    const counters = venue.counters.map((c) => ({ ...c, serviceIds: c.serviceIds.filter((id) => id !== selected) }));
    if (await save({ ...venue, services: venue.services.filter((s) => s.id !== selected), counters })) setSelected(venue.services[0]?.id ?? NEW);
  };
  return (
    <div className="sv-split">
      <div className="sv-card">
        <ul className="sv-list" aria-label={pick(A.secServices, lang)}>
          {venue.services.map((s) => (
            <li key={s.id}>
              <button type="button" className={s.id === selected ? 'is-current' : ''} onClick={() => setSelected(s.id)} data-service={s.id}>
                <span className="sv-prefix">{s.prefix}</span> {s.name}
              </button>
            </li>
          ))}
        </ul>
        <button type="button" className="sv-btn sv-btn--small" onClick={() => setSelected(NEW)}>
          {pick(A.add, lang)}
        </button>
      </div>
      <form
        className="sv-card"
        onSubmit={(e) => (e.preventDefault(), void submit())}
        aria-label={draft.name || pick(A.secServices, lang)}
        data-testid="service-form"
      >
        <SaveFeedback result={result} lang={lang} />
        {selected === NEW && <TextField label={pick(A.id, lang)} name="id" value={draft.id} onChange={(id) => set({ id })} required />}
        <div className="sv-grid2">
          <TextField label={pick(A.name, lang)} name="name" value={draft.name} onChange={(name) => set({ name })} required />
          <TextField label={pick(A.nameEn, lang)} name="nameEn" value={draft.nameEn ?? ''} onChange={(v) => set({ nameEn: v || undefined })} />
          <label className="sv-field">
            <span>{pick(A.agency, lang)}</span>
            <select name="agencyId" value={draft.agencyId} onChange={(e) => set({ agencyId: e.target.value })}>
              {venue.agencies.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.shortName} — {a.name}
                </option>
              ))}
            </select>
          </label>
          <TextField label={pick(A.prefix, lang)} name="prefix" value={draft.prefix} onChange={(prefix) => set({ prefix: prefix.toUpperCase() })} required />
          <NumberField label={pick(A.quota, lang)} name="dailyQuota" value={draft.dailyQuota} onChange={(dailyQuota) => set({ dailyQuota })} />
          <div className="sv-grid2">
            <NumberField
              label={pick(A.targetMinutes, lang)}
              name="targetMinutes"
              value={draft.targetMinutes}
              onChange={(v) => set({ targetMinutes: v as number })}
            />
            <NumberField
              label={pick(A.targetWait, lang)}
              name="targetWaitMinutes"
              value={draft.targetWaitMinutes}
              onChange={(v) => set({ targetWaitMinutes: v as number })}
            />
          </div>
          <TextField label={pick(A.fee, lang)} name="fee" value={draft.fee} onChange={(fee) => set({ fee })} />
          <TextField label={pick(A.feeEn, lang)} name="feeEn" value={draft.feeEn ?? ''} onChange={(v) => set({ feeEn: v || undefined })} />
          <LinesField label={pick(A.requirements, lang)} name="requirements" value={draft.requirements} onChange={(requirements) => set({ requirements })} />
          <LinesField
            label={pick(A.requirementsEn, lang)}
            name="requirementsEn"
            value={draft.requirementsEn ?? []}
            onChange={(v) => set({ requirementsEn: v.some((l) => l.trim()) ? v : undefined })}
          />
          <TextField
            label={pick(A.processingTime, lang)}
            name="processingTime"
            value={draft.processingTime ?? ''}
            onChange={(v) => set({ processingTime: v || undefined })}
          />
        </div>
        <fieldset className="sv-field">
          <legend>{pick(A.hours, lang)}</legend>
          <label className="sv-field--inline">
            <input
              type="checkbox"
              name="ownHours"
              checked={!!draft.hours}
              onChange={(e) => set({ hours: e.target.checked ? { ...venue.hours } : undefined })}
            />
            {pick(A.ownHours, lang)}
          </label>
          {!draft.hours && <p className="sv-muted sv-small">{pick(A.inheritHours, lang)}</p>}
          {draft.hours && (
            <HoursEditor
              key={`${selected}:${JSON.stringify(original.hours)}`}
              name="service"
              value={draft.hours}
              onChange={(hours) => set({ hours })}
              lang={lang}
            />
          )}
        </fieldset>
        <SaveBar
          dirty={dirty}
          saving={saving}
          onSave={() => void submit()}
          onRevert={() => setDraft(original)}
          lang={lang}
          onRemove={selected !== NEW ? () => void remove() : undefined}
        />
      </form>
    </div>
  );
}

function blankService(v: Venue): Service {
  return {
    id: '',
    agencyId: v.agencies[0]?.id ?? '',
    name: '',
    prefix: '',
    dailyQuota: null,
    requirements: [],
    fee: 'Gratis',
    targetMinutes: 10,
    targetWaitMinutes: 30,
    toConfirm: [],
  };
}
