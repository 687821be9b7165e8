/**
 * The person's home ("Min plan"): for each plan the caller takes part in, their own open tasks
 * (due first), the next meeting, what others changed since they last looked, and who is there now.
 * Content is shown only where the caller may read the plan (consent in force where their role
 * needs it) and each plan shown with content is an audited read. "Seen" markers are per member and
 * only move forward.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  HOME_MAX_CHANGES,
  PLAN_PERMISSIONS,
  planRoleMay,
  type HomeChange,
  type HomeMeeting,
  type HomePlan,
  type HomeView,
  type PlanRole,
  type PlanStatus,
  type SeenView,
} from '#contracts';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { consentNeedsOf } from '../consent/consent-needs';
import { BadRequest } from '../errors/domain-error';
import { PlanAccessService } from '../plans/plan-access.service';
import { toTaskView } from '../plans/plan-views';
import { PresenceService } from '../realtime/presence.service';
import { Task } from '../tasks/task.entity';
import type { SeenDto } from './dto/seen.dto';

interface MembershipRow {
  plan_id: string;
  title: string;
  person_name: string;
  status: PlanStatus;
  revision: number;
  member_id: string;
  role: PlanRole;
  joined_at: Date;
  consent: boolean;
  seen_revision: number | null;
}

interface MeetingRow {
  plan_id: string;
  id: string;
  title: string;
  starts_at: Date;
  ends_at: Date | null;
  location: string;
  video_url: string | null;
}

@Injectable()
export class HomeService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: PlanAccessService,
    private readonly audit: AuditService,
    private readonly presence: PresenceService,
  ) {}

  async home(actor: Actor): Promise<HomeView> {
    const memberships = (await this.db.query(
      `SELECT p.id AS plan_id, p.title, p.person_name, p.status, p.revision, m.id AS member_id, m.role,
              m.created_at AS joined_at, s.revision AS seen_revision,
              EXISTS (SELECT 1 FROM consents c WHERE c.member_id = m.id AND c.kind = 'member_access' AND c.revoked_at IS NULL) AS consent
         FROM plan_members m
         JOIN plans p ON p.id = m.plan_id
         LEFT JOIN plan_member_seen s ON s.member_id = m.id
        WHERE m.account_id = $1 AND m.status = 'active' AND p.tenant_id = $2
        ORDER BY (p.status = 'closed'), p.last_activity_at DESC, p.id`,
      [actor.accountId, actor.tenantId],
    )) as MembershipRow[];
    const readable = memberships.filter((m) => !PLAN_PERMISSIONS[m.role].requiresConsent || m.consent);
    const planIds = readable.map((m) => m.plan_id);
    const seesConsent = readable.filter((m) => planRoleMay(m.role, 'consent.read') && m.status !== 'closed').map((m) => m.plan_id);
    const [tasks, meetings, present, consentNeeds] = await Promise.all([
      this.openTasks(readable.map((m) => m.member_id)),
      this.nextMeetings(planIds),
      this.presence.presentIn(planIds),
      consentNeedsOf(this.db.manager, seesConsent),
    ]);
    const plans: HomePlan[] = [];
    for (const m of memberships) {
      const base = {
        planId: m.plan_id,
        title: m.title,
        personName: m.person_name,
        status: m.status,
        myRole: m.role,
        myMemberId: m.member_id,
      };
      if (!readable.includes(m)) {
        plans.push({
          ...base,
          access: 'consent_required',
          revision: null,
          myTasks: [],
          nextMeeting: null,
          changes: { seenRevision: m.seen_revision ?? 0, count: 0, items: [] },
          presentNow: [],
          consentNeeds: null,
        });
        continue;
      }
      const meeting = meetings.get(m.plan_id);
      plans.push({
        ...base,
        access: 'full',
        revision: m.revision,
        myTasks: (tasks.get(m.member_id) ?? []).map(toTaskView),
        nextMeeting: meeting ? toHomeMeeting(meeting) : null,
        changes: { seenRevision: m.seen_revision ?? 0, ...(await this.changes(actor, m)) },
        presentNow: (present.get(m.plan_id) ?? [])
          .filter((p) => p.accountId !== actor.accountId)
          .map((p) => ({ accountId: p.accountId, name: p.name })),
        consentNeeds: consentNeeds.get(m.plan_id) ?? null,
      });
    }
    await Promise.all(
      readable.map((m) =>
        this.audit.record(
          {
            tenantId: actor.tenantId,
            actorAccountId: actor.accountId,
            planId: m.plan_id,
            action: 'home.read',
            targetType: 'plan',
            targetId: m.plan_id,
            details: { revision: m.revision },
          },
          actor,
        ),
      ),
    );
    return { plans };
  }

  /** Moves the caller's marker forward to `revision` (never back); beyond the plan's revision is 400. */
  async markSeen(actor: Actor, planId: string, dto: SeenDto): Promise<SeenView> {
    const { plan, member } = await this.access.authorize(actor, planId, 'plan.read');
    if (dto.revision > plan.revision) throw new BadRequest(`The plan is at revision ${plan.revision}`);
    const [row] = (await this.db.query(
      `INSERT INTO plan_member_seen (member_id, plan_id, revision, seen_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (member_id) DO UPDATE
         SET revision = GREATEST(plan_member_seen.revision, EXCLUDED.revision),
             seen_at = CASE WHEN EXCLUDED.revision > plan_member_seen.revision THEN EXCLUDED.seen_at ELSE plan_member_seen.seen_at END
       RETURNING revision, seen_at`,
      [member.id, planId, dto.revision],
    )) as { revision: number; seen_at: Date }[];
    return { planId, seenRevision: row.revision, seenAt: row.seen_at.toISOString() };
  }

  /** Open tasks by responsible member: earliest due date first, undated last, then the plan's order. */
  private async openTasks(memberIds: string[]): Promise<Map<string, Task[]>> {
    const byMember = new Map<string, Task[]>();
    if (!memberIds.length) return byMember;
    const rows = await this.db
      .getRepository(Task)
      .createQueryBuilder('t')
      .where("t.responsible_member_id = ANY(:memberIds) AND t.deleted_at IS NULL AND t.status IN ('planned', 'in_progress')", {
        memberIds,
      })
      .orderBy('t.due_date', 'ASC', 'NULLS LAST')
      .addOrderBy('t.position', 'ASC')
      .addOrderBy('t.created_at', 'ASC')
      .getMany();
    for (const t of rows) {
      const list = byMember.get(t.responsibleMemberId!) ?? [];
      list.push(t);
      byMember.set(t.responsibleMemberId!, list);
    }
    return byMember;
  }

  /** The next planned meeting of each plan that has not ended yet. */
  private async nextMeetings(planIds: string[]): Promise<Map<string, MeetingRow>> {
    if (!planIds.length) return new Map();
    const rows = (await this.db.query(
      `SELECT DISTINCT ON (plan_id) plan_id, id, title, starts_at, ends_at, location, video_url
         FROM meetings
        WHERE plan_id = ANY($1::uuid[]) AND deleted_at IS NULL AND status = 'planned' AND coalesce(ends_at, starts_at) >= now()
        ORDER BY plan_id, starts_at, id`,
      [planIds],
    )) as MeetingRow[];
    return new Map(rows.map((r) => [r.plan_id, r]));
  }

  /** Others' changes after my marker; before I ever marked one, those since I joined. */
  private async changes(actor: Actor, m: MembershipRow): Promise<{ count: number; items: HomeChange[] }> {
    const after = m.seen_revision === null ? `e.at >= $3` : `e.revision > $3`;
    const rows = (await this.db.query(
      `SELECT e.revision, e.entity_type, e.entity_id, e.action, e.actor_account_id, e.actor_name, e.at,
              count(*) OVER ()::int AS total
         FROM plan_events e
        WHERE e.plan_id = $1 AND e.actor_account_id <> $2 AND ${after}
        ORDER BY e.revision DESC
        LIMIT ${HOME_MAX_CHANGES}`,
      [m.plan_id, actor.accountId, m.seen_revision ?? m.joined_at],
    )) as {
      revision: number;
      entity_type: HomeChange['entityType'];
      entity_id: string;
      action: string;
      actor_account_id: string;
      actor_name: string;
      at: Date;
      total: number;
    }[];
    return {
      count: rows[0]?.total ?? 0,
      items: rows.map((r) => ({
        revision: r.revision,
        entityType: r.entity_type,
        entityId: r.entity_id,
        action: r.action,
        actor: { accountId: r.actor_account_id, name: r.actor_name },
        at: r.at.toISOString(),
      })),
    };
  }
}

function toHomeMeeting(r: MeetingRow): HomeMeeting {
  return {
    id: r.id,
    title: r.title,
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at?.toISOString() ?? null,
    location: r.location,
    videoUrl: r.video_url,
    icsPath: `/api/plans/${r.plan_id}/meetings/${r.id}/calendar.ics`,
  };
}
