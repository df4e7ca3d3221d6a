import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { pick, type Lang } from '@antre/counter-ui/shared/i18n';
import { hubApi } from '../shared/hub-api';
import { useSites } from '../shared/queries';
import { H } from '../texts';
import { CredentialDialog } from './credential-dialog';
import { ProblemNote } from './problem-note';

/** The registered sites: add one (its credential shown once), give one a new credential, revoke one. */
export function SitesAdmin({ token, lang }: { token: string; lang: Lang }) {
  const sites = useSites(token);
  const client = useQueryClient();
  const [form, setForm] = useState({ siteId: '', name: '', region: '' });
  const [shown, setShown] = useState<{ name: string; credential: string } | null>(null);
  const [note, setNote] = useState<string | null>(null);
  // The last action's refusal only: a later action clears it.
  const [error, setError] = useState<unknown>(null);
  const track = { onMutate: () => (setError(null), setNote(null)), onError: setError };
  const refresh = () => void client.invalidateQueries({ queryKey: ['sites'] });
  const add = useMutation({
    ...track,
    mutationFn: () => hubApi.addSite(token, { siteId: form.siteId.trim(), name: form.name.trim(), region: form.region.trim() }),
    onSuccess: (a) => {
      setShown({ name: a.site?.name ?? form.name, credential: a.credential });
      setForm({ siteId: '', name: '', region: '' });
      refresh();
    },
  });
  const rotate = useMutation({
    ...track,
    mutationFn: (s: { siteId: string; name: string }) => hubApi.rotateCredential(token, s.siteId).then((a) => ({ ...a, name: s.name })),
    onSuccess: (a) => (setShown({ name: a.name, credential: a.credential }), refresh()),
  });
  const revoke = useMutation({
    ...track,
    mutationFn: (s: { siteId: string; name: string }) => hubApi.revokeCredential(token, s.siteId).then(() => s),
    onSuccess: (s) => (setNote(pick(H.revokedDone, lang, { name: s.name })), refresh()),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  return (
    <>
      <h2>{pick(H.adminSites, lang)}</h2>
      <form className="hub-form-row" onSubmit={submit} data-testid="add-site">
        <label className="sv-field">
          <span>{pick(H.siteId, lang)}</span>
          <input
            name="siteId"
            value={form.siteId}
            onChange={(e) => setForm({ ...form, siteId: e.target.value })}
            placeholder="luwu-belopa"
            title={pick(H.siteIdHint, lang)}
            required
          />
        </label>
        <label className="sv-field">
          <span>{pick(H.siteName, lang)}</span>
          <input name="name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required />
        </label>
        <label className="sv-field">
          <span>{pick(H.region, lang)}</span>
          <input name="region" value={form.region} onChange={(e) => setForm({ ...form, region: e.target.value })} required />
        </label>
        <button type="submit" className="sv-btn sv-btn--primary" disabled={add.isPending}>
          {pick(H.addSite, lang)}
        </button>
      </form>
      <ProblemNote error={error} lang={lang} />
      {note && (
        <p className="sv-note sv-note--ok" role="status">
          {note}
        </p>
      )}
      <table className="sv-table hub-compact">
        <thead>
          <tr>
            <th>{pick(H.siteId, lang)}</th>
            <th>{pick(H.siteName, lang)}</th>
            <th>{pick(H.region, lang)}</th>
            <th>{pick(H.status, lang)}</th>
            <th>{pick(H.actions, lang)}</th>
          </tr>
        </thead>
        <tbody>
          {(sites.data?.sites ?? []).map((s) => (
            <tr key={s.siteId} data-site={s.siteId}>
              <td>
                <code>{s.siteId}</code>
              </td>
              <td>{s.name}</td>
              <td>{s.region}</td>
              <td className={s.status === 'revoked' ? 'sv-bad' : ''}>{pick(s.status === 'revoked' ? H.revoked : H.active, lang)}</td>
              <td className="sv-actions">
                <button
                  type="button"
                  className="sv-btn sv-btn--small"
                  data-action="rotate"
                  disabled={rotate.isPending}
                  onClick={() => window.confirm(pick(H.confirmRotate, lang, { name: s.name })) && rotate.mutate(s)}
                >
                  {pick(H.rotate, lang)}
                </button>
                {s.status !== 'revoked' && (
                  <button
                    type="button"
                    className="sv-btn sv-btn--small"
                    data-action="revoke"
                    disabled={revoke.isPending}
                    onClick={() => window.confirm(pick(H.confirmRevoke, lang, { name: s.name })) && revoke.mutate(s)}
                  >
                    {pick(H.revoke, lang)}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown && <CredentialDialog name={shown.name} credential={shown.credential} lang={lang} onClose={() => setShown(null)} />}
    </>
  );
}
