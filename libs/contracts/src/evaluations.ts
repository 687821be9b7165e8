/**
 * Evaluations (evaluering) and progress the person rates: Goal Attainment Scaling (GAS) on each
 * goal, −2 … +2 with 0 the expected result, said in plain words; a decision per goal; the person's
 * own ratings before a meeting (drafts) and a light weekly check-in between meetings. Not a
 * clinical instrument (and not ORS/SRS, whose licence forbids electronic versions).
 *
 * Routes (under /api, bearer token):
 *   GET  /plans/:planId/evaluations                    → ProgressView (plan.read; self ratings only with checkin.read)
 *   POST /plans/:planId/evaluations   EvaluationInput  → ChangeResult<EvaluationView> (evaluation.write)
 *   PUT  /plans/:planId/evaluations/draft/:goalId  DraftRatingInput → ChangeResult<SelfRatingView> (goal.rate)
 *   POST /plans/:planId/checkins      CheckinInput     → ChangeResult<SelfRatingView> (goal.rate; once per goal and week: 409)
 *   GET  /me/checkins                                  → CheckinPromptView[]: my plans where I may check in
 */

/** The five GAS steps. */
export const GAS_RATINGS = [-2, -1, 0, 1, 2] as const;
export type GasRating = (typeof GAS_RATINGS)[number];

export function isGasRating(value: unknown): value is GasRating {
  return typeof value === 'number' && (GAS_RATINGS as readonly number[]).includes(value);
}

/** What the evaluation does with a goal. */
export const EVALUATION_DECISIONS = ['keep', 'change', 'reached', 'drop'] as const;
export type EvaluationDecision = (typeof EVALUATION_DECISIONS)[number];

/** The correlation between goals assumed by Kiresuk & Sherman's T-score (ρ = 0.3). */
export const GAS_RHO = 0.3;

/**
 * The GAS T-score: T = 50 + 10·Σwᵢxᵢ / √((1−ρ)·Σwᵢ² + ρ·(Σwᵢ)²), ρ = 0.3 (Kiresuk & Sherman, 1968).
 * With n equally weighted goals that is 50 + 10·Σx / √(0.7·n + 0.3·n²). 50 means every goal at
 * the expected level; about 10 points is one standard deviation. Null for no goals. Pure.
 */
export function gasTScore(ratings: readonly number[], weights?: readonly number[]): number | null {
  if (!ratings.length) return null;
  if (weights && weights.length !== ratings.length) throw new RangeError('One weight per rating');
  const w = weights ?? ratings.map(() => 1);
  if (w.some((x) => !(x > 0) || !Number.isFinite(x))) throw new RangeError('Weights must be positive');
  if (!ratings.every(isGasRating)) throw new RangeError('Ratings must be −2 … +2');
  let weighted = 0;
  let sumSquares = 0;
  let sum = 0;
  for (let i = 0; i < ratings.length; i++) {
    weighted += w[i] * ratings[i];
    sumSquares += w[i] * w[i];
    sum += w[i];
  }
  return 50 + (10 * weighted) / Math.sqrt((1 - GAS_RHO) * sumSquares + GAS_RHO * sum * sum);
}

/** A T-score as shown: one decimal. */
export function roundTScore(t: number): number {
  return Math.round(t * 10) / 10;
}

/** The Monday (ISO date) of the week an ISO date falls in: the key of a weekly check-in. Pure. */
export function weekStart(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  const back = (date.getUTCDay() + 6) % 7;
  date.setUTCDate(date.getUTCDate() - back);
  return date.toISOString().slice(0, 10);
}

export const SELF_RATING_KINDS = ['draft', 'checkin'] as const;
export type SelfRatingKind = (typeof SELF_RATING_KINDS)[number];

export interface EvaluationItemInput {
  goalId: string;
  rating: GasRating;
  decision: EvaluationDecision;
  /** In the person's own words, in their own language if they like. */
  comment?: string;
  /** With decision 'change': the goal's new title and target date (optional). */
  title?: string;
  targetDate?: string | null;
}

export interface EvaluationInput {
  clientMutationId?: string;
  /** The day of the evaluation (ISO date); default today. */
  date?: string;
  /** The meeting it was held in, if any. */
  meetingId?: string | null;
  /** Who took part (member ids of the plan). */
  participantMemberIds: string[];
  items: EvaluationItemInput[];
  /** The next evaluation (null: none set). */
  nextEvaluation: string | null;
  /** The plan period, where the evaluation changes it. */
  periodStart?: string | null;
  periodEnd?: string | null;
}

export interface EvaluationItemView {
  goalId: string;
  /** The goal's title when it was evaluated. */
  goalTitle: string;
  rating: GasRating;
  decision: EvaluationDecision;
  comment: string;
}

export interface EvaluationView {
  id: string;
  planId: string;
  date: string;
  meetingId: string | null;
  participants: { memberId: string; name: string; role: string }[];
  items: EvaluationItemView[];
  nextEvaluation: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  /** The GAS T-score of this evaluation's ratings (equal weights), one decimal. */
  tScore: number | null;
  completedBy: { accountId: string; name: string };
  completedAt: string;
  revision: number;
}

export interface DraftRatingInput {
  clientMutationId?: string;
  rating: GasRating;
  comment?: string;
}

export interface CheckinInput {
  clientMutationId?: string;
  goalId: string;
  rating: GasRating;
}

/** A rating the person (or guardian) gave between evaluations. */
export interface SelfRatingView {
  id: string;
  goalId: string;
  kind: SelfRatingKind;
  rating: GasRating;
  comment: string;
  /** Check-ins: the Monday of their week. */
  week: string | null;
  by: { memberId: string; name: string };
  at: string;
  /** Drafts: the evaluation that picked it up (null while waiting for the meeting). */
  usedInEvaluationId: string | null;
}

/** A note for the coordinator: a goal whose check-ins dropped. */
export interface CheckinNote {
  goalId: string;
  /** 'fell': two steps or more down since the previous check-in; 'below_evaluation': under the last evaluation's rating. */
  reason: 'fell' | 'below_evaluation';
  rating: GasRating;
  previous: GasRating;
  at: string;
}

export interface ProgressView {
  evaluations: EvaluationView[];
  /** Drafts and check-ins; null when the caller may not see them (checkin.read). */
  selfRatings: SelfRatingView[] | null;
  notes: CheckinNote[] | null;
  /** The T-score trend, oldest first, one point per evaluation. */
  tScores: { evaluationId: string; date: string; tScore: number | null }[];
}

export interface CheckinPromptView {
  planId: string;
  planTitle: string;
  /** The Monday of this week. */
  week: string;
  goals: { id: string; title: string; ratedThisWeek: GasRating | null }[];
}

/**
 * The coordinator's notes from a goal's self ratings (oldest first) and the last evaluation's
 * rating of it: the newest check-in two steps or more below the one before, or below the last
 * evaluation. Pure.
 */
export function checkinNotes(
  goalId: string,
  checkins: readonly { rating: GasRating; at: string }[],
  lastEvaluation: GasRating | null,
): CheckinNote[] {
  if (!checkins.length) return [];
  const last = checkins[checkins.length - 1];
  const before = checkins.length > 1 ? checkins[checkins.length - 2] : null;
  if (before && before.rating - last.rating >= 2)
    return [{ goalId, reason: 'fell', rating: last.rating, previous: before.rating, at: last.at }];
  if (lastEvaluation !== null && last.rating < lastEvaluation)
    return [{ goalId, reason: 'below_evaluation', rating: last.rating, previous: lastEvaluation, at: last.at }];
  return [];
}
