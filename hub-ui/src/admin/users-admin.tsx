import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { pick, type Lang } from '@antre/counter-ui/shared/i18n';
import { hubApi, type HubRole } from '../shared/hub-api';
import { H } from '../texts';
import { ProblemNote } from './problem-note';

const ROLE_TEXT = { 'hub-admin': H.role_admin, 'hub-viewer': H.role_viewer } as const;

/** The hub's own accounts: who may look (viewer) and who may change sites and settings (admin). */
export function UsersAdmin({ token, lang }: { token: string; lang: Lang }) {
  const client = useQueryClient();
  const users = useQuery({ queryKey: ['users'], queryFn: () => hubApi.users(token) });
  const [form, setForm] = useState<{ username: string; password: string; role: HubRole }>({ username: '', password: '', role: 'hub-viewer' });
  const [added, setAdded] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: () => hubApi.addUser(token, { ...form, username: form.username.trim() }),
    onMutate: () => setAdded(null),
    onSuccess: () => (
      setAdded(form.username.trim()),
      setForm({ username: '', password: '', role: 'hub-viewer' }),
      void client.invalidateQueries({ queryKey: ['users'] })
    ),
  });
  const submit = (e: FormEvent) => (e.preventDefault(), add.mutate());
  return (
    <>
      <h2>{pick(H.users, lang)}</h2>
      <form className="hub-form-row" onSubmit={submit} data-testid="add-user">
        <label className="sv-field">
          <span>{pick(H.username, lang)}</span>
          <input name="new-username" autoComplete="off" value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} required />
        </label>
        <label className="sv-field">
          <span>{pick(H.password, lang)}</span>
          <input
            name="new-password"
            type="password"
            autoComplete="new-password"
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.target.value })}
            required
          />
        </label>
        <label className="sv-field">
          <span>{pick(H.role, lang)}</span>
          <select name="role" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as HubRole })}>
            <option value="hub-viewer">{pick(H.role_viewer, lang)}</option>
            <option value="hub-admin">{pick(H.role_admin, lang)}</option>
          </select>
        </label>
        <button type="submit" className="sv-btn sv-btn--primary" disabled={add.isPending}>
          {pick(H.addUser, lang)}
        </button>
      </form>
      <ProblemNote error={add.error ?? users.error} lang={lang} />
      {added && (
        <p className="sv-note sv-note--ok" role="status">
          {pick(H.userAdded, lang, { name: added })}
        </p>
      )}
      <table className="sv-table hub-compact">
        <thead>
          <tr>
            <th>{pick(H.username, lang)}</th>
            <th>{pick(H.role, lang)}</th>
          </tr>
        </thead>
        <tbody>
          {(users.data ?? []).map((u) => (
            <tr key={u.username} data-user={u.username}>
              <td>{u.username}</td>
              <td>{pick(ROLE_TEXT[u.role] ?? H.role_viewer, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
