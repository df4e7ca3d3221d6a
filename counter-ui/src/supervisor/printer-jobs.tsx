import { useState } from 'react';
import type { PrintJobListItem } from '@antre/server/contract';
import { api } from '../shared/api';
import { pick, type Lang } from '../shared/i18n';
import { clock } from './format';
import { Dialog } from './staff-frame';
import { JOB_STATE, S } from './texts';
import { usePolled } from './use-staff-data';

/** One printer's tickets of the day: state, a preview of what was printed, and a reprint button. */
export function PrinterJobs({ printerId, token, tz, lang }: { printerId: string; token: string; tz: string; lang: Lang }) {
  const jobs = usePolled('printers.jobs', { params: { id: printerId } }, token, 5000);
  const [preview, setPreview] = useState<PrintJobListItem | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const reprint = async (id: string) => {
    await api.call('printJobs.reprint', { token, params: { jobId: id } }).then(
      () => (setSent(id), jobs.reload()),
      () => setSent(null),
    );
  };
  const list = jobs.data?.jobs ?? [];
  return (
    <div className="sv-jobs" data-testid={`jobs-${printerId}`}>
      {jobs.data && list.length === 0 && <p className="sv-muted sv-small">{pick(S.noJobs, lang)}</p>}
      <ul className="sv-jobs__list">
        {list.map((j) => (
          <li key={j.id} className="sv-jobs__row" data-job={j.id} data-state={j.state}>
            <strong className="sv-jobs__number">{j.test ? pick(S.testJob, lang) : (j.number ?? '—')}</strong>
            <span className="sv-small sv-muted">{clock(j.at, tz)}</span>
            <span className={`sv-small ${j.state === 'failed' ? 'sv-bad' : ''}`} title={j.error ?? undefined}>
              {pick(JOB_STATE[j.state], lang)}
              {j.reprints > 0 ? ` · ${pick(S.reprinted, lang, { n: j.reprints })}` : ''}
            </span>
            <span className="sv-jobs__actions">
              <button type="button" className="sv-btn sv-btn--small" data-action="preview" onClick={() => setPreview(j)}>
                {pick(S.preview, lang)}
              </button>
              {!j.test && (
                <button type="button" className="sv-btn sv-btn--small" data-action="reprint" onClick={() => void reprint(j.id)}>
                  {pick(sent === j.id ? S.reprintSent : S.reprint, lang)}
                </button>
              )}
            </span>
          </li>
        ))}
      </ul>
      {preview && (
        <Dialog title={`${pick(S.preview, lang)} · ${preview.test ? pick(S.testJob, lang) : (preview.number ?? '')}`} onClose={() => setPreview(null)}>
          {preview.state === 'unknown' && <p className="sv-muted sv-small">{pick(S.previewRebuilt, lang)}</p>}
          <img
            className="sv-jobs__preview"
            data-testid="job-preview"
            alt={pick(S.preview, lang)}
            src={api.url('printJobs.preview', { params: { jobId: preview.id }, query: { token } })}
          />
          <div className="sv-modal__actions">
            <button type="button" className="sv-btn" onClick={() => setPreview(null)}>
              {pick(S.closeDialog, lang)}
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
