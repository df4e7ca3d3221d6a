import { useEffect, useState } from 'react';
import { ROLES, type PublicUser, type Role } from '@antre/server/contract';
import { type BodyOf, api, errorText } from '../shared/api';
import { pick, type Lang } from '../shared/i18n';
import { problemsOf } from '../supervisor/format';
import { S } from '../supervisor/texts';
import type { VenueView } from '../supervisor/use-staff-data';
import { SaveFeedback, TextField } from './fields';
import { A, ROLE } from './texts';
import type { SaveResult } from './use-raw-venue';

interface Draft {
  username: string;
  name: string;
  password: string;
  role: Role;
  counterIds: string[];
}

const BLANK: Draft = { username: '', name: '', password: '', role: 'officer', counterIds: [] };

/** Staff accounts: who may log in, with which role, at which counters. */
export function StaffTab({ token, venue, lang }: { token: string; venue: VenueView; lang: Lang }) {
  const [users, setUsers] = useState<PublicUser[]>([]);
  const [editing, setEditing] = useState<PublicUser | null>(null);
  const [draft, setDraft] = useState<Draft>(BLANK);
  const [result, setResult] = useState<SaveResult | null>(null);
  const reload = () =>
    api.call('users.list', { token }).then(
      (r) => setUsers(r.users),
      () => undefined,
    );
  useEffect(() => {
    void reload();
  }, [token]);
  const startEdit = (u: PublicUser | null) => {
    setEditing(u);
    setDraft(u ? { username: u.username, name: u.name, password: '', role: u.role, counterIds: u.counterIds } : BLANK);
    setResult(null);
  };
  const run = async (call: () => Promise<PublicUser>, text: typeof A.created) => {
    setResult(null);
    try {
      const u = await call();
      setResult({ ok: true, text, vars: { name: u.name }, problems: [] });
      await reload();
      if (!editing) setDraft(BLANK);
      else if (editing.id === u.id) setEditing(u);
    } catch (e) {
      setResult({ ok: false, text: errorText(e), problems: problemsOf(e) });
    }
  };
  const submit = () => {
    if (!editing) return run(() => api.call('users.create', { token, body: draft }), A.created);
    const body: BodyOf<'users.update'> = { name: draft.name, role: draft.role, counterIds: draft.counterIds };
    if (draft.password) body.password = draft.password;
    return run(() => api.call('users.update', { params: { id: editing.id }, token, body }), A.updated);
  };
  const setDisabled = (disabled: boolean) =>
    editing && run(() => api.call('users.update', { params: { id: editing.id }, token, body: { disabled } }), A.updated);
  const counterName = (id: string) => venue.counters.find((c) => c.id === id)?.name ?? id;
  const toggle = (id: string) =>
    setDraft((d) => ({ ...d, counterIds: d.counterIds.includes(id) ? d.counterIds.filter((x) => x !== id) : [...d.counterIds, id] }));
  return (
    <div className="sv-split" style={{ gridTemplateColumns: 'minmax(0, 1.3fr) minmax(0, 1fr)' }}>
      <section className="sv-card sv-scroll">
        <h2>{pick(A.users, lang)}</h2>
        <table className="sv-table">
          <thead>
            <tr>
              <th>{pick(A.username, lang)}</th>
              <th>{pick(A.colName, lang)}</th>
              <th>{pick(A.role, lang)}</th>
              <th>{pick(S.counters, lang)}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} data-user={u.username} className={editing?.id === u.id ? 'is-selected' : ''}>
                <td>
                  <code>{u.username}</code>
                </td>
                <td>{u.name}</td>
                <td>
                  {pick(ROLE[u.role], lang)}
                  {u.disabled && (
                    <>
                      {' '}
                      · <span className="sv-bad">{pick(A.disabledTag, lang)}</span>
                    </>
                  )}
                </td>
                <td className="sv-small">
                  {u.counterIds.length ? u.counterIds.map(counterName).join(', ') : <span className="sv-muted">{pick(A.noCounters, lang)}</span>}
                </td>
                <td>
                  <button type="button" className="sv-btn sv-btn--small" onClick={() => startEdit(u)} aria-label={pick(A.editUser, lang, { name: u.name })}>
                    ✎
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <form className="sv-card" onSubmit={(e) => (e.preventDefault(), void submit())} data-testid="user-form">
        <div className="sv-row" style={{ justifyContent: 'space-between' }}>
          <h2>{editing ? pick(A.editUser, lang, { name: editing.name }) : pick(A.newUser, lang)}</h2>
          {editing && (
            <button type="button" className="sv-btn sv-btn--small" onClick={() => startEdit(null)}>
              {pick(A.newUser, lang)}
            </button>
          )}
        </div>
        <SaveFeedback result={result} lang={lang} />
        {!editing && (
          <TextField
            label={pick(A.username, lang)}
            name="username"
            value={draft.username}
            onChange={(username) => setDraft({ ...draft, username: username.toLowerCase() })}
            required
          />
        )}
        <TextField label={pick(A.colName, lang)} name="name" value={draft.name} onChange={(name) => setDraft({ ...draft, name })} required />
        <label className="sv-field">
          <span>{pick(editing ? A.newPassword : A.password, lang)}</span>
          <input
            name="password"
            type="password"
            autoComplete="new-password"
            value={draft.password}
            onChange={(e) => setDraft({ ...draft, password: e.target.value })}
            required={!editing}
          />
        </label>
        <label className="sv-field">
          <span>{pick(A.role, lang)}</span>
          <select name="role" value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value as Role })}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {pick(ROLE[r], lang)}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="sv-field">
          <legend>{pick(A.countersOf, lang)}</legend>
          <div className="sv-checks">
            {venue.counters.map((c) => (
              <label key={c.id}>
                <input type="checkbox" name={`counter-${c.id}`} checked={draft.counterIds.includes(c.id)} onChange={() => toggle(c.id)} />
                {c.name}{' '}
                <span className="sv-muted sv-small">
                  · {pick(S.floor, lang, { n: c.floor })} · {venue.agencies.find((a) => a.id === c.agencyId)?.shortName}
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="sv-row">
          <button type="submit" className="sv-btn sv-btn--primary">
            {pick(editing ? S.save : A.create, lang)}
          </button>
          {editing && !editing.disabled && (
            <button type="button" className="sv-btn" onClick={() => void setDisabled(true)}>
              {pick(A.disable, lang)}
            </button>
          )}
          {editing && editing.disabled && (
            <button type="button" className="sv-btn" onClick={() => void setDisabled(false)}>
              {pick(A.enable, lang)}
            </button>
          )}
        </div>
      </form>
    </div>
  );
}
