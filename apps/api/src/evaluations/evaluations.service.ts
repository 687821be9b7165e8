/**
 * Evaluations and the person's own ratings (issue 14). An evaluation is one change through the
 * plan's write path: the ratings and decisions are stored, the goals it reaches, drops or changes
 * and the plan's next evaluation and period are updated with their field revisions, and the one
 * plan event (`evaluation.completed`) carries all of it. The person's drafts before a meeting and
 * weekly check-ins are changes too (`rating.drafted`, `rating.checkin`), read only by those with
 * `checkin.read`. After an evaluation commits, exports makes the archive copy (it listens to the
 * `plan.event` domain event; nothing here imports exports).
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  checkinNotes,
  gasTScore,
  PLAN_PERMISSIONS,
  planRoleMay,
  roundTScore,
  weekStart,
  type ChangeResult,
  type CheckinNote,
  type CheckinPromptView,
  type EvaluationDecision,
  type EvaluationItemView,
  type EvaluationView,
  type FieldRevisions,
  type GasRating,
  type GoalStatus,
  type PlanRole,
  type ProgressView,
  type SelfRatingKind,
  type SelfRatingView,
} from '#contracts';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { AlreadyExists, BadRequest, NotFound } from '../errors/domain-error';
import { localDate } from '../notifications/local-time';
import { CoordinationConfig } from '../overview/coordination.config';
import { PlanAccessService } from '../plans/plan-access.service';
import { PlanWriter } from '../plans/plan-writer.service';
import type { CheckinDto, DraftRatingDto, EvaluationDto } from './dto/evaluation.dto';

/** What a decision does to the goal's status (keep and change leave it). */
const DECISION_STATUS: Partial<Record<EvaluationDecision, GoalStatus>> = { reached: 'achieved', drop: 'dropped' };
/** Goals a check-in asks about. */
const OPEN_GOAL_STATUSES: readonly GoalStatus[] = ['not_started', 'in_progress', 'paused'];

interface EvaluationRow {
  id: string;
  plan_id: string;
  evaluated_on: string;
  meeting_id: string | null;
  participants: EvaluationView['participants'];
  next_evaluation: string | null;
  period_start: string | null;
  period_end: string | null;
  t_score: string | null;
  completed_by: string;
  completed_by_name: string;
  revision: number;
  created_at: Date;
}

interface RatingRow {
  id: string;
  goal_id: string;
  kind: 'evaluation' | SelfRatingKind;
  rating: GasRating;
  comment: string;
  decision: EvaluationDecision | null;
  goal_title: string;
  evaluation_id: string | null;
  member_id: string | null;
  rated_by_name: string;
  week: string | null;
  used_in_evaluation_id: string | null;
  created_at: Date;
}

interface GoalRow {
  id: string;
  title: string;
  status: GoalStatus;
  target_date: string | null;
  field_revisions: FieldRevisions;
}

const EVALUATION_COLUMNS = `id, plan_id, evaluated_on::text AS evaluated_on, meeting_id, participants, next_evaluation::text AS next_evaluation,
  period_start::text AS period_start, period_end::text AS period_end, t_score::text AS t_score, completed_by, completed_by_name, revision, created_at`;
const RATING_COLUMNS = `id, goal_id, kind, rating, comment, decision, goal_title, evaluation_id, member_id, rated_by_name, week::text AS week,
  used_in_evaluation_id, created_at`;

/** Roles that rate their own goals (goal.rate): the person and their guardians. */
const RATING_ROLES = (Object.keys(PLAN_PERMISSIONS) as PlanRole[]).filter((r) => planRoleMay(r, 'goal.rate'));

@Injectable()
export class EvaluationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly writer: PlanWriter,
    private readonly access: PlanAccessService,
    private readonly audit: AuditService,
    private readonly config: CoordinationConfig,
  ) {}

  private today(): string {
    return localDate(this.config.NOTIFICATION_TIME_ZONE);
  }

  /** Records an evaluation and what it decides, in one change. */
  complete(actor: Actor, planId: string, dto: EvaluationDto): Promise<ChangeResult<EvaluationView>> {
    const goalIds = dto.items.map((i) => i.goalId);
    if (new Set(goalIds).size !== goalIds.length) throw new BadRequest('Rate each goal once', { field: 'items' });
    for (const item of dto.items)
      if (item.decision !== 'change' && (item.title !== undefined || item.targetDate !== undefined))
        throw new BadRequest("A new title or target date goes with the decision 'change'", { field: 'items' });
    const periodStart = dto.periodStart;
    const periodEnd = dto.periodEnd;
    return this.writer.change(
      actor,
      planId,
      { action: 'evaluation.write', entityType: 'evaluation', clientMutationId: dto.clientMutationId },
      async ({ tx, plan, revision }) => {
        const goals = (await tx.query(
          `SELECT id, title, status, target_date::text AS target_date, field_revisions FROM goals
            WHERE plan_id = $1 AND id = ANY($2::uuid[]) AND deleted_at IS NULL FOR UPDATE`,
          [planId, goalIds],
        )) as GoalRow[];
        if (goals.length !== goalIds.length) throw new NotFound('Goal');
        const goalById = new Map(goals.map((g) => [g.id, g]));
        const participants = (await tx.query(
          `SELECT id AS "memberId", coalesce((SELECT a.name FROM accounts a WHERE a.id = m.account_id), m.name) AS name, role
             FROM plan_members m WHERE plan_id = $1 AND id = ANY($2::uuid[]) AND status = 'active'`,
          [planId, dto.participantMemberIds],
        )) as EvaluationView['participants'];
        if (participants.length !== dto.participantMemberIds.length)
          throw new BadRequest('Everyone who took part must be a member of the plan', { field: 'participantMemberIds' });
        const order = new Map(dto.participantMemberIds.map((id, i) => [id, i]));
        participants.sort((a, b) => order.get(a.memberId)! - order.get(b.memberId)!);
        if (dto.meetingId) {
          const found = (await tx.query('SELECT 1 FROM meetings WHERE id = $1 AND plan_id = $2 AND deleted_at IS NULL', [
            dto.meetingId,
            planId,
          ])) as unknown[];
          if (!found.length) throw new NotFound('Meeting');
        }
        const start = periodStart === undefined ? plan.periodStart : periodStart;
        const end = periodEnd === undefined ? plan.periodEnd : periodEnd;
        if (start && end && start > end) throw new BadRequest('The plan period ends before it starts', { field: 'periodEnd' });
        const date = dto.date ?? this.today();
        if (dto.nextEvaluation && dto.nextEvaluation <= date)
          throw new BadRequest('The next evaluation comes after this one', { field: 'nextEvaluation' });
        const tScore = gasTScore(dto.items.map((i) => i.rating));
        const rounded = tScore === null ? null : roundTScore(tScore);

        const [evaluation] = (await tx.query(
          `INSERT INTO evaluations (tenant_id, plan_id, evaluated_on, meeting_id, participants, next_evaluation, period_start, period_end,
                                    t_score, completed_by, completed_by_name, revision)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ${EVALUATION_COLUMNS}`,
          [
            plan.tenantId,
            planId,
            date,
            dto.meetingId ?? null,
            JSON.stringify(participants),
            dto.nextEvaluation,
            start,
            end,
            rounded,
            actor.accountId,
            actor.name,
            revision,
          ],
        )) as EvaluationRow[];

        const items: EvaluationItemView[] = dto.items.map((i) => ({
          goalId: i.goalId,
          goalTitle: goalById.get(i.goalId)!.title,
          rating: i.rating,
          decision: i.decision,
          comment: (i.comment ?? '').trim(),
        }));
        await tx.query(
          `INSERT INTO goal_ratings (plan_id, goal_id, kind, rating, comment, decision, goal_title, evaluation_id, rated_by, rated_by_name,
                                     created_at, position)
           SELECT $1, x.goal_id, 'evaluation', x.rating, x.comment, x.decision, x.goal_title, $2, $3, $4, $5, x.position
             FROM jsonb_to_recordset($6::jsonb) AS x (goal_id uuid, rating smallint, comment text, decision text, goal_title text, position int)`,
          [
            planId,
            evaluation.id,
            actor.accountId,
            actor.name,
            evaluation.created_at,
            JSON.stringify(
              items.map((i, position) => ({
                goal_id: i.goalId,
                rating: i.rating,
                comment: i.comment,
                decision: i.decision,
                goal_title: i.goalTitle,
                position,
              })),
            ),
          ],
        );
        // The person's drafts for these goals are picked up by this evaluation.
        const picked = (await tx.query(
          `UPDATE goal_ratings SET used_in_evaluation_id = $1
            WHERE plan_id = $2 AND kind = 'draft' AND used_in_evaluation_id IS NULL AND goal_id = ANY($3::uuid[]) RETURNING id`,
          [evaluation.id, planId, goalIds],
        )) as [{ id: string }[], number];

        // The goals: reached, dropped, or changed.
        const stamp = { rev: revision, by: actor.accountId };
        const goalChanges: Record<string, Record<string, unknown>> = {};
        for (const item of dto.items) {
          const goal = goalById.get(item.goalId)!;
          const change: Record<string, unknown> = {};
          const status = DECISION_STATUS[item.decision];
          if (status && status !== goal.status) change.status = status;
          if (item.decision === 'change') {
            if (item.title !== undefined && item.title !== goal.title) change.title = item.title;
            if (item.targetDate !== undefined && item.targetDate !== goal.target_date) change.targetDate = item.targetDate;
          }
          if (!Object.keys(change).length) continue;
          const revisions = { ...goal.field_revisions, ...Object.fromEntries(Object.keys(change).map((k) => [k, stamp])) };
          await tx.query(
            `UPDATE goals SET status = coalesce($2, status), title = coalesce($3, title),
                    target_date = CASE WHEN $4::boolean THEN $5::date ELSE target_date END, field_revisions = $6 WHERE id = $1`,
            [
              goal.id,
              change.status ?? null,
              change.title ?? null,
              'targetDate' in change,
              (change.targetDate as string | null | undefined) ?? null,
              JSON.stringify(revisions),
            ],
          );
          goalChanges[goal.id] = change;
        }

        // The plan: next evaluation and period, where they change.
        const planChanges: Record<string, string | null> = {};
        if (dto.nextEvaluation !== plan.nextEvaluation) planChanges.nextEvaluation = dto.nextEvaluation;
        if (start !== plan.periodStart) planChanges.periodStart = start;
        if (end !== plan.periodEnd) planChanges.periodEnd = end;
        if (Object.keys(planChanges).length) {
          const revisions = { ...plan.fieldRevisions, ...Object.fromEntries(Object.keys(planChanges).map((k) => [k, stamp])) };
          await tx.query(`UPDATE plans SET next_evaluation = $2, period_start = $3, period_end = $4, field_revisions = $5 WHERE id = $1`, [
            planId,
            dto.nextEvaluation,
            start,
            end,
            JSON.stringify(revisions),
          ]);
        }

        const view = toEvaluationView(evaluation, items);
        return {
          entityId: evaluation.id,
          op: 'completed',
          patch: {
            date: view.date,
            meetingId: view.meetingId,
            participants: view.participants,
            items: view.items,
            tScore: view.tScore,
            goalChanges,
            planChanges,
            pickedUpDrafts: picked[0].length,
          },
          result: view,
        };
      },
    );
  }

  /** The person's own rating of a goal before the meeting; changing it replaces the waiting draft. */
  draft(actor: Actor, planId: string, goalId: string, dto: DraftRatingDto): Promise<ChangeResult<SelfRatingView>> {
    return this.writer.change(
      actor,
      planId,
      { action: 'goal.rate', entityType: 'rating', clientMutationId: dto.clientMutationId },
      async ({ tx, member }) => {
        const goal = await this.liveGoal(tx, planId, goalId);
        const comment = (dto.comment ?? '').trim();
        const [existing] = (await tx.query(
          `SELECT ${RATING_COLUMNS} FROM goal_ratings
            WHERE member_id = $1 AND goal_id = $2 AND kind = 'draft' AND used_in_evaluation_id IS NULL FOR UPDATE`,
          [member!.id, goalId],
        )) as RatingRow[];
        if (existing && existing.rating === dto.rating && existing.comment === comment)
          return { entityId: existing.id, op: 'drafted', patch: {}, result: toSelfRatingView(existing) };
        const [row] = (
          existing
            ? await tx.query(
                `UPDATE goal_ratings SET rating = $2, comment = $3, created_at = now() WHERE id = $1 RETURNING ${RATING_COLUMNS}`,
                [existing.id, dto.rating, comment],
              )
            : await tx.query(
                `INSERT INTO goal_ratings (plan_id, goal_id, kind, rating, comment, goal_title, member_id, rated_by, rated_by_name)
               VALUES ($1, $2, 'draft', $3, $4, $5, $6, $7, $8) RETURNING ${RATING_COLUMNS}`,
                [planId, goalId, dto.rating, comment, goal.title, member!.id, actor.accountId, actor.name],
              )
        ) as RatingRow[] | [RatingRow[], number];
        const saved = (Array.isArray(row) ? row[0] : row) as RatingRow;
        return {
          entityId: saved.id,
          op: 'drafted',
          patch: { goalId, rating: dto.rating, comment, memberId: member!.id },
          result: toSelfRatingView(saved),
        };
      },
    );
  }

  /** One tap: how it goes with a goal this week. Once per goal and week (409 after that). */
  checkin(actor: Actor, planId: string, dto: CheckinDto): Promise<ChangeResult<SelfRatingView>> {
    return this.writer.change(
      actor,
      planId,
      { action: 'goal.rate', entityType: 'rating', clientMutationId: dto.clientMutationId },
      async ({ tx, member }) => {
        const goal = await this.liveGoal(tx, planId, dto.goalId);
        const week = weekStart(this.today());
        const [row] = (await tx.query(
          `INSERT INTO goal_ratings (plan_id, goal_id, kind, rating, goal_title, member_id, rated_by, rated_by_name, week)
           VALUES ($1, $2, 'checkin', $3, $4, $5, $6, $7, $8)
           ON CONFLICT (member_id, goal_id, week) WHERE kind = 'checkin' DO NOTHING RETURNING ${RATING_COLUMNS}`,
          [planId, dto.goalId, dto.rating, goal.title, member!.id, actor.accountId, actor.name, week],
        )) as RatingRow[];
        if (!row) throw new AlreadyExists('You have already said how this goal is going this week');
        return {
          entityId: row.id,
          op: 'checkin',
          patch: { goalId: dto.goalId, rating: dto.rating, week, memberId: member!.id },
          result: toSelfRatingView(row),
        };
      },
    );
  }

  /** Evaluations for everyone who reads the plan; the person's own ratings and the notes for those with checkin.read. */
  async progress(actor: Actor, planId: string): Promise<ProgressView> {
    const access = await this.access.authorize(actor, planId, 'plan.read');
    const mayCheckins = this.access.may(access, 'checkin.read');
    const [evaluations, ratings] = await Promise.all([
      this.db.query(`SELECT ${EVALUATION_COLUMNS} FROM evaluations WHERE plan_id = $1 ORDER BY evaluated_on, created_at`, [
        planId,
      ]) as Promise<EvaluationRow[]>,
      this.db.query(
        `SELECT ${RATING_COLUMNS} FROM goal_ratings r
          WHERE r.plan_id = $1 AND ($2::boolean OR r.kind = 'evaluation')
          ORDER BY r.created_at, r.position, r.id`,
        [planId, mayCheckins],
      ) as Promise<RatingRow[]>,
    ]);
    const itemsOf = new Map<string, EvaluationItemView[]>();
    for (const r of ratings)
      if (r.kind === 'evaluation' && r.evaluation_id) {
        const list = itemsOf.get(r.evaluation_id) ?? [];
        list.push({ goalId: r.goal_id, goalTitle: r.goal_title, rating: r.rating, decision: r.decision!, comment: r.comment });
        itemsOf.set(r.evaluation_id, list);
      }
    const views = evaluations.map((e) => toEvaluationView(e, itemsOf.get(e.id) ?? []));
    const self = mayCheckins ? ratings.filter((r) => r.kind !== 'evaluation').map(toSelfRatingView) : null;
    await this.audit.record(
      {
        tenantId: actor.tenantId,
        actorAccountId: actor.accountId,
        planId,
        action: 'evaluation.read',
        targetType: 'plan',
        targetId: planId,
      },
      actor,
    );
    return {
      evaluations: views,
      selfRatings: self,
      notes: self ? notesOf(views, self) : null,
      tScores: views.map((v) => ({ evaluationId: v.id, date: v.date, tScore: v.tScore })),
    };
  }

  /** My plans where I may check in (the person, a guardian), with their open goals and this week's taps. */
  async myCheckins(actor: Actor): Promise<CheckinPromptView[]> {
    const week = weekStart(this.today());
    const rows = (await this.db.query(
      `SELECT p.id AS plan_id, p.title AS plan_title, g.id, g.title, r.rating
         FROM plan_members m
         JOIN plans p ON p.id = m.plan_id AND p.tenant_id = $2 AND p.status = 'active'
         JOIN goals g ON g.plan_id = p.id AND g.deleted_at IS NULL AND g.status = ANY($4::text[])
         LEFT JOIN goal_ratings r ON r.member_id = m.id AND r.goal_id = g.id AND r.kind = 'checkin' AND r.week = $3
        WHERE m.account_id = $1 AND m.status = 'active' AND m.role = ANY($5::text[])
        ORDER BY p.last_activity_at DESC, p.id, g.position, g.id`,
      [actor.accountId, actor.tenantId, week, OPEN_GOAL_STATUSES, RATING_ROLES],
    )) as { plan_id: string; plan_title: string; id: string; title: string; rating: GasRating | null }[];
    const byPlan = new Map<string, CheckinPromptView>();
    for (const r of rows) {
      let plan = byPlan.get(r.plan_id);
      if (!plan) byPlan.set(r.plan_id, (plan = { planId: r.plan_id, planTitle: r.plan_title, week, goals: [] }));
      plan.goals.push({ id: r.id, title: r.title, ratedThisWeek: r.rating });
    }
    for (const plan of byPlan.values())
      await this.audit.record(
        {
          tenantId: actor.tenantId,
          actorAccountId: actor.accountId,
          planId: plan.planId,
          action: 'checkin.prompt.read',
          targetType: 'plan',
        },
        actor,
      );
    return [...byPlan.values()];
  }

  /**
   * For the reminder job: active plans with open goals, and their members who may check in and
   * have not this week (ISO week of `today`).
   */
  async checkinPromptCandidates(
    today: string,
    tenantId?: string,
  ): Promise<{ planId: string; tenantId: string; planTitle: string; week: string; memberIds: string[] }[]> {
    const week = weekStart(today);
    const rows = (await this.db.query(
      `SELECT p.id AS plan_id, p.tenant_id, p.title, array_agg(m.id ORDER BY m.id) AS member_ids
         FROM plans p
         JOIN plan_members m ON m.plan_id = p.id AND m.status = 'active' AND m.role = ANY($3::text[]) AND m.account_id IS NOT NULL
        WHERE p.status = 'active' AND ($2::uuid IS NULL OR p.tenant_id = $2)
          AND EXISTS (SELECT 1 FROM goals g WHERE g.plan_id = p.id AND g.deleted_at IS NULL AND g.status = ANY($4::text[]))
          AND NOT EXISTS (SELECT 1 FROM goal_ratings r WHERE r.member_id = m.id AND r.kind = 'checkin' AND r.week = $1)
        GROUP BY p.id
        ORDER BY p.id`,
      [week, tenantId ?? null, RATING_ROLES, OPEN_GOAL_STATUSES],
    )) as { plan_id: string; tenant_id: string; title: string; member_ids: string[] }[];
    return rows.map((r) => ({ planId: r.plan_id, tenantId: r.tenant_id, planTitle: r.title, week, memberIds: r.member_ids }));
  }

  /** Each goal's latest evaluation rating, for the exports (the plan's content: the caller has authorized the read). */
  async evaluationRatings(planId: string): Promise<{ evaluations: EvaluationView[] }> {
    const [evaluations, ratings] = await Promise.all([
      this.db.query(`SELECT ${EVALUATION_COLUMNS} FROM evaluations WHERE plan_id = $1 ORDER BY evaluated_on, created_at`, [
        planId,
      ]) as Promise<EvaluationRow[]>,
      this.db.query(
        `SELECT ${RATING_COLUMNS} FROM goal_ratings WHERE plan_id = $1 AND kind = 'evaluation' ORDER BY created_at, position, id`,
        [planId],
      ) as Promise<RatingRow[]>,
    ]);
    return {
      evaluations: evaluations.map((e) =>
        toEvaluationView(
          e,
          ratings
            .filter((r) => r.evaluation_id === e.id)
            .map((r) => ({ goalId: r.goal_id, goalTitle: r.goal_title, rating: r.rating, decision: r.decision!, comment: r.comment })),
        ),
      ),
    };
  }

  private async liveGoal(tx: EntityManager, planId: string, goalId: string): Promise<GoalRow> {
    const [goal] = (await tx.query(
      `SELECT id, title, status, target_date::text AS target_date, field_revisions FROM goals WHERE id = $1 AND plan_id = $2 AND deleted_at IS NULL`,
      [goalId, planId],
    )) as GoalRow[];
    if (!goal) throw new NotFound('Goal');
    return goal;
  }
}

function toEvaluationView(e: EvaluationRow, items: EvaluationItemView[]): EvaluationView {
  return {
    id: e.id,
    planId: e.plan_id,
    date: e.evaluated_on,
    meetingId: e.meeting_id,
    participants: e.participants,
    items,
    nextEvaluation: e.next_evaluation,
    periodStart: e.period_start,
    periodEnd: e.period_end,
    tScore: e.t_score === null ? null : Number(e.t_score),
    completedBy: { accountId: e.completed_by, name: e.completed_by_name },
    completedAt: e.created_at.toISOString(),
    revision: e.revision,
  };
}

function toSelfRatingView(r: RatingRow): SelfRatingView {
  return {
    id: r.id,
    goalId: r.goal_id,
    kind: r.kind as SelfRatingKind,
    rating: r.rating,
    comment: r.comment,
    week: r.week,
    by: { memberId: r.member_id!, name: r.rated_by_name },
    at: r.created_at.toISOString(),
    usedInEvaluationId: r.used_in_evaluation_id,
  };
}

/** Notes per goal from its check-ins since the last evaluation and that evaluation's rating. */
function notesOf(evaluations: EvaluationView[], self: SelfRatingView[]): CheckinNote[] {
  const lastRating = new Map<string, { rating: GasRating; at: string }>();
  for (const e of evaluations) for (const i of e.items) lastRating.set(i.goalId, { rating: i.rating, at: e.completedAt });
  const byGoal = new Map<string, SelfRatingView[]>();
  for (const r of self)
    if (r.kind === 'checkin') {
      const since = lastRating.get(r.goalId)?.at;
      if (since && r.at < since) continue;
      byGoal.set(r.goalId, [...(byGoal.get(r.goalId) ?? []), r]);
    }
  return [...byGoal.entries()].flatMap(([goalId, list]) => checkinNotes(goalId, list, lastRating.get(goalId)?.rating ?? null));
}
