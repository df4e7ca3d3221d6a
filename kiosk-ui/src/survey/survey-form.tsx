import { useState } from 'react';
import { SKM_ELEMENTS, SKM_PROFILE, SKM_PROFILE_FIELDS, SKM_PROFILE_LABELS, SKM_PROFILE_VALUE_LABELS, type SkmProfileField } from '@antre/server/contract';
import { pick, type Lang } from '../shared/i18n';
import type { ST } from './survey-text';

export interface SurveyAnswer {
  scores: number[];
  comment: string;
  profile: Partial<Record<SkmProfileField, string>>;
}

interface Props {
  t: ST;
  lang: Lang;
  /** The visit's number and where it was served, shown above every question. */
  heading: string;
  busy: boolean;
  error: string | null;
  onSubmit: (a: SurveyAnswer) => void;
  onCancel?: () => void;
}

/**
 * The nine questions one at a time: one tap answers and moves on, so a visitor is done in
 * under a minute; then an optional comment and profile, and send. Tablet and phone share it.
 */
export function SurveyForm({ t, lang, heading, busy, error, onSubmit, onCancel }: Props) {
  const [scores, setScores] = useState<number[]>([]);
  const [step, setStep] = useState(0);
  const [comment, setComment] = useState('');
  const [profile, setProfile] = useState<Partial<Record<SkmProfileField, string>>>({});
  const total = SKM_ELEMENTS.length;
  const answer = (score: number) => {
    const next = [...scores];
    next[step] = score;
    setScores(next);
    setStep(step + 1);
  };
  const el = SKM_ELEMENTS[step];
  return (
    <div className="sv-form" data-testid="survey-form">
      <div className="sv-form-head">
        <p className="sv-visit">{heading}</p>
        <div className="sv-progress" aria-hidden="true">
          {SKM_ELEMENTS.map((e, i) => (
            <span key={e.code} className={i < step ? 'is-done' : i === step ? 'is-now' : ''} />
          ))}
        </div>
      </div>
      {el ? (
        <section className="sv-question" data-testid={`question-${el.code}`}>
          <p className="sv-step">
            {t('questionOf', { n: step + 1, total })} · {pick(el.name, lang)}
          </p>
          <h2>{pick(el.question, lang)}</h2>
          <div className="sv-answers">
            {[4, 3, 2, 1].map((score) => (
              <button
                key={score}
                type="button"
                className={`sv-answer sv-answer-${score}${scores[step] === score ? ' is-picked' : ''}`}
                data-score={score}
                onClick={() => answer(score)}
              >
                <Face score={score} />
                <span>{pick(el.answers[score - 1], lang)}</span>
              </button>
            ))}
          </div>
        </section>
      ) : (
        <section className="sv-finish">
          <h2>{t('finishTitle')}</h2>
          <label className="sv-comment">
            <span>{t('commentLabel')}</span>
            <textarea
              maxLength={500}
              rows={3}
              value={comment}
              placeholder={t('commentPlaceholder')}
              onChange={(e) => setComment(e.target.value)}
              data-testid="survey-comment"
            />
          </label>
          <details className="sv-profile">
            <summary>{t('profileTitle')}</summary>
            {SKM_PROFILE_FIELDS.map((f) => (
              <div key={f} className="sv-chips" role="group" aria-label={pick(SKM_PROFILE_LABELS[f], lang)}>
                <span>{pick(SKM_PROFILE_LABELS[f], lang)}</span>
                {SKM_PROFILE[f].map((v) => (
                  <button
                    key={v}
                    type="button"
                    className={`sv-chip${profile[f] === v ? ' is-picked' : ''}`}
                    onClick={() => setProfile({ ...profile, [f]: profile[f] === v ? undefined : v })}
                  >
                    {pick(SKM_PROFILE_VALUE_LABELS[v], lang)}
                  </button>
                ))}
              </div>
            ))}
          </details>
          {error && (
            <p className="sv-error" role="alert">
              {error}
            </p>
          )}
          <button type="button" className="sv-submit" data-testid="survey-submit" disabled={busy} onClick={() => onSubmit({ scores, comment, profile })}>
            {busy ? t('sending') : t('submit')}
          </button>
        </section>
      )}
      <div className="sv-nav">
        {step > 0 && (
          <button type="button" className="sv-navbtn" onClick={() => setStep(step - 1)}>
            {t('back')}
          </button>
        )}
        {onCancel && (
          <button type="button" className="sv-navbtn" onClick={onCancel}>
            {t('cancel')}
          </button>
        )}
      </div>
    </div>
  );
}

/** Mouth curve per score (control point of the smile): the scale reads at a glance for visitors who read slowly. */
const MOUTH: Record<number, number> = { 4: 46, 3: 40, 2: 33, 1: 25 };

/** A face beside the words, drawn (a kiosk has no emoji font). */
function Face({ score }: { score: number }) {
  return (
    <svg className="sv-face" viewBox="0 0 48 48" aria-hidden="true">
      <circle cx="24" cy="24" r="21" fill="currentColor" opacity="0.18" />
      <circle cx="24" cy="24" r="21" fill="none" stroke="currentColor" strokeWidth="3" />
      <circle cx="17" cy="19" r="3" fill="currentColor" />
      <circle cx="31" cy="19" r="3" fill="currentColor" />
      <path d={`M14 32 Q24 ${MOUTH[score]} 34 32`} fill="none" stroke="currentColor" strokeWidth="3.5" strokeLinecap="round" />
    </svg>
  );
}
