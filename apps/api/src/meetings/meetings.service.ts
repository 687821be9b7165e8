/**
 * Ansvarsgruppemøter: time, place, agenda, who came, minutes (referat) and decisions. Every change
 * goes through the plan's write path; a decision can become a task (tiltak) in the same change.
 * Calendar-relevant changes write an outbox message in their transaction ('meeting.scheduled',
 * 'meeting.moved', 'meeting.cancelled') so that the notifications send .ics invitations even if
 * the node dies right after the commit.
 *
 * The coordinator closes a meeting with its minutes approved (`meeting.close`): who was present,
 * optionally the next meeting in the same change, and the summary to every member through the
 * outbox ('meeting.summary'). A closed meeting is read-only (`409 meeting_closed`, meeting-closed.ts)
 * until the coordinator reopens it for a correction, with a reason kept in the history.
 */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, Not } from 'typeorm';
import {
  MEETING_STATUSES,
  PLAN_PERMISSIONS,
  PLAN_ROLES,
  planRoleMay,
  type AgendaItem,
  type ChangeResult,
  type Decision,
  type MeetingCloseResult,
  type MeetingDecisionResult,
  type MeetingDetailView,
  type Page,
} from '#contracts';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { BadRequest, Conflict, Forbidden, NotFound } from '../errors/domain-error';
import type { MeetingNotice, MeetingRecipient } from '../events/domain-events';
import { Outbox } from '../events/outbox.service';
import { buildIcs, meetingUid } from '../notifications/ics';
import { applyFieldPatch } from '../plans/field-conflicts';
import { lastEventPatch } from '../plans/plan-history';
import { PlanAccessService } from '../plans/plan-access.service';
import { toMeetingView } from '../plans/plan-views';
import { PlanWriter } from '../plans/plan-writer.service';
import type { Plan } from '../plans/plan.entity';
import { TasksService } from '../tasks/tasks.service';
import type {
  AgendaItemDto,
  CloseMeetingDto,
  CreateDecisionDto,
  CreateMeetingDto,
  MeetingsQueryDto,
  ReopenMeetingDto,
  UpdateMeetingDto,
} from './dto/meeting.dto';
import { assertMeetingOpen } from './meeting-closed';
import { Meeting } from './meeting.entity';

/** Changing any of these moves the meeting in people's calendars (a new SEQUENCE). */
const CALENDAR_FIELDS = ['startsAt', 'endsAt', 'location', 'videoUrl'] as const;

type NoticeKind = 'meeting.scheduled' | 'meeting.moved' | 'meeting.cancelled';

export function toMeetingDetail(m: Meeting): MeetingDetailView {
  return { ...toMeetingView(m), sequence: m.sequence };
}

/** The agenda in one key order, so that equal agendas compare equal (jsonb reorders keys). */
function normalizeAgenda(items: readonly (AgendaItem | AgendaItemDto)[]): AgendaItem[] {
  return items.map((i) => ({ id: i.id ?? randomUUID(), title: i.title, done: i.done ?? false }));
}

function iso(value: string): string {
  return new Date(value).toISOString();
}

/** Planned and not yet over: the only meetings worth a calendar message. */
function isUpcoming(m: Pick<Meeting, 'status' | 'startsAt' | 'endsAt'>): boolean {
  return m.status === 'planned' && (m.endsAt ?? m.startsAt).getTime() > Date.now();
}

@Injectable()
export class MeetingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: PlanAccessService,
    private readonly writer: PlanWriter,
    private readonly tasks: TasksService,
    private readonly audit: AuditService,
    private readonly outbox: Outbox,
  ) {}

  async list(actor: Actor, planId: string, query: MeetingsQueryDto): Promise<Page<MeetingDetailView>> {
    await this.access.authorize(actor, planId, 'meeting.read');
    const qb = this.db
      .getRepository(Meeting)
      .createQueryBuilder('m')
      .where('m.plan_id = :planId AND m.deleted_at IS NULL', { planId })
      .orderBy('m.starts_at', 'DESC')
      .addOrderBy('m.id')
      .take(query.limit)
      .skip(query.offset);
    if (query.status) qb.andWhere('m.status = :status', { status: query.status });
    const [rows, total] = await qb.getManyAndCount();
    await this.recordRead(actor, planId, 'plan', planId);
    return { items: rows.map(toMeetingDetail), total, limit: query.limit, offset: query.offset };
  }

  async get(actor: Actor, planId: string, meetingId: string): Promise<MeetingDetailView> {
    await this.access.authorize(actor, planId, 'meeting.read');
    const meeting = await this.db.getRepository(Meeting).findOneBy({ id: meetingId, planId, deletedAt: IsNull() });
    if (!meeting) throw new NotFound('Meeting');
    await this.recordRead(actor, planId, 'meeting', meetingId);
    return toMeetingDetail(meeting);
  }

  /**
   * The meeting as a calendar entry to download (METHOD:PUBLISH, same UID and SEQUENCE as the
   * invitations, so a calendar keeps one entry). Like the invitations it names no person.
   */
  async calendar(actor: Actor, planId: string, meetingId: string): Promise<string> {
    await this.access.authorize(actor, planId, 'meeting.read');
    const meeting = await this.db.getRepository(Meeting).findOneBy({ id: meetingId, planId, deletedAt: IsNull() });
    if (!meeting) throw new NotFound('Meeting');
    await this.recordRead(actor, planId, 'meeting', meetingId);
    return buildIcs({
      method: 'PUBLISH',
      uid: meetingUid(meeting.id),
      sequence: meeting.sequence,
      start: meeting.startsAt,
      end: meeting.endsAt,
      summary: 'Ansvarsgruppemøte (Fellesplan)',
      location: [meeting.location, meeting.videoUrl].filter(Boolean).join(' – ') || undefined,
    });
  }

  create(actor: Actor, planId: string, dto: CreateMeetingDto): Promise<ChangeResult<MeetingDetailView>> {
    const { clientMutationId, ...fields } = dto;
    return this.writer.change(
      actor,
      planId,
      { action: 'meeting.write', entityType: 'meeting', clientMutationId },
      async ({ tx, plan, revision }) => {
        const startsAt = new Date(fields.startsAt);
        const endsAt = fields.endsAt ? new Date(fields.endsAt) : null;
        if (endsAt && endsAt < startsAt) throw new BadRequest('The meeting cannot end before it starts');
        const stamp = Object.fromEntries(Object.keys(fields).map((k) => [k, { rev: revision, by: actor.accountId }]));
        const repo = tx.getRepository(Meeting);
        const meeting = await repo.save(
          repo.create({
            planId,
            title: fields.title ?? 'Ansvarsgruppemøte',
            startsAt,
            endsAt,
            location: fields.location ?? '',
            videoUrl: fields.videoUrl ?? null,
            agenda: normalizeAgenda(fields.agenda ?? []),
            attendees: [],
            minutes: '',
            decisions: [],
            status: 'planned',
            sequence: 0,
            fieldRevisions: stamp,
          }),
        );
        const view = toMeetingDetail(meeting);
        const { fieldRevisions: _ignored, ...patch } = view;
        const afterCommit = isUpcoming(meeting) ? await this.notice(tx, actor, plan, meeting, 'meeting.scheduled') : undefined;
        return { entityId: meeting.id, op: 'created', patch, result: view, afterCommit };
      },
    );
  }

  /**
   * Field by field with the conflict rule (docs/conflicts.md). A new time or place bumps the
   * sequence, so that calendars replace the invitation they have.
   */
  update(actor: Actor, planId: string, meetingId: string, dto: UpdateMeetingDto): Promise<ChangeResult<MeetingDetailView>> {
    const { baseRevision, clientMutationId, ...fields } = dto;
    return this.writer.change(
      actor,
      planId,
      { action: 'meeting.write', entityType: 'meeting', clientMutationId },
      async ({ tx, plan, revision }) => {
        const meeting = await this.findForChange(tx, planId, meetingId);
        assertMeetingOpen(meeting);
        const current = { ...toMeetingView(meeting), agenda: normalizeAgenda(meeting.agenda), attendees: [...meeting.attendees].sort() };
        // In the wire format of `current`, so that an unchanged value is recognised as unchanged.
        const patch: Partial<typeof current> = {
          title: fields.title,
          startsAt: fields.startsAt === undefined ? undefined : iso(fields.startsAt),
          endsAt: fields.endsAt === undefined || fields.endsAt === null ? fields.endsAt : iso(fields.endsAt),
          location: fields.location,
          videoUrl: fields.videoUrl,
          agenda: fields.agenda && normalizeAgenda(fields.agenda),
          attendees: fields.attendees && [...fields.attendees].sort(),
          minutes: fields.minutes,
          status: fields.status,
        };
        if (patch.attendees?.length) await this.checkMembers(tx, planId, patch.attendees);
        const out = applyFieldPatch(current, meeting.fieldRevisions, patch, baseRevision, revision, actor.accountId);
        const applied = out.applied;
        if (!Object.keys(applied).length) return { entityId: meetingId, op: 'updated', patch: {}, conflicts: out.conflicts };

        const before = { status: meeting.status, startsAt: meeting.startsAt, endsAt: meeting.endsAt };
        const next: Meeting = {
          ...meeting,
          title: applied.title ?? meeting.title,
          startsAt: applied.startsAt !== undefined ? new Date(applied.startsAt) : meeting.startsAt,
          endsAt: applied.endsAt !== undefined ? (applied.endsAt ? new Date(applied.endsAt) : null) : meeting.endsAt,
          location: applied.location ?? meeting.location,
          videoUrl: applied.videoUrl !== undefined ? applied.videoUrl : meeting.videoUrl,
          agenda: applied.agenda ?? meeting.agenda,
          attendees: applied.attendees ?? meeting.attendees,
          minutes: applied.minutes ?? meeting.minutes,
          status: applied.status ?? meeting.status,
          fieldRevisions: out.fieldRevisions,
        };
        if (next.endsAt && next.endsAt < next.startsAt) throw new BadRequest('The meeting cannot end before it starts');
        const moved = CALENDAR_FIELDS.some((f) => f in applied);
        const cancelled = before.status === 'planned' && next.status === 'cancelled';
        const restored = before.status === 'cancelled' && next.status === 'planned';
        if (moved || cancelled || restored) next.sequence = meeting.sequence + 1;
        await tx.getRepository(Meeting).update(
          { id: meetingId },
          {
            title: next.title,
            startsAt: next.startsAt,
            endsAt: next.endsAt,
            location: next.location,
            videoUrl: next.videoUrl,
            agenda: next.agenda,
            attendees: next.attendees,
            minutes: next.minutes,
            status: next.status,
            sequence: next.sequence,
            fieldRevisions: next.fieldRevisions,
          },
        );

        let kind: NoticeKind | null = null;
        if (cancelled && isUpcoming({ ...before, status: 'planned' })) kind = 'meeting.cancelled';
        else if (restored && isUpcoming(next)) kind = 'meeting.scheduled';
        else if (moved && isUpcoming(next)) kind = 'meeting.moved';
        const afterCommit = kind ? await this.notice(tx, actor, plan, next, kind) : undefined;
        const eventPatch = next.sequence !== meeting.sequence ? { ...applied, sequence: next.sequence } : applied;
        return {
          entityId: meetingId,
          op: 'updated',
          patch: eventPatch,
          conflicts: out.conflicts,
          result: toMeetingDetail(next),
          afterCommit,
        };
      },
    );
  }

  /**
   * One agenda item's text, as it settles from shared text (realtime/shared-text, entity
   * 'agenda_item'): the meeting's write path on the meeting's `agenda` field (one revision, event
   * and audit entry per settled burst). The item must still be there (else 404: removed while
   * someone typed) and the meeting open; the rest of the agenda is kept as it is now.
   */
  setAgendaItemTitle(
    actor: Actor,
    planId: string,
    meetingId: string,
    itemId: string,
    title: string,
    base: { clientMutationId?: string },
  ): Promise<ChangeResult<MeetingDetailView>> {
    return this.writer.change(
      actor,
      planId,
      { action: 'meeting.write', entityType: 'meeting', clientMutationId: base.clientMutationId },
      async ({ tx, revision }) => {
        const meeting = await this.findForChange(tx, planId, meetingId);
        assertMeetingOpen(meeting);
        const agenda = normalizeAgenda(meeting.agenda);
        if (!agenda.some((i) => i.id === itemId)) throw new NotFound('Agenda item');
        const next = agenda.map((i) => (i.id === itemId ? { ...i, title } : i));
        if (next.every((i, n) => i.title === agenda[n].title)) return { entityId: meetingId, op: 'updated', patch: {} };
        const fieldRevisions = { ...meeting.fieldRevisions, agenda: { rev: revision, by: actor.accountId } };
        await tx.getRepository(Meeting).update({ id: meetingId }, { agenda: next, fieldRevisions });
        return {
          entityId: meetingId,
          op: 'updated',
          patch: { agenda: next },
          result: toMeetingDetail({ ...meeting, agenda: next, fieldRevisions }),
        };
      },
    );
  }

  /**
   * Deleting is soft and cancels: a planned meeting still ahead sends a cancellation to the
   * calendars. The status it had is kept in the event, for a restore.
   */
  remove(actor: Actor, planId: string, meetingId: string, clientMutationId?: string): Promise<ChangeResult> {
    return this.writer.change(actor, planId, { action: 'meeting.write', entityType: 'meeting', clientMutationId }, async ({ tx, plan }) => {
      const meeting = await this.findForChange(tx, planId, meetingId);
      // Reopen it first: the approved minutes are a record.
      assertMeetingOpen(meeting);
      const wasUpcoming = isUpcoming(meeting);
      const next: Meeting = {
        ...meeting,
        status: meeting.status === 'planned' ? 'cancelled' : meeting.status,
        sequence: meeting.status === 'planned' ? meeting.sequence + 1 : meeting.sequence,
        deletedAt: new Date(),
        deletedBy: actor.accountId,
      };
      await tx
        .getRepository(Meeting)
        .update({ id: meetingId }, { status: next.status, sequence: next.sequence, deletedAt: next.deletedAt, deletedBy: next.deletedBy });
      return {
        entityId: meetingId,
        op: 'deleted',
        patch: { deleted: true, deletedBy: actor.accountId, status: next.status, statusBeforeDelete: meeting.status },
        afterCommit: wasUpcoming ? await this.notice(tx, actor, plan, next, 'meeting.cancelled') : undefined,
      };
    });
  }

  /**
   * Brings a deleted meeting back with the status it had; one that was planned and is still ahead
   * is in people's calendars again (a new invitation with a higher sequence).
   */
  restore(actor: Actor, planId: string, meetingId: string, clientMutationId?: string): Promise<ChangeResult<MeetingDetailView>> {
    return this.writer.change(actor, planId, { action: 'meeting.write', entityType: 'meeting', clientMutationId }, async ({ tx, plan }) => {
      const meeting = await tx.getRepository(Meeting).findOneBy({ id: meetingId, planId, deletedAt: Not(IsNull()) });
      if (!meeting) throw new NotFound('Deleted meeting');
      const before = (await lastEventPatch(tx, planId, 'meeting', meetingId, 'deleted'))?.statusBeforeDelete;
      const status = MEETING_STATUSES.find((s) => s === before) ?? meeting.status;
      const next: Meeting = {
        ...meeting,
        status,
        sequence: status !== meeting.status ? meeting.sequence + 1 : meeting.sequence,
        deletedAt: null,
        deletedBy: null,
      };
      await tx
        .getRepository(Meeting)
        .update({ id: meetingId }, { status: next.status, sequence: next.sequence, deletedAt: null, deletedBy: null });
      const view = toMeetingDetail(next);
      const { fieldRevisions: _ignored, ...patch } = view;
      return {
        entityId: meetingId,
        op: 'restored',
        patch,
        result: view,
        afterCommit: isUpcoming(next) ? await this.notice(tx, actor, plan, next, 'meeting.scheduled') : undefined,
      };
    });
  }

  /**
   * Records a decision and, when asked, makes it a task in the same transaction and the same
   * revision: one plan event (entity 'meeting', action 'decided') whose patch holds the meeting's
   * new `decisions` and the new task as `createdTask`.
   */
  decide(actor: Actor, planId: string, meetingId: string, dto: CreateDecisionDto): Promise<ChangeResult<MeetingDecisionResult>> {
    return this.writer.change(
      actor,
      planId,
      { action: 'meeting.write', entityType: 'meeting', clientMutationId: dto.clientMutationId },
      async ({ tx, member, revision }) => {
        const meeting = await this.findForChange(tx, planId, meetingId);
        assertMeetingOpen(meeting);
        if (dto.task && !(member && planRoleMay(member.role, 'task.write')))
          throw new Forbidden('Your role in this plan may not create tasks (task.write)');
        const added = dto.task ? await this.tasks.addTask(tx, actor, planId, revision, dto.task) : null;
        const decision: Decision = { id: randomUUID(), text: dto.text, taskId: added?.view.id ?? null };
        const decisions = [...meeting.decisions, decision];
        const fieldRevisions = { ...meeting.fieldRevisions, decisions: { rev: revision, by: actor.accountId } };
        await tx.getRepository(Meeting).update({ id: meetingId }, { decisions, fieldRevisions });
        if (added) {
          // The task is a change of its own in the audit trail, though it shares the meeting's revision.
          await this.audit.record(
            {
              tenantId: actor.tenantId,
              actorAccountId: actor.accountId,
              planId,
              action: 'task.created',
              targetType: 'task',
              targetId: added.view.id,
              details: { revision, fromMeeting: meetingId },
            },
            actor,
            tx,
          );
        }
        const createdTask = added ? (({ fieldRevisions: _f, ...rest }) => rest)(added.view) : null;
        return {
          entityId: meetingId,
          op: 'decided',
          patch: { decisions, ...(createdTask ? { createdTask } : {}) },
          result: { meeting: toMeetingDetail({ ...meeting, decisions, fieldRevisions }), decision, task: added?.view ?? null },
          afterCommit: added?.afterCommit,
        };
      },
    );
  }

  /**
   * The coordinator approves the minutes and closes the meeting, in one change (one revision, one
   * event 'closed'): who was present, the status 'held', and optionally the next meeting, created
   * in the same transaction (its invitations go out as for any new meeting). The summary to every
   * member is an outbox message of the same transaction, so a node dying after the commit loses it
   * not. Reopening (below) and closing again sends a corrected summary.
   */
  close(actor: Actor, planId: string, meetingId: string, dto: CloseMeetingDto): Promise<ChangeResult<MeetingCloseResult>> {
    return this.writer.change(
      actor,
      planId,
      { action: 'meeting.close', entityType: 'meeting', clientMutationId: dto.clientMutationId },
      async ({ tx, plan, revision }) => {
        const meeting = await this.findForChange(tx, planId, meetingId);
        if (meeting.closedAt) throw new Conflict('The meeting is already closed');
        if (meeting.status === 'cancelled') throw new Conflict('A cancelled meeting cannot be closed; restore it first');
        if (!meeting.minutes.trim() && !meeting.decisions.length)
          throw new BadRequest('There is nothing to approve yet: write the minutes or record a decision first');
        const present = [...dto.present].sort();
        if (present.length) await this.checkMembers(tx, planId, present);

        let next: Meeting | null = null;
        const wakes: (() => void)[] = [];
        if (dto.nextMeeting) {
          const startsAt = new Date(dto.nextMeeting.startsAt);
          const endsAt = dto.nextMeeting.endsAt ? new Date(dto.nextMeeting.endsAt) : null;
          if (startsAt <= meeting.startsAt) throw new BadRequest('The next meeting must start after this one');
          if (endsAt && endsAt < startsAt) throw new BadRequest('The meeting cannot end before it starts');
          const fields = ['startsAt', ...(endsAt ? ['endsAt'] : []), ...(dto.nextMeeting.location ? ['location'] : [])];
          const repo = tx.getRepository(Meeting);
          next = await repo.save(
            repo.create({
              planId,
              title: meeting.title,
              startsAt,
              endsAt,
              location: dto.nextMeeting.location ?? '',
              videoUrl: null,
              // What was not reached carries over to the next meeting's agenda.
              agenda: normalizeAgenda(meeting.agenda.filter((i) => !i.done).map(({ title }) => ({ title }))),
              attendees: [],
              minutes: '',
              decisions: [],
              status: 'planned',
              sequence: 0,
              fieldRevisions: Object.fromEntries(fields.map((k) => [k, { rev: revision, by: actor.accountId }])),
            }),
          );
          // The new meeting is a change of its own in the audit trail, though it shares this revision.
          await this.audit.record(
            {
              tenantId: actor.tenantId,
              actorAccountId: actor.accountId,
              planId,
              action: 'meeting.created',
              targetType: 'meeting',
              targetId: next.id,
              details: { revision, fromMeeting: meetingId },
            },
            actor,
            tx,
          );
          if (isUpcoming(next)) wakes.push(await this.notice(tx, actor, plan, next, 'meeting.scheduled'));
        }

        const stamp = { rev: revision, by: actor.accountId };
        const closed: Meeting = {
          ...meeting,
          status: 'held',
          attendees: present,
          closedAt: new Date(),
          closedBy: actor.accountId,
          closedByName: actor.name,
          nextMeetingId: next?.id ?? meeting.nextMeetingId,
          closings: meeting.closings + 1,
          fieldRevisions: {
            ...meeting.fieldRevisions,
            status: stamp,
            attendees: stamp,
            closedAt: stamp,
            closedBy: stamp,
            ...(next ? { nextMeetingId: stamp } : {}),
          },
        };
        await tx.getRepository(Meeting).update(
          { id: meetingId },
          {
            status: closed.status,
            attendees: closed.attendees,
            closedAt: closed.closedAt,
            closedBy: closed.closedBy,
            closedByName: closed.closedByName,
            nextMeetingId: closed.nextMeetingId,
            closings: closed.closings,
            fieldRevisions: closed.fieldRevisions,
          },
        );
        await this.outbox.add(tx, 'meeting.summary', {
          tenantId: actor.tenantId,
          planId,
          meetingId,
          closedByAccountId: actor.accountId,
          closing: closed.closings,
        });
        wakes.push(() => this.outbox.wake());

        const view = toMeetingDetail(closed);
        const nextView = next ? toMeetingDetail(next) : null;
        const createdMeeting = nextView ? (({ fieldRevisions: _f, ...rest }) => rest)(nextView) : null;
        return {
          entityId: meetingId,
          op: 'closed',
          patch: {
            status: view.status,
            attendees: view.attendees,
            closedAt: view.closedAt,
            closedBy: view.closedBy,
            nextMeetingId: view.nextMeetingId,
            ...(createdMeeting ? { createdMeeting } : {}),
          },
          result: { meeting: view, nextMeeting: nextView },
          afterCommit: () => wakes.forEach((w) => w()),
        };
      },
    );
  }

  /**
   * The coordinator reopens a closed meeting for a correction; the reason is in the event (the
   * plan's history) and the audit trail. Closing it again approves the corrected minutes.
   */
  reopen(actor: Actor, planId: string, meetingId: string, dto: ReopenMeetingDto): Promise<ChangeResult<MeetingDetailView>> {
    return this.writer.change(
      actor,
      planId,
      { action: 'meeting.close', entityType: 'meeting', clientMutationId: dto.clientMutationId },
      async ({ tx, revision }) => {
        const meeting = await this.findForChange(tx, planId, meetingId);
        if (!meeting.closedAt) throw new Conflict('The meeting is not closed');
        const stamp = { rev: revision, by: actor.accountId };
        const reopened: Meeting = {
          ...meeting,
          closedAt: null,
          closedBy: null,
          closedByName: null,
          fieldRevisions: { ...meeting.fieldRevisions, closedAt: stamp, closedBy: stamp },
        };
        await tx
          .getRepository(Meeting)
          .update({ id: meetingId }, { closedAt: null, closedBy: null, closedByName: null, fieldRevisions: reopened.fieldRevisions });
        return {
          entityId: meetingId,
          op: 'reopened',
          patch: { closedAt: null, closedBy: null, reason: dto.reason },
          result: toMeetingDetail(reopened),
        };
      },
    );
  }

  /**
   * For other features that change a meeting's content inside the write path (e.g. its minutes as
   * shared text): the meeting of this plan, not deleted, and open; else 404 or `409 meeting_closed`.
   * Call it with the write path's transaction, so a close committed meanwhile is seen.
   */
  async assertOpen(tx: EntityManager, planId: string, meetingId: string): Promise<Meeting> {
    const meeting = await this.findForChange(tx, planId, meetingId);
    assertMeetingOpen(meeting);
    return meeting;
  }

  private async findForChange(tx: EntityManager, planId: string, meetingId: string): Promise<Meeting> {
    const meeting = await tx.getRepository(Meeting).findOneBy({ id: meetingId, planId, deletedAt: IsNull() });
    if (!meeting) throw new NotFound('Meeting');
    return meeting;
  }

  /** Attendees are members of this plan (not removed); anything else is not found. */
  private async checkMembers(tx: EntityManager, planId: string, memberIds: string[]): Promise<void> {
    const [{ n }] = (await tx.query(
      `SELECT count(*)::int AS n FROM plan_members WHERE plan_id = $1 AND id = ANY($2::uuid[]) AND status <> 'removed'`,
      [planId, memberIds],
    )) as { n: number }[];
    if (n !== memberIds.length) throw new NotFound('Member');
  }

  /** Writes the calendar notice to the outbox inside the transaction; it is carried out after commit. */
  private async notice(tx: EntityManager, actor: Actor, plan: Plan, m: Meeting, kind: NoticeKind): Promise<() => void> {
    const payload: MeetingNotice = {
      tenantId: actor.tenantId,
      planId: plan.id,
      planTitle: plan.title,
      meetingId: m.id,
      title: m.title,
      startsAt: m.startsAt.toISOString(),
      endsAt: m.endsAt?.toISOString() ?? null,
      location: m.location,
      videoUrl: m.videoUrl,
      sequence: m.sequence,
      actorAccountId: actor.accountId,
      recipients: await this.recipients(tx, plan.id),
    };
    await this.outbox.add(tx, kind, payload);
    return () => this.outbox.wake();
  }

  /** Active members with an account who may read meetings, with consent in force where their role needs it. */
  private async recipients(tx: EntityManager, planId: string): Promise<MeetingRecipient[]> {
    const readers = PLAN_ROLES.filter((r) => planRoleMay(r, 'meeting.read'));
    const needConsent = PLAN_ROLES.filter((r) => PLAN_PERMISSIONS[r].requiresConsent);
    const rows = (await tx.query(
      `SELECT m.id, m.account_id, coalesce(a.email, m.email) AS email, m.name
         FROM plan_members m JOIN accounts a ON a.id = m.account_id
        WHERE m.plan_id = $1 AND m.status = 'active' AND a.disabled_at IS NULL AND m.role = ANY($2::text[])
          AND (m.role <> ALL($3::text[]) OR EXISTS (
                SELECT 1 FROM consents c WHERE c.member_id = m.id AND c.kind = 'member_access' AND c.revoked_at IS NULL))
        ORDER BY m.created_at, m.id`,
      [planId, readers, needConsent],
    )) as { id: string; account_id: string; email: string | null; name: string }[];
    return rows.map((r) => ({ memberId: r.id, accountId: r.account_id, email: r.email, name: r.name }));
  }

  private async recordRead(actor: Actor, planId: string, targetType: string, targetId: string): Promise<void> {
    await this.audit.record(
      { tenantId: actor.tenantId, actorAccountId: actor.accountId, planId, action: 'meeting.read', targetType, targetId },
      actor,
    );
  }
}
