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
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  FOLLOW_UP_RATING_MONTHS,
  PLAN_STATUSES,
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
  ) {}

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
