import { useEffect, useState } from 'react';
import type { SurveyTicketState } from '@antre/server/contract';
import { api, ApiError } from '../shared/api';
import { pick, type Lang } from '../shared/i18n';
import { SurveyForm, type SurveyAnswer } from './survey-form';
import { surveyText } from './survey-text';

/** The survey on the visitor's own ticket page once the visit is finished: no token, the ticket id is the key. */
export function PhoneSurvey({ ticketId, number, lang }: { ticketId: string; number: string; lang: Lang }) {
  const t = surveyText(lang);
  const [state, setState] = useState<SurveyTicketState['state'] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void api.call('surveys.ticket', { params: { id: ticketId } }).then(
      (s) => live && setState(s.state),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [ticketId]);
  const submit = async (a: SurveyAnswer) => {
    setBusy(true);
    setError(null);
    try {
      await api.call('surveys.submit', { body: { ticketId, scores: a.scores, comment: a.comment || undefined, profile: a.profile } });
      setState('answered');
    } catch (e) {
      const err = e instanceof ApiError ? e : null;
      if (err?.code === 'SURVEY_ALREADY_ANSWERED') setState('answered');
      else if (err?.code === 'SURVEY_EXPIRED') setState('expired');
      else setError(err?.text ? pick(err.text, lang) : t('networkError'));
    } finally {
      setBusy(false);
    }
  };
  if (state === null || state === 'not_finished') return null;
  return (
    <section className="sv-block" data-testid="phone-survey" data-state={state}>
      <h2>{t('appTitle')}</h2>
      {state === 'open' && (
        <>
          <p>{t('phoneInvite')}</p>
          <SurveyForm t={t} lang={lang} heading={number} busy={busy} error={error} onSubmit={(a) => void submit(a)} />
        </>
      )}
      {state === 'answered' && (
        <p className="sv-thanks-line" role="status">
          {t('answered')}
        </p>
      )}
      {state === 'expired' && <p>{t('expired')}</p>}
    </section>
  );
}
