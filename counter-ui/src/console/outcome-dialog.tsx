import { useState } from 'react';
import type { FinishBody, StaffTicket } from '@antre/server/contract';
import { useEnv } from './console-context';
import { Modal } from './modal';

type Kind = 'berkas_tidak_lengkap' | 'dirujuk' | 'ditolak';

/** Finish with another outcome than "selesai": which requirements were missing, which agency the visitor goes to, or why refused. */
export function OutcomeDialog({ ticket, onSubmit, onClose }: { ticket: StaffTicket; onSubmit: (body: NonNullable<FinishBody>) => void; onClose: () => void }) {
  const { t, venue, lang } = useEnv();
  const service = venue.services.find((s) => s.id === ticket.serviceId);
  const requirements = (lang === 'en' && service?.requirementsEn?.length ? service.requirementsEn : service?.requirements) ?? [];
  const [kind, setKind] = useState<Kind>(requirements.length ? 'berkas_tidak_lengkap' : 'dirujuk');
  const [missing, setMissing] = useState<number[]>([]);
  const [agencyId, setAgencyId] = useState(venue.agencies.find((a) => a.id !== ticket.agencyId)?.id ?? '');
  const [reason, setReason] = useState('');
  const body = (): NonNullable<FinishBody> | null => {
    if (kind === 'berkas_tidak_lengkap') return missing.length ? { outcome: kind, missing } : null;
    if (kind === 'dirujuk') return agencyId ? { outcome: kind, agencyId, ...(reason.trim() ? { note: reason.trim() } : {}) } : null;
    return reason.trim() ? { outcome: kind, reason: reason.trim() } : null;
  };
  return (
    <Modal
      title={t('outcomeTitle', { number: ticket.number })}
      submitLabel={t('outcomeButton')}
      onSubmit={() => {
        const b = body();
        if (b) onSubmit(b);
      }}
      onClose={onClose}
    >
      <div className="field" role="radiogroup">
        {(['berkas_tidak_lengkap', 'dirujuk', 'ditolak'] as const).map((k) => (
          <label key={k}>
            <input type="radio" name="outcome" value={k} checked={kind === k} onChange={() => setKind(k)} /> {t(`outcome_${k}`)}
          </label>
        ))}
      </div>
      {kind === 'berkas_tidak_lengkap' && (
        <fieldset className="field">
          <legend>{t('outcomeMissing')}</legend>
          {requirements.map((r, i) => (
            <label key={r}>
              <input
                type="checkbox"
                name="missing"
                value={i}
                checked={missing.includes(i)}
                onChange={(e) => setMissing((m) => (e.target.checked ? [...m, i] : m.filter((x) => x !== i)))}
              />{' '}
              {r}
            </label>
          ))}
        </fieldset>
      )}
      {kind === 'dirujuk' && (
        <label className="field">
          <span>{t('outcomeAgency')}</span>
          <select name="agencyId" value={agencyId} onChange={(e) => setAgencyId(e.target.value)}>
            {venue.agencies.map((a) => (
              <option key={a.id} value={a.id}>
                {a.shortName}
              </option>
            ))}
          </select>
        </label>
      )}
      {kind !== 'berkas_tidak_lengkap' && (
        <label className="field">
          <span>{t(kind === 'ditolak' ? 'outcomeReason' : 'note')}</span>
          <input name="reason" maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
      )}
    </Modal>
  );
}
