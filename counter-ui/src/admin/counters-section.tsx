import type { Counter, Venue } from '@antre/server/contract';
import { pick } from '../shared/i18n';
import { S } from '../supervisor/texts';
import { SaveBar, SaveFeedback, TextField } from './fields';
import { A } from './texts';
import { NEW, useItemDraft, type SectionProps } from './use-item-draft';

/** Counters: name, floor, agency and the services each one serves, in the order it calls them. */
export function CountersSection({ venue, save, saving, result, lang }: SectionProps) {
  const { selected, setSelected, original, draft, setDraft, dirty } = useItemDraft(venue.counters, () => blankCounter(venue), venue);
  if (!draft || !original) return null;
  const set = (patch: Partial<Counter>) => setDraft({ ...draft, ...patch });
  const move = (i: number, by: number) => {
    const ids = [...draft.serviceIds];
    const [x] = ids.splice(i, 1);
    ids.splice(i + by, 0, x!);
    set({ serviceIds: ids });
  };
  const name = (id: string) => venue.services.find((s) => s.id === id);
  const submit = async () => {
    const counters = selected === NEW ? [...venue.counters, draft] : venue.counters.map((c) => (c.id === selected ? draft : c));
    if (await save({ ...venue, counters })) setSelected(draft.id);
  };
  const remove = async () => {
    if (selected === NEW || !window.confirm(pick(A.confirmRemove, lang, { name: original.name }))) return;
    if (await save({ ...venue, counters: venue.counters.filter((c) => c.id !== selected) })) setSelected(venue.counters[0]?.id ?? NEW);
  };
  return (
    <div className="sv-split">
      <div className="sv-card">
        <ul className="sv-list" aria-label={pick(A.secCounters, lang)}>
          {venue.counters.map((c) => (
            <li key={c.id}>
              <button type="button" className={c.id === selected ? 'is-current' : ''} onClick={() => setSelected(c.id)} data-counter={c.id}>
                {c.name}{' '}
                <span className="sv-muted sv-small">
                  · {pick(S.floor, lang, { n: c.floor })} · {venue.agencies.find((a) => a.id === c.agencyId)?.shortName}
                </span>
              </button>
            </li>
          ))}
        </ul>
        <button type="button" className="sv-btn sv-btn--small" onClick={() => setSelected(NEW)}>
          {pick(A.add, lang)}
        </button>
      </div>
      <form className="sv-card" onSubmit={(e) => (e.preventDefault(), void submit())} data-testid="counter-form">
        <SaveFeedback result={result} lang={lang} />
        {selected === NEW && <TextField label={pick(A.id, lang)} name="id" value={draft.id} onChange={(id) => set({ id })} required />}
        <div className="sv-grid2">
          <TextField label={pick(A.name, lang)} name="name" value={draft.name} onChange={(v) => set({ name: v })} required />
          <TextField label={pick(A.spokenName, lang)} name="spokenName" value={draft.spokenName ?? ''} onChange={(v) => set({ spokenName: v || undefined })} />
          <label className="sv-field">
            <span>{pick(A.counterFloor, lang)}</span>
            <select name="floor" value={draft.floor} onChange={(e) => set({ floor: Number(e.target.value) })}>
              {venue.floors.map((f) => (
                <option key={f.number} value={f.number}>
                  {f.name}
                </option>
              ))}
            </select>
          </label>
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
          <TextField
            label={pick(A.waitingArea, lang)}
            name="waitingArea"
            value={draft.waitingArea ?? ''}
            onChange={(v) => set({ waitingArea: v || undefined })}
          />
        </div>
        <fieldset className="sv-field">
          <legend>{pick(A.servicesServed, lang)}</legend>
          <ol className="sv-order">
            {draft.serviceIds.map((id, i) => (
              <li key={id} data-service={id}>
                <span>
                  <span className="sv-prefix">{name(id)?.prefix ?? '?'}</span>
                  {name(id)?.name ?? id}
                </span>
                <button type="button" className="sv-btn sv-btn--small" disabled={i === 0} onClick={() => move(i, -1)} aria-label={pick(A.up, lang)}>
                  ↑
                </button>
                <button
                  type="button"
                  className="sv-btn sv-btn--small"
                  disabled={i === draft.serviceIds.length - 1}
                  onClick={() => move(i, 1)}
                  aria-label={pick(A.down, lang)}
                >
                  ↓
                </button>
                <button type="button" className="sv-btn sv-btn--small" onClick={() => set({ serviceIds: draft.serviceIds.filter((x) => x !== id) })}>
                  {pick(A.remove, lang)}
                </button>
              </li>
            ))}
          </ol>
          <select
            className="sv-input"
            name="addService"
            value=""
            onChange={(e) => e.target.value && set({ serviceIds: [...draft.serviceIds, e.target.value] })}
          >
            <option value="">{pick(A.addService, lang)}</option>
            {venue.services
              .filter((s) => !draft.serviceIds.includes(s.id))
              .map((s) => (
                <option key={s.id} value={s.id}>
                  {s.prefix} · {s.name}
                </option>
              ))}
          </select>
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

function blankCounter(v: Venue): Counter {
  return { id: '', name: '', floor: v.floors[0]?.number ?? 1, agencyId: v.agencies[0]?.id ?? '', serviceIds: [] };
}
