/**
 * Meeting attendance at a glance (RSVP): each member answers for themself whether they come to a
 * planned meeting (confirmed / declined; no answer is "not answered"), in the app or by SMS JA/NEI
 * to the meeting reminder; the meeting's readers see who has answered what before the meeting.
 * Distinct from the attendees recorded when the meeting is held (who was present).
 *
 * An answer is a plan change like any other: through the write path (revision, event 'rsvp',
 * audit 'rsvp.answered' / 'rsvp.withdrawn'), with the action 'meeting.rsvp'.
 */
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ChangeResult, MeetingAttendanceView, PlanRole, RsvpResponse, RsvpView } from '#contracts';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { Conflict, DomainError, NotFound } from '../errors/domain-error';
import { PlanAccessService } from '../plans/plan-access.service';
import { PlanWriter } from '../plans/plan-writer.service';
import { SmsService, type MeetingReply } from '../sms/sms.service';

interface MeetingRow {
  id: string;
  starts_at: Date;
  ends_at: Date | null;
  status: string;
}

@Injectable()
export class AttendanceService implements OnModuleInit {
  private readonly logger = new Logger('Attendance');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: PlanAccessService,
    private readonly writer: PlanWriter,
    private readonly audit: AuditService,
    private readonly sms: SmsService,
  ) {}

  onModuleInit(): void {
    this.sms.onMeetingReply((reply) => this.fromSms(reply));
  }

  async attendance(actor: Actor, planId: string, meetingId: string): Promise<MeetingAttendanceView> {
    const { member } = await this.access.authorize(actor, planId, 'meeting.read');
    const meeting = await this.meeting(planId, meetingId);
    const rows = (await this.db.query(
      `SELECT m.id, coalesce(a.name, m.name) AS name, m.role, r.response, r.via, r.answered_at
         FROM plan_members m
         LEFT JOIN accounts a ON a.id = m.account_id
         LEFT JOIN meeting_rsvps r ON r.member_id = m.id AND r.meeting_id = $2
        WHERE m.plan_id = $1 AND m.status = 'active'
        ORDER BY (m.role = 'person') DESC, m.created_at, m.id`,
      [planId, meetingId],
    )) as {
      id: string;
      name: string;
      role: PlanRole;
      response: RsvpResponse | null;
      via: 'app' | 'sms' | null;
      answered_at: Date | null;
    }[];
    const members: RsvpView[] = rows.map((r) => ({
      memberId: r.id,
      name: r.name,
      role: r.role,
      response: r.response,
      via: r.via,
      answeredAt: r.answered_at?.toISOString() ?? null,
    }));
    await this.audit.record(
      {
        tenantId: actor.tenantId,
        actorAccountId: actor.accountId,
        planId,
        action: 'meeting.read',
        targetType: 'meeting',
        targetId: meetingId,
        details: { attendance: true },
      },
      actor,
    );
    return {
      meetingId,
      startsAt: meeting.starts_at.toISOString(),
      counts: {
        confirmed: members.filter((m) => m.response === 'confirmed').length,
        declined: members.filter((m) => m.response === 'declined').length,
        unanswered: members.filter((m) => m.response === null).length,
      },
      members,
      mine: members.find((m) => m.memberId === member.id)?.response ?? null,
      myMemberId: member.id,
    };
  }

  /** The caller answers for themself (null takes the answer back). */
  answer(
    actor: Actor,
    planId: string,
    meetingId: string,
    response: RsvpResponse | null,
    via: 'app' | 'sms',
    clientMutationId?: string,
  ): Promise<ChangeResult<{ response: RsvpResponse | null }>> {
    return this.writer.change(actor, planId, { action: 'meeting.rsvp', entityType: 'rsvp', clientMutationId }, async ({ tx, member }) => {
      const [meeting] = (await tx.query(
        `SELECT id, starts_at, ends_at, status, closed_at FROM meetings WHERE id = $1 AND plan_id = $2 AND deleted_at IS NULL`,
        [meetingId, planId],
      )) as (MeetingRow & { closed_at: Date | null })[];
      if (!meeting) throw new NotFound('Meeting');
      if (meeting.closed_at) throw new Conflict('The meeting is closed');
      if (meeting.status !== 'planned') throw new Conflict(`The meeting is ${meeting.status}; only a planned meeting can be answered`);
      if ((meeting.ends_at ?? meeting.starts_at).getTime() < Date.now()) throw new Conflict('The meeting is over');
      const memberId = member!.id;
      const [before] = (await tx.query(`SELECT response FROM meeting_rsvps WHERE meeting_id = $1 AND member_id = $2`, [
        meetingId,
        memberId,
      ])) as {
        response: RsvpResponse;
      }[];
      if ((before?.response ?? null) === response) return { entityId: meetingId, op: 'answered', patch: {}, result: { response } };
      if (response === null) {
        await tx.query(`DELETE FROM meeting_rsvps WHERE meeting_id = $1 AND member_id = $2`, [meetingId, memberId]);
      } else {
        await tx.query(
          `INSERT INTO meeting_rsvps (meeting_id, member_id, plan_id, response, via, answered_by) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (meeting_id, member_id) DO UPDATE SET response = EXCLUDED.response, via = EXCLUDED.via,
             answered_by = EXCLUDED.answered_by, answered_at = now()`,
          [meetingId, memberId, planId, response, via, actor.accountId],
        );
      }
      return {
        entityId: meetingId,
        op: response === null ? 'withdrawn' : 'answered',
        patch: { meetingId, memberId, response, via },
        result: { response },
      };
    });
  }

  /** JA/NEI to a meeting reminder: the reminder's member answers, as the account it was sent to. */
  private async fromSms(reply: MeetingReply): Promise<boolean> {
    const [a] = (await this.db.query(
      `SELECT a.id, a.name, a.role, a.tenant_id FROM accounts a
         JOIN plan_members m ON m.account_id = a.id AND m.id = $2 AND m.status = 'active'
        WHERE a.id = $1 AND a.tenant_id = $3 AND a.disabled_at IS NULL`,
      [reply.accountId, reply.memberId, reply.tenantId],
    )) as { id: string; name: string; role: Actor['role']; tenant_id: string }[];
    if (!a) return false;
    const actor: Actor = { accountId: a.id, tenantId: a.tenant_id, role: a.role, name: a.name, ip: null, userAgent: 'sms' };
    try {
      await this.answer(actor, reply.planId, reply.meetingId, reply.response, 'sms');
      return true;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.logger.warn(`an SMS answer to meeting ${reply.meetingId} was not recorded: ${error.message}`);
      return false;
    }
  }

  private async meeting(planId: string, meetingId: string): Promise<MeetingRow> {
    const [m] = (await this.db.query(
      `SELECT id, starts_at, ends_at, status FROM meetings WHERE id = $1 AND plan_id = $2 AND deleted_at IS NULL`,
      [meetingId, planId],
    )) as MeetingRow[];
    if (!m) throw new NotFound('Meeting');
    return m;
  }
}
