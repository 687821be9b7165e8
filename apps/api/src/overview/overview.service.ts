/**
 * The systemkoordinator's overview of their own tenant: plans without a coordinator, plans whose
 * evaluation date has passed, plans asleep, open reported needs, coordinators' caseloads and
 * training, and plans by status.
 *
 * Privacy: this is a read model over the plans' tables that selects metadata columns only (title,
 * the person's name, status, dates, the coordinator, a member count). What matters to the person,
 * goals, tasks, meetings and notes are never read here; the systemkoordinator sees them only as
 * a member of the plan, through the plans' own access rule.
 */
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  FOLLOW_UP_RATING_MONTHS,
  PLAN_STATUSES,
  type NudgeReason,
  type NudgeResult,
  type OverviewList,
  type OverviewPlanRow,
  type OverviewPlanViewName,
  type OverviewView,
  type Page,
  type PlanAppointmentResult,
  type PlanStatus,
} from '#contracts';
import { AccountsService } from '../accounts/accounts.service';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { MembersService } from '../members/members.service';
import { NeedsService } from '../needs/needs.service';
import { localDate } from '../notifications/local-time';
import { NotificationsService } from '../notifications/notifications.service';
import { Conflict, NotFound } from '../errors/domain-error';
import { CoordinatorsService } from '../training/coordinators.service';
import { CoordinationConfig } from './coordination.config';
import type { OverviewPlansQueryDto } from './dto/overview.dto';

/** An active plan has had a rating (an evaluation, or the person's own) within FOLLOW_UP_RATING_MONTHS. */
const RATED_RECENTLY = `EXISTS (SELECT 1 FROM goal_ratings r WHERE r.plan_id = p.id
  AND r.created_at >= now() - make_interval(months => ${FOLLOW_UP_RATING_MONTHS}))`;

/** How many rows of each list the summary carries; the rest is paged through /api/overview/plans. */
const SUMMARY_ROWS = 20;

interface PlanRow {
  id: string;
  title: string;
  person_name: string;
  status: PlanStatus;
  next_evaluation: string | null;
  last_activity_at: Date;
  created_at: Date;
  coordinator_account_id: string | null;
  coordinator_name: string | null;
  active_members: number;
  last_nudge_at: Date | null;
  total: number;
}

function toRow(r: PlanRow): OverviewPlanRow {
  return {
    id: r.id,
    title: r.title,
    personName: r.person_name,
    status: r.status,
    nextEvaluation: r.next_evaluation,
    lastActivityAt: r.last_activity_at.toISOString(),
    createdAt: r.created_at.toISOString(),
    coordinator: r.coordinator_name !== null ? { accountId: r.coordinator_account_id, name: r.coordinator_name } : null,
    activeMembers: r.active_members,
    lastNudgeAt: r.last_nudge_at?.toISOString() ?? null,
  };
}

@Injectable()
export class OverviewService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly accounts: AccountsService,
    private readonly audit: AuditService,
    private readonly needs: NeedsService,
    private readonly coordinators: CoordinatorsService,
    private readonly config: CoordinationConfig,
    private readonly members: MembersService,
    private readonly notifications: NotificationsService,
  ) {}

  private readonly logger = new Logger('Overview');

  /**
   * Reminds whoever can act on a plan in one of the overview's lists: its coordinator, or, for a
   * plan without one, the one who created it (usually who reported the need or started the
   * work). A notification with a link, metadata only; one per plan, reason, recipient and local
   * day (a second call the same day sends nothing and says so). Audited when sent.
   */
  async nudge(actor: Actor, planId: string, reason: NudgeReason): Promise<NudgeResult> {
    this.accounts.requireTenantAction(actor, 'overview.nudge');
    const today = localDate(this.config.NOTIFICATION_TIME_ZONE);
    const { result, created } = await this.db.transaction(async (tx) => {
      // Metadata only, as everywhere in the overview.
      const [plan] = (await tx.query(
        `SELECT p.id, p.title, p.person_name, p.status, p.next_evaluation::text AS next_evaluation, p.created_by,
                p.last_activity_at < now() - make_interval(days => $3::int) AS inactive,
                c.account_id AS coordinator_account_id
           FROM plans p
           LEFT JOIN plan_members c ON c.plan_id = p.id AND c.role = 'coordinator' AND c.status = 'active'
          WHERE p.id = $1 AND p.tenant_id = $2`,
        [planId, actor.tenantId, this.config.INACTIVE_PLAN_DAYS],
      )) as {
        id: string;
        title: string;
        person_name: string;
        status: PlanStatus;
        next_evaluation: string | null;
        created_by: string | null;
        inactive: boolean;
        coordinator_account_id: string | null;
      }[];
      if (!plan) throw new NotFound('Plan');
      const onList: Record<NudgeReason, boolean> = {
        inactive: plan.inactive,
        evaluation_overdue: plan.next_evaluation !== null && plan.next_evaluation < today,
        without_coordinator: plan.coordinator_account_id === null,
      };
      if (plan.status === 'closed' || !onList[reason]) throw new Conflict(`The plan is not on the list (${reason}) any more`);
      const role: NudgeResult['recipient']['role'] = reason === 'without_coordinator' ? 'creator' : 'coordinator';
      const recipientId = role === 'creator' ? plan.created_by : plan.coordinator_account_id;
      const [recipient] = recipientId
        ? ((await tx.query(`SELECT id, name FROM accounts WHERE id = $1 AND tenant_id = $2 AND disabled_at IS NULL AND id <> $3`, [
            recipientId,
            actor.tenantId,
            actor.accountId,
          ])) as { id: string; name: string }[])
        : [];
      if (!recipient)
        throw new Conflict(
          role === 'creator'
            ? 'Nobody to remind: appoint a coordinator for the plan'
            : "The plan's coordinator cannot be reached: appoint another",
        );
      const kind = `plan_nudge:${reason}`;
      const claimed = (await tx.query(
        `INSERT INTO sent_reminders (kind, target_id, recipient, due_on) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING sent_at`,
        [kind, planId, recipient.id, today],
      )) as { sent_at: Date }[];
      const base = { planId, reason, recipient: { accountId: recipient.id, name: recipient.name, role } };
      if (!claimed.length) {
        const [earlier] = (await tx.query(
          `SELECT sent_at FROM sent_reminders WHERE kind = $1 AND target_id = $2 AND recipient = $3 AND due_on = $4`,
          [kind, planId, recipient.id, today],
        )) as { sent_at: Date }[];
        return { result: { ...base, sentAt: earlier.sent_at.toISOString(), alreadySentToday: true }, created: null };
      }
      const isMember =
        (
          (await tx.query(`SELECT 1 FROM plan_members WHERE plan_id = $1 AND account_id = $2 AND status = 'active'`, [
            planId,
            recipient.id,
          ])) as unknown[]
        ).length > 0;
      const n = await this.notifications.create(tx, {
        tenantId: actor.tenantId,
        recipient: { accountId: recipient.id },
        kind: 'plan_nudge',
        params: { planTitle: plan.title, personName: plan.person_name, reason, sentBy: actor.name },
        link: isMember ? `/planer/${planId}` : '/',
        planId,
        dedupeKey: `${kind}:${planId}:${recipient.id}:${today}`,
      });
      if (n)
        await tx.query(
          `UPDATE sent_reminders SET notification_id = $1 WHERE kind = $2 AND target_id = $3 AND recipient = $4 AND due_on = $5`,
          [n.id, kind, planId, recipient.id, today],
        );
      await this.audit.record(
        {
          tenantId: actor.tenantId,
          actorAccountId: actor.accountId,
          planId,
          action: 'overview.nudge_sent',
          targetType: 'plan',
          targetId: planId,
          details: { reason, recipientAccountId: recipient.id, recipientRole: role },
        },
        actor,
        tx,
      );
      return { result: { ...base, sentAt: claimed[0].sent_at.toISOString(), alreadySentToday: false }, created: n };
    });
    this.logger.log(`nudge (${reason}) for plan ${planId} ${result.alreadySentToday ? 'already sent today' : 'sent'}`);
    if (created) this.notifications.deliverSoon([created]);
    return result;
  }

  /** Appoints a plan's coordinator; warns (never refuses) on missing training and a high caseload. */
  async appointToPlan(actor: Actor, planId: string, coordinatorAccountId: string): Promise<PlanAppointmentResult> {
    this.accounts.requireTenantAction(actor, 'coordinators.appoint');
    const result = await this.members.appointCoordinator(actor, planId, coordinatorAccountId);
    const warnings = await this.coordinators.appointmentWarnings(actor.tenantId, coordinatorAccountId);
    return { planId, coordinator: result.coordinator, warnings };
  }

  async summary(actor: Actor): Promise<OverviewView> {
    this.accounts.requireTenantAction(actor, 'overview.read');
    const today = localDate(this.config.NOTIFICATION_TIME_ZONE);
    const page = { limit: SUMMARY_ROWS, offset: 0 };
    const [byStatus, withoutCoordinator, evaluationOverdue, inactive, openNeeds, coordinators] = await Promise.all([
      this.countByStatus(actor.tenantId),
      this.planList(actor.tenantId, 'without_coordinator', today, page),
      this.planList(actor.tenantId, 'evaluation_overdue', today, page),
      this.planList(actor.tenantId, 'inactive', today, page),
      this.needs.openSummary(actor.tenantId, SUMMARY_ROWS),
      this.coordinators.list(actor.tenantId),
    ]);
    const [neverEvaluated, ratedRecently, notRatedRecently, withoutOwnWordsGoal] = await Promise.all([
      this.planList(actor.tenantId, 'never_evaluated', today, page),
      this.countView(actor.tenantId, 'rated_recently', today),
      this.planList(actor.tenantId, 'not_rated_recently', today, page),
      this.planList(actor.tenantId, 'without_own_words_goal', today, page),
    ]);
    await this.audit.record(
      { tenantId: actor.tenantId, actorAccountId: actor.accountId, action: 'overview.read', targetType: 'tenant' },
      actor,
    );
    return {
      generatedAt: new Date().toISOString(),
      plansByStatus: byStatus,
      plansWithoutCoordinator: withoutCoordinator,
      evaluationOverdue,
      inactive,
      inactiveDays: this.config.INACTIVE_PLAN_DAYS,
      openNeeds,
      coordinators,
      caseloadWarningThreshold: this.config.COORDINATOR_CASELOAD_WARNING,
      followUp: {
        activePlans: byStatus.active,
        neverEvaluated,
        ratedRecently,
        notRatedRecently,
        withoutOwnWordsGoal,
        ratingMonths: FOLLOW_UP_RATING_MONTHS,
      },
    };
  }

  async plans(actor: Actor, query: OverviewPlansQueryDto): Promise<Page<OverviewPlanRow>> {
    this.accounts.requireTenantAction(actor, 'overview.read');
    const today = localDate(this.config.NOTIFICATION_TIME_ZONE);
    const list = await this.planList(actor.tenantId, query.view, today, query, query.status);
    return { items: list.items, total: list.total, limit: query.limit, offset: query.offset };
  }

  private async countByStatus(tenantId: string): Promise<Record<PlanStatus, number>> {
    const rows = (await this.db.query(`SELECT status, count(*)::int AS n FROM plans WHERE tenant_id = $1 GROUP BY status`, [tenantId])) as {
      status: PlanStatus;
      n: number;
    }[];
    const counts = Object.fromEntries(PLAN_STATUSES.map((s) => [s, 0])) as Record<PlanStatus, number>;
    for (const r of rows) counts[r.status] = r.n;
    return counts;
  }

  private async planList(
    tenantId: string,
    view: OverviewPlanViewName,
    today: string,
    page: { limit: number; offset: number },
    status?: PlanStatus,
  ): Promise<OverviewList<OverviewPlanRow>> {
    const params: unknown[] = [tenantId];
    const param = (value: unknown) => `$${params.push(value)}`;
    const where: Record<OverviewPlanViewName, () => string> = {
      all: () => (status ? `p.status = ${param(status)}` : 'TRUE'),
      without_coordinator: () => `p.status <> 'closed' AND c.id IS NULL`,
      evaluation_overdue: () => `p.status <> 'closed' AND p.next_evaluation < ${param(today)}::date`,
      inactive: () =>
        `p.status <> 'closed' AND p.last_activity_at < now() - make_interval(days => ${param(this.config.INACTIVE_PLAN_DAYS)}::int)`,
      // Follow-up: whether evaluations and ratings exist, and who wrote a goal's title; never what they say.
      never_evaluated: () => `p.status = 'active' AND NOT EXISTS (SELECT 1 FROM evaluations e WHERE e.plan_id = p.id)`,
      rated_recently: () => `p.status = 'active' AND ${RATED_RECENTLY}`,
      not_rated_recently: () => `p.status = 'active' AND NOT ${RATED_RECENTLY}`,
      without_own_words_goal: () => `p.status <> 'closed' AND NOT EXISTS (
        SELECT 1 FROM goals g JOIN plan_members w ON w.plan_id = g.plan_id AND w.role IN ('person', 'guardian')
         WHERE g.plan_id = p.id AND g.deleted_at IS NULL AND w.account_id::text = g.field_revisions->'title'->>'by')`,
    };
    const order: Record<OverviewPlanViewName, string> = {
      all: 'p.last_activity_at DESC',
      without_coordinator: 'p.created_at ASC',
      evaluation_overdue: 'p.next_evaluation ASC',
      inactive: 'p.last_activity_at ASC',
      never_evaluated: 'p.created_at ASC',
      rated_recently: 'p.last_activity_at DESC',
      not_rated_recently: 'p.last_activity_at ASC',
      without_own_words_goal: 'p.created_at ASC',
    };
    const condition = where[view]();
    // Metadata columns only: see the header.
    const rows = (await this.db.query(
      `SELECT p.id, p.title, p.person_name, p.status, p.next_evaluation::text AS next_evaluation, p.last_activity_at, p.created_at,
              c.account_id AS coordinator_account_id, c.name AS coordinator_name,
              (SELECT count(*)::int FROM plan_members m WHERE m.plan_id = p.id AND m.status = 'active') AS active_members,
              (SELECT max(r.sent_at) FROM sent_reminders r WHERE r.kind LIKE 'plan_nudge:%' AND r.target_id = p.id) AS last_nudge_at,
              count(*) OVER ()::int AS total
         FROM plans p
         LEFT JOIN plan_members c ON c.plan_id = p.id AND c.role = 'coordinator' AND c.status = 'active'
        WHERE p.tenant_id = $1 AND ${condition}
        ORDER BY ${order[view]}, p.id
        LIMIT ${param(page.limit)} OFFSET ${param(page.offset)}`,
      params,
    )) as PlanRow[];
    const total = rows[0]?.total ?? (page.offset > 0 ? await this.countView(tenantId, view, today, status) : 0);
    return { total, items: rows.map(toRow) };
  }

  private async countView(tenantId: string, view: OverviewPlanViewName, today: string, status?: PlanStatus): Promise<number> {
    const list = await this.planList(tenantId, view, today, { limit: 1, offset: 0 }, status);
    return list.total;
  }
}
