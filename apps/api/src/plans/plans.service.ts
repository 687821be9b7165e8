/**
 * Plans: start one for a person, read it whole (audited), change its own fields through the
 * write path, close and reopen it, list "my plans", replay its events, show its access log.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  PLAN_PERMISSIONS,
  PLAN_ROLES,
  redactPlanEvents,
  type AccessLogRow,
  type AssuranceLevel,
  type GoalView,
  type ChangeResult,
  type MyPlanRow,
  type Page,
  type PlanEventView,
  type PlanView,
  type TaskView,
} from '#contracts';
import { Account } from '../accounts/account.entity';
import { AccountsService } from '../accounts/accounts.service';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/config';
import { MetricsService } from '../metrics/metrics.service';
import { Consent } from '../consent/consent.entity';
import { EntityColumns, PlanRowsJson, PlanViewsJson, run, sql, type Statement } from '../database/sql';
import { BadRequest, NotFound } from '../errors/domain-error';
import { DomainEvents } from '../events/domain-events';
import { Outbox } from '../events/outbox.service';
import { Goal } from '../goals/goal.entity';
import { Meeting } from '../meetings/meeting.entity';
import { invitationUrl, newInvitationToken } from '../members/invitation-token';
import { PlanMember } from '../members/plan-member.entity';
import { Task } from '../tasks/task.entity';
import type { CreatePlanDto, EventsQueryDto, PageDto, SetPlanStatusDto, UpdatePlanDto } from './dto/plan.dto';
import { applyFieldPatch } from './field-conflicts';
import { PlanAccessService } from './plan-access.service';
import { PlanListsCache, type PlanLists } from './plan-lists-cache';
import { PlanEvent } from './plan-event.entity';
import {
  consentDocumentsOf,
  GOAL_VIEW_FIELDS,
  TASK_VIEW_FIELDS,
  toConsentView,
  toMeetingView,
  toMemberView,
  toPlanSummary,
} from './plan-views';
import { insertPlanEvent, PlanWriter, toEventView } from './plan-writer.service';
import { Plan } from './plan.entity';

const ROLES_NEEDING_CONSENT = PLAN_ROLES.filter((role) => PLAN_PERMISSIONS[role].requiresConsent);

/** A plan with fewer goals and tasks than this is read whole on every load (PlanListsCache). */
const PLAN_LISTS_CACHE_MIN_ROWS = 40;

interface PlanContent {
  plans: EntityColumns<Plan>;
  lists: {
    members: PlanRowsJson<PlanMember>;
    consents: PlanRowsJson<Consent>;
    goals: PlanViewsJson<Goal, GoalView>;
    tasks: PlanViewsJson<Task, TaskView>;
    meetings: PlanRowsJson<Meeting>;
  };
  /**
   * The lists as select items for PlanAccessService.authorizeWith, read only for a member; goals
   * and tasks only when the plan is not at the revision of its fourth parameter (PlanListsCache).
   */
  memberColumns: string;
  /** The plan and its lists by id (no actor); goals and tasks as in `memberColumns`, by the second parameter. */
  system: Statement;
}

export interface CreatedPlan {
  plan: PlanView;
  /** When the person was invited by e-mail: the one-time link (also sent by e-mail). */
  personInvitationUrl?: string;
}

@Injectable()
export class PlansService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: PlanAccessService,
    private readonly writer: PlanWriter,
    private readonly accounts: AccountsService,
    private readonly audit: AuditService,
    private readonly domainEvents: DomainEvents,
    private readonly outbox: Outbox,
    private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {
    this.lists = new PlanListsCache(config.PLAN_LISTS_CACHE_ROWS, PLAN_LISTS_CACHE_MIN_ROWS);
  }

  /** The goal and task views of the largest plans, by revision (PlanListsCache). */
  private readonly lists: PlanListsCache;

  async create(actor: Actor, dto: CreatePlanDto): Promise<CreatedPlan> {
    this.accounts.requireTenantAction(actor, 'plans.create');
    const coordinatorId = dto.coordinatorAccountId ?? (actor.role === 'coordinator' ? actor.accountId : undefined);
    if (!coordinatorId) throw new BadRequest('Name the coordinator (coordinatorAccountId)');
    if (dto.personAccountId && (dto.personEmail || dto.personPhone))
      throw new BadRequest('Give either personAccountId or a way to reach a new person (personEmail, personPhone), not both');
    if (dto.personNoContact && (dto.personAccountId || dto.personEmail || dto.personPhone))
      throw new BadRequest('personNoContact says the person has no phone or e-mail: give no contact with it');
    if (!dto.personAccountId && !dto.personEmail && !dto.personPhone && dto.personNoContact !== true)
      throw new BadRequest(
        'Say how the person is reached: personAccountId (a citizen of the municipality), personEmail or personPhone, or personNoContact: true',
      );
    // The person is invited by e-mail (the link is e-mailed) or by phone (the link is given to the coordinator to pass on).
    const invitation = dto.personEmail || dto.personPhone ? newInvitationToken() : undefined;
    const { planId, event } = await this.db.transaction(async (tx) => {
      const accounts = tx.getRepository(Account);
      const coordinator = await accounts.findOneBy({ id: coordinatorId, tenantId: actor.tenantId });
      if (!coordinator || coordinator.disabledAt) throw new NotFound('Coordinator account');
      if (coordinator.role !== 'coordinator' && coordinator.role !== 'systemkoordinator')
        throw new BadRequest('The coordinator must have the coordinator role');
      const person = dto.personAccountId ? await accounts.findOneBy({ id: dto.personAccountId, tenantId: actor.tenantId }) : null;
      if (dto.personAccountId && !person) throw new NotFound('Person account');
      const now = new Date();
      const plan = await tx.getRepository(Plan).save(
        tx.getRepository(Plan).create({
          tenantId: actor.tenantId,
          personAccountId: person?.id ?? null,
          personName: dto.personName,
          personNoContact: dto.personNoContact === true,
          title: dto.title,
          whatMatters: '',
          resources: '',
          needs: '',
          cooperation: '',
          status: 'draft',
          revision: 1,
          fieldRevisions: {},
          createdBy: actor.accountId,
          createdAt: now,
          updatedAt: now,
          lastActivityAt: now,
        }),
      );
      const members = tx.getRepository(PlanMember);
      await members.insert({
        planId: plan.id,
        accountId: coordinator.id,
        name: coordinator.name,
        email: coordinator.email,
        phone: coordinator.phone,
        role: 'coordinator',
        status: 'active',
        invitedBy: actor.accountId,
      });
      if (person) {
        await members.insert({
          planId: plan.id,
          accountId: person.id,
          name: person.name,
          email: person.email,
          phone: person.phone,
          role: 'person',
          status: 'active',
          invitedBy: actor.accountId,
        });
      } else if (invitation) {
        await members.insert({
          planId: plan.id,
          name: dto.personName,
          email: dto.personEmail?.toLowerCase() ?? null,
          phone: dto.personPhone ?? null,
          role: 'person',
          status: 'invited',
          inviteTokenHash: invitation.hash,
          inviteExpiresAt: invitation.expiresAt,
          invitedBy: actor.accountId,
        });
      }
      const saved = tx.getRepository(PlanEvent).create({
        planId: plan.id,
        revision: 1,
        actorAccountId: actor.accountId,
        actorName: actor.name,
        entityType: 'plan',
        entityId: plan.id,
        action: 'created',
        patch: { title: plan.title, personName: plan.personName, status: plan.status },
        clientMutationId: null,
        at: now,
      });
      await insertPlanEvent(tx, saved);
      if (coordinatorId !== actor.accountId) {
        await this.outbox.add(tx, 'plan.coordinator.appointed', {
          tenantId: actor.tenantId,
          planId: plan.id,
          personName: dto.personName,
          coordinatorAccountId: coordinator.id,
          previousCoordinatorAccountId: null,
          appointedBy: { accountId: actor.accountId, name: actor.name },
        });
      }
      await this.audit.record(
        {
          tenantId: actor.tenantId,
          actorAccountId: actor.accountId,
          planId: plan.id,
          action: 'plan.created',
          targetType: 'plan',
          targetId: plan.id,
        },
        actor,
        tx,
      );
      return { planId: plan.id, event: saved };
    });
    this.domainEvents.emit('plan.event', { tenantId: actor.tenantId, event: toEventView(event) });
    const result: CreatedPlan = { plan: await this.systemView(planId) };
    if (coordinatorId !== actor.accountId) this.outbox.wake();
    if (invitation) result.personInvitationUrl = invitationUrl(this.config.publicUrl, invitation.token);
    if (invitation && dto.personEmail && result.personInvitationUrl) {
      const person = result.plan.members.find((m) => m.role === 'person');
      this.domainEvents.emit('plan.member.invited', {
        tenantId: actor.tenantId,
        planId,
        planTitle: dto.title,
        memberId: person?.id ?? '',
        email: dto.personEmail.toLowerCase(),
        name: dto.personName,
        invitedByName: actor.name,
        invitationUrl: result.personInvitationUrl,
      });
    }
    return result;
  }

  /** The whole plan as the actor may see it; every read is audited. */
  async get(actor: Actor, planId: string): Promise<PlanView> {
    const content = this.content();
    // The authorization and the whole content in one statement: one snapshot, one round trip.
    const cached = this.lists.get(planId);
    const access = await this.access.authorizeWith(actor, planId, 'plan.read', content.memberColumns, [cached?.revision ?? null]);
    const view = await this.viewOf(planId, access.plan, access.row, this.access.may(access, 'consent.read'), cached);
    await this.recordRead(actor, planId, view.revision);
    return { ...view, myRole: access.member.role, myMemberId: access.member.id };
  }

  /**
   * The plan's content as one snapshot, **without authorizing**: only for a caller that has just
   * authorized the actor itself (a socket join: authorize, join the room, then read), and that
   * audits the read with `recordRead`. `withConsents` as the actor's role may read them.
   */
  readAuthorized(planId: string, withConsents: boolean): Promise<Omit<PlanView, 'myRole' | 'myMemberId'>> {
    return this.systemRead(planId, withConsents);
  }

  /** Audits one read of the plan's content at `revision` (every read that returns content). */
  async recordRead(actor: Actor, planId: string, revision: number): Promise<void> {
    await this.audit.record(
      {
        tenantId: actor.tenantId,
        actorAccountId: actor.accountId,
        planId,
        action: 'plan.read',
        targetType: 'plan',
        targetId: planId,
        details: { revision },
      },
      actor,
    );
  }

  async update(actor: Actor, planId: string, dto: UpdatePlanDto): Promise<ChangeResult> {
    const { baseRevision, clientMutationId, ...patch } = dto;
    return this.writer.change(
      actor,
      planId,
      { action: 'plan.update', entityType: 'plan', clientMutationId },
      async ({ tx, plan, revision }) => {
        const out = applyFieldPatch(plan, plan.fieldRevisions, patch, baseRevision, revision, actor.accountId);
        if (Object.keys(out.applied).length)
          await tx.getRepository(Plan).update({ id: planId }, { ...out.applied, fieldRevisions: out.fieldRevisions });
        return { entityId: planId, op: 'updated', patch: out.applied, conflicts: out.conflicts };
      },
    );
  }

  async setStatus(actor: Actor, planId: string, dto: SetPlanStatusDto): Promise<ChangeResult> {
    const action = dto.status === 'closed' ? 'plan.close' : 'plan.update';
    return this.writer.change(
      actor,
      planId,
      { action, entityType: 'plan', clientMutationId: dto.clientMutationId, allowOnClosedPlan: true },
      async ({ tx, plan }) => {
        if (plan.status === dto.status) return { entityId: planId, op: 'status', patch: {} };
        const closedAt = dto.status === 'closed' ? new Date() : null;
        await tx.getRepository(Plan).update({ id: planId }, { status: dto.status, closedAt });
        return {
          entityId: planId,
          op: dto.status === 'closed' ? 'closed' : dto.status === 'active' && plan.status === 'closed' ? 'reopened' : 'status',
          patch: { status: dto.status },
        };
      },
    );
  }

  async myPlans(actor: Actor, page: PageDto): Promise<Page<MyPlanRow>> {
    const rows = (await this.db.query(
      `SELECT p.id, p.title, p.person_name, p.status, p.last_activity_at, m.role, m.id AS member_id, r.readable,
              CASE WHEN r.readable THEN (SELECT json_build_object('id', mt.id, 'startsAt', mt.starts_at, 'title', mt.title) FROM meetings mt
                WHERE mt.plan_id = p.id AND mt.deleted_at IS NULL AND mt.status = 'planned' AND mt.starts_at >= now()
                ORDER BY mt.starts_at LIMIT 1) END AS next_meeting,
              CASE WHEN r.readable THEN (SELECT count(*)::int FROM tasks t WHERE t.responsible_member_id = m.id AND t.deleted_at IS NULL
                AND t.status IN ('planned','in_progress')) ELSE 0 END AS my_open_tasks,
              count(*) OVER ()::int AS total
         FROM plan_members m JOIN plans p ON p.id = m.plan_id
         -- Content (the next meeting, my tasks) only where the member may read the plan: as GET /api/plans/:id decides.
         CROSS JOIN LATERAL (SELECT (m.role <> ALL($5::text[]) OR EXISTS (SELECT 1 FROM consents c
                  WHERE c.member_id = m.id AND c.kind = 'member_access' AND c.revoked_at IS NULL)) AS readable) r
        WHERE m.account_id = $1 AND m.status = 'active' AND p.tenant_id = $2
        ORDER BY (p.status = 'closed'), p.last_activity_at DESC, p.id
        LIMIT $3 OFFSET $4`,
      [actor.accountId, actor.tenantId, page.limit, page.offset, ROLES_NEEDING_CONSENT],
    )) as {
      id: string;
      title: string;
      person_name: string;
      status: MyPlanRow['status'];
      last_activity_at: Date;
      role: MyPlanRow['myRole'];
      readable: boolean;
      next_meeting: { id: string; startsAt: string; title: string } | null;
      my_open_tasks: number;
      total: number;
    }[];
    return {
      items: rows.map((r) => ({
        id: r.id,
        title: r.title,
        personName: r.person_name,
        status: r.status,
        myRole: r.role,
        consentRequired: !r.readable,
        nextMeeting: r.next_meeting ? { ...r.next_meeting, startsAt: new Date(r.next_meeting.startsAt).toISOString() } : null,
        myOpenTasks: r.my_open_tasks,
        lastActivityAt: r.last_activity_at.toISOString(),
      })),
      total: rows[0]?.total ?? (page.offset > 0 ? await this.countMyPlans(actor) : 0),
      limit: page.limit,
      offset: page.offset,
    };
  }

  async events(actor: Actor, planId: string, query: EventsQueryDto): Promise<{ revision: number; events: PlanEventView[] }> {
    const { plan, member } = await this.access.authorize(actor, planId, 'plan.read');
    // Authorized: consent is in force where the role needs it.
    const events = redactPlanEvents(await this.eventsAfter(planId, query.since, query.limit), { role: member.role, hasConsent: true });
    await this.recordEventsRead(actor, planId, query.since, events.length, 'rest');
    return { revision: plan.revision, events };
  }

  /** Events after a revision, in order, unredacted (no authorization: callers authorize and redact). One prepared statement. */
  async eventsAfter(planId: string, afterRevision: number, limit: number, toRevision?: number): Promise<PlanEventView[]> {
    const e = this.eventColumns();
    const rows = await run(this.db.manager, e.after, [planId, afterRevision, toRevision ?? null, limit]);
    return rows.map((row) => toEventView(e.cols.hydrate(row, 'e')!));
  }

  private eventReads: { cols: EntityColumns<PlanEvent>; after: Statement } | null = null;

  private eventColumns(): { cols: EntityColumns<PlanEvent>; after: Statement } {
    if (this.eventReads) return this.eventReads;
    const cols = new EntityColumns(this.db, PlanEvent);
    this.eventReads = {
      cols,
      after: sql(
        `SELECT ${cols.select('e')} FROM plan_events e
          WHERE e.plan_id = $1 AND e.revision > $2 AND ($3::int IS NULL OR e.revision <= $3::int)
          ORDER BY e.revision LIMIT $4`,
      ),
    };
    return this.eventReads;
  }

  async accessLog(actor: Actor, planId: string, page: PageDto): Promise<Page<AccessLogRow>> {
    await this.access.authorize(actor, planId, 'accessLog.read');
    const rows = (await this.db.query(
      `SELECT a.at, a.action, a.actor_account_id, a.target_type, a.assurance, coalesce(acc.name, '') AS name, count(*) OVER ()::int AS total
         FROM audit_entries a LEFT JOIN accounts acc ON acc.id = a.actor_account_id
        WHERE a.plan_id = $1 ORDER BY a.at DESC, a.id DESC LIMIT $2 OFFSET $3`,
      [planId, page.limit, page.offset],
    )) as {
      at: Date;
      action: string;
      actor_account_id: string | null;
      target_type: string | null;
      assurance: AssuranceLevel | null;
      name: string;
      total: number;
    }[];
    await this.audit.record(
      {
        tenantId: actor.tenantId,
        actorAccountId: actor.accountId,
        planId,
        action: 'plan.accessLog.read',
        targetType: 'plan',
        targetId: planId,
      },
      actor,
    );
    return {
      items: rows.map((r) => ({
        at: r.at.toISOString(),
        action: r.action,
        actor: { accountId: r.actor_account_id, name: r.name },
        targetType: r.target_type,
        assurance: r.assurance,
      })),
      total: rows[0]?.total ?? 0,
      limit: page.limit,
      offset: page.offset,
    };
  }

  /** Reading the change log is reading plan content: audited, whether over REST or a socket. */
  recordEventsRead(actor: Actor, planId: string, since: number, count: number, via: 'rest' | 'socket'): Promise<void> {
    return this.audit.record(
      {
        tenantId: actor.tenantId,
        actorAccountId: actor.accountId,
        planId,
        action: 'plan.events.read',
        targetType: 'plan',
        targetId: planId,
        details: { since, count, via },
      },
      actor,
    );
  }

  /**
   * The plan's content at one revision, for a reader that has authorized already and audits its
   * own read (exports); consent records only where the reader may see them.
   */
  async snapshot(planId: string, withConsents: boolean): Promise<Omit<PlanView, 'myRole' | 'myMemberId'>> {
    return this.systemRead(planId, withConsents);
  }

  private async systemView(planId: string): Promise<PlanView> {
    const view = await this.systemRead(planId, true);
    const coordinator = view.members.find((m) => m.role === 'coordinator');
    return { ...view, myRole: 'coordinator', myMemberId: coordinator?.id ?? '' };
  }

  /** The plan and its content by id, without an actor: one statement. */
  private async systemRead(planId: string, withConsents: boolean): Promise<Omit<PlanView, 'myRole' | 'myMemberId'>> {
    const content = this.content();
    const cached = this.lists.get(planId);
    const [row] = await run(this.db.manager, content.system, [planId, cached?.revision ?? null]);
    const plan = row ? content.plans.hydrate(row, 'p') : null;
    if (!row || !plan) throw new NotFound('Plan');
    return this.viewOf(planId, plan, row, withConsents, cached);
  }

  /**
   * The view of a plan from one statement's row: the plan and each list (PlanRowsJson) read in the
   * same snapshot, so the content is exactly that of the plan's revision. This is every plan load
   * and every first `plan:join`. Goals and tasks are `cached` when the statement read none: the
   * plan was still at the revision they were read at (PlanListsCache).
   */
  private async viewOf(
    planId: string,
    plan: Plan,
    row: Record<string, unknown>,
    withConsents: boolean,
    cached: PlanLists | undefined,
  ): Promise<Omit<PlanView, 'myRole' | 'myMemberId'>> {
    const { lists } = this.content();
    const unread = row['c.goals'] === null || row['c.tasks'] === null;
    if (unread && cached?.revision !== plan.revision)
      throw new Error(`Plan ${planId}: its lists were neither read nor cached at revision ${plan.revision}`);
    this.metrics.planListReads.inc({ source: unread ? 'cache' : 'database' });
    const long = unread
      ? cached!
      : this.lists.put(planId, plan.revision, lists.goals.views(row['c.goals']), lists.tasks.views(row['c.tasks']));
    const members = lists.members.hydrate(row['c.members']);
    const consents = lists.consents.hydrate(row['c.consents']);
    // Only a plan with consent recorded from paper has documents to describe (one more statement;
    // a document's metadata never changes once stored, so it cannot disagree with the snapshot).
    const documents = withConsents && consents.some((c) => c.recordId) ? await consentDocumentsOf(this.db.manager, planId) : undefined;
    const consented = new Set(consents.filter((c) => c.kind === 'member_access' && !c.revokedAt).map((c) => c.memberId));
    return {
      ...toPlanSummary(plan),
      fieldRevisions: plan.fieldRevisions,
      person: { reachable: !plan.personNoContact, consentNeedsPaper: plan.personNoContact },
      members: members.map((m) => toMemberView(m, consented.has(m.id))),
      // Frozen (shared by every reader of this revision): the view's type does not say so.
      goals: long.goals as GoalView[],
      tasks: long.tasks as TaskView[],
      meetings: lists.meetings.hydrate(row['c.meetings']).map(toMeetingView),
      consents: withConsents ? consents.map((c) => toConsentView(c, documents)) : null,
    };
  }

  private planContent: PlanContent | null = null;

  private content(): PlanContent {
    if (this.planContent) return this.planContent;
    const lists: PlanContent['lists'] = {
      members: new PlanRowsJson(this.db, PlanMember, "r.status <> 'removed'", 'r.created_at, r.id'),
      consents: new PlanRowsJson(this.db, Consent, 'true', 'r.given_at'),
      // The two long lists are built as views by PostgreSQL (no entity hydration per row).
      goals: new PlanViewsJson<Goal, GoalView>(this.db, Goal, GOAL_VIEW_FIELDS, 'r.deleted_at IS NULL', 'r.position, r.created_at'),
      tasks: new PlanViewsJson<Task, TaskView>(this.db, Task, TASK_VIEW_FIELDS, 'r.deleted_at IS NULL', 'r.position, r.created_at'),
      meetings: new PlanRowsJson(this.db, Meeting, 'r.deleted_at IS NULL', 'r.starts_at DESC'),
    };
    // Goals and tasks only when the plan is not at the cached revision (parameter `revisionParam`).
    const columns = (guard: string | undefined, revisionParam: string) =>
      Object.entries(lists)
        .map(([name, list]) => {
          const long = name === 'goals' || name === 'tasks';
          const unchanged = `p.revision IS DISTINCT FROM ${revisionParam}::int`;
          return list.column(`c.${name}`, long ? (guard ? `${guard} AND ${unchanged}` : unchanged) : guard);
        })
        .join(', ');
    const plans = new EntityColumns(this.db, Plan);
    this.planContent = {
      plans,
      lists,
      // Read only for a member: a refused read reads no content.
      memberColumns: columns(PlanAccessService.MEMBER, '$4'),
      system: sql(`SELECT ${plans.select('p')}, ${columns(undefined, '$2')} FROM plans p WHERE p.id = $1`),
    };
    return this.planContent;
  }

  private async countMyPlans(actor: Actor): Promise<number> {
    const [{ n }] = (await this.db.query(
      `SELECT count(*)::int AS n FROM plan_members m JOIN plans p ON p.id = m.plan_id WHERE m.account_id = $1 AND m.status = 'active' AND p.tenant_id = $2`,
      [actor.accountId, actor.tenantId],
    )) as { n: number }[];
    return n;
  }
}
