import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { pick, type Lang } from '@antre/counter-ui/shared/i18n';
import { Bilingual } from '@antre/counter-ui/supervisor/staff-frame';
import { hubApi, type HubConfigChange, type HubConfigHistory } from '../shared/hub-api';
import { configChange } from './config-change';
import { hubTime } from '../shared/format';
import { useSites } from '../shared/queries';
import { H } from '../texts';
import { ProblemNote } from './problem-note';

/** A site's central settings: send a venue (typed or uploaded) and staff; see each version's outcome at the site. */
export function ConfigAdmin({ token, lang }: { token: string; lang: Lang }) {
  const sites = useSites(token);
  const client = useQueryClient();
  const list = sites.data?.sites ?? [];
  const [picked, setPicked] = useState<string>('');
  const siteId = picked || list[0]?.siteId || '';
  const [venueText, setVenueText] = useState('');
  const [staffText, setStaffText] = useState('');
  const [problem, setProblem] = useState<unknown>(null);
  const [sent, setSent] = useState<number | null>(null);
  const history = useQuery({ queryKey: ['config', siteId], queryFn: () => hubApi.config(token, siteId), enabled: !!siteId, refetchInterval: 5000 });
  const put = useMutation({
    mutationFn: (change: HubConfigChange) => hubApi.putConfig(token, siteId, change),
    onSuccess: (a) => (setSent(a.version), void client.invalidateQueries({ queryKey: ['config', siteId] })),
    onError: setProblem,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    setSent(null);
    try {
      put.mutate(configChange(venueText, staffText));
    } catch (err) {
      setProblem(err);
    }
  };
  const upload = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (file) setVenueText(await file.text());
    e.target.value = '';
  };
  return (
    <>
      <h2>{pick(H.config, lang)}</h2>
      <form onSubmit={submit} data-testid="config-form">
        <label className="sv-field">
          <span>{pick(H.configOf, lang)}</span>
          <select name="site" value={siteId} onChange={(e) => (setPicked(e.target.value), setSent(null), setProblem(null))}>
            {list.map((s) => (
              <option key={s.siteId} value={s.siteId}>
                {s.name} ({s.siteId})
              </option>
            ))}
          </select>
        </label>
        <label className="sv-field">
          <span>{pick(H.configVenue, lang)}</span>
          <textarea
            name="venue"
            className="sv-json hub-json"
            spellCheck={false}
            value={venueText}
            onChange={(e) => setVenueText(e.target.value)}
            placeholder='{ "id": "...", "floors": [...] }'
          />
        </label>
        <label className="sv-field">
          <span>{pick(H.upload, lang)}</span>
          <input type="file" name="venue-file" accept=".json,application/json" onChange={(e) => void upload(e)} />
        </label>
        <label className="sv-field">
          <span>{pick(H.configStaff, lang)}</span>
          <textarea
            name="staff"
            className="sv-json hub-json"
            spellCheck={false}
            value={staffText}
            onChange={(e) => setStaffText(e.target.value)}
            placeholder="[]"
          />
        </label>
        <button type="submit" className="sv-btn sv-btn--primary" disabled={!siteId || put.isPending}>
          {pick(H.sendConfig, lang)}
        </button>
      </form>
      <ProblemNote error={problem} lang={lang} />
      {sent !== null && (
        <p className="sv-note sv-note--ok" role="status">
          {pick(H.configSent, lang, { v: sent })}
        </p>
      )}
      <h2 style={{ marginTop: 16 }}>{pick(H.history, lang)}</h2>
      <History data={history.data} lang={lang} />
    </>
  );
}

function History({ data, lang }: { data: HubConfigHistory | undefined; lang: Lang }) {
  if (!data?.history.length) return <p className="sv-muted">{pick(H.noHistory, lang)}</p>;
  const rows = [...data.history].sort((a, b) => b.version - a.version);
  return (
    <table className="sv-table hub-compact" data-testid="config-history">
      <thead>
        <tr>
          <th className="num">{pick(H.version, lang)}</th>
          <th>{pick(H.at, lang)}</th>
          <th>{pick(H.outcome, lang)}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((h) => (
          <tr key={h.version} data-version={h.version} data-outcome={h.outcome}>
            <td className="num">{h.version}</td>
            <td>{hubTime(h.at)}</td>
            <td>
              <span className={`hub-outcome--${h.outcome}`}>{pick(H[`outcome_${h.outcome}`] ?? H.outcome_pending, lang)}</span>
              {h.reason !== undefined && <div className="sv-small">{typeof h.reason === 'string' ? h.reason : <Bilingual text={h.reason} lang={lang} />}</div>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
