import { SKM_PROFILE, type Ticket } from '@antre/server/contract';
import type { ApiResult } from './api.ts';
import type { Rng } from './rng.ts';

/** The share of finished visitors who answer the SKM survey (tablet or phone). */
export const SURVEY_SHARE = 0.4;

/**
 * How much each element suffers from a long wait, U1..U9: the completion time (U3) most, the
 * procedure (U2) and the staff's conduct (U7) somewhat, the fee (U4, mostly free) hardly.
 */
const WAIT_WEIGHT = [0.25, 0.4, 1.0, 0.05, 0.2, 0.2, 0.35, 0.3, 0.15];
const COMMENTS = [
  'Antrean terlalu lama.',
  'Petugas ramah dan cepat.',
  'Mohon tambah loket pada jam sibuk.',
  'Ruang tunggu nyaman.',
  'Persyaratan kurang jelas.',
];

/**
 * Simulated visitors rating their visit: a seeded share answer, and the longer they waited
 * (up to three hours counted) the lower their scores, with some noise of their own.
 */
export class SurveyVisitors {
  answered = new Set<string>();
  refused = 0;

  constructor(private readonly rng: Rng) {}

  /** The visitor of a just-finished ticket may answer: returns the request to send, or null. */
  answerFor(t: Ticket, finishedAt: number): { ticketId: string; scores: number[]; comment?: string; profile?: Record<string, string> } | null {
    if (!this.rng.chance(SURVEY_SHARE)) return null;
    const called = t.history.find((h) => h.action === 'called')?.at ?? finishedAt;
    const penalty = Math.min(Math.max(0, called - t.queuedAt) / 60000, 180) / 60;
    const mood = this.rng.between(-0.4, 0.4);
    const scores = WAIT_WEIGHT.map((w) => {
      const v = 3.75 - w * penalty + mood + this.rng.between(-0.7, 0.7);
      return Math.min(4, Math.max(1, Math.round(v)));
    });
    const out: { ticketId: string; scores: number[]; comment?: string; profile?: Record<string, string> } = { ticketId: t.id, scores };
    if (this.rng.chance(0.12)) out.comment = COMMENTS[this.rng.int(0, COMMENTS.length - 1)]!;
    if (this.rng.chance(0.6)) {
      const any = <T>(xs: readonly T[]) => xs[this.rng.int(0, xs.length - 1)]!;
      out.profile = { sex: any(SKM_PROFILE.sex), age: any(SKM_PROFILE.age), education: any(SKM_PROFILE.education), occupation: any(SKM_PROFILE.occupation) };
    }
    return out;
  }

  /** Notes what the server answered. */
  heard(ticketId: string, r: ApiResult): void {
    if (r.status === 201) this.answered.add(ticketId);
    else this.refused++;
  }
}
