/**
 * Turns committed plan changes into notifications: an invitation, a task given to someone, a
 * meeting scheduled, moved or cancelled (with a calendar invitation or cancellation), a journal
 * entry that mentions someone, a comment on a goal or task (to those it mentions and to the task's
 * responsible). Listens to the domain events the plan features emit after commit; comments are
 * read from the committed plan event itself ('plan.event', entity 'comment').
 * Everyone told must still be able to read the plan (active member, consent in force where the
 * role needs it), and nobody is told about their own change.
 */
import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CommentView, NotificationKind } from '#contracts';
import { AppConfig } from '../config/config';
import { DomainEvents, type DomainEventMap, type MeetingNotice } from '../events/domain-events';
import { meetingUid } from './ics';
import { NotificationsService, type NewNotification, type Recipient } from './notifications.service';
import { planRecipients, type PlanRecipient } from './plan-recipients';

export function recipientOf(r: PlanRecipient): Recipient {
  return r.accountId ? { accountId: r.accountId } : { email: r.email!, name: r.name };
}

const MEETING_KINDS: Record<'meeting.scheduled' | 'meeting.moved' | 'meeting.cancelled', NotificationKind> = {
  'meeting.scheduled': 'meeting_scheduled',
  'meeting.moved': 'meeting_moved',
  'meeting.cancelled': 'meeting_cancelled',
};

@Injectable()
export class PlanNotificationsListener implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('PlanNotifications');
  private readonly off: (() => void)[] = [];

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: DomainEvents,
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.listen('plan.member.invited', (p) => this.onInvited(p));
    this.listen('task.assigned', (p) => this.onTaskAssigned(p));
    for (const name of ['meeting.scheduled', 'meeting.moved', 'meeting.cancelled'] as const) {
      this.listen(name, (p) => this.onMeeting(name, p));
    }
    this.listen('journal.mention', (p) => this.onMention(p));
    this.listen('plan.event', (p) => this.onPlanEvent(p));
    this.listen('plan.coordinator.appointed', (p) => this.onCoordinatorAppointed(p));
  }

  onModuleDestroy(): void {
    for (const off of this.off.splice(0)) off();
  }

  /** A failed notification must never break the change that caused it: it is logged. */
  private listen<K extends keyof DomainEventMap>(name: K, fn: (payload: DomainEventMap[K]) => Promise<unknown>): void {
    this.off.push(
      this.events.on(name, (payload) => {
        void fn(payload).catch((error: unknown) =>
          this.logger.error(`${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
        );
      }),
    );
  }

  private async onInvited(p: DomainEventMap['plan.member.invited']): Promise<void> {
    await this.notifications.sendInvitation({
      tenantId: p.tenantId,
      recipient: { email: p.email, name: p.name },
      kind: 'invitation',
      params: { inviterName: p.invitedByName, planTitle: p.planTitle, invitationUrl: p.invitationUrl },
      link: `/planer/${p.planId}`,
      planId: p.planId,
      dedupeKey: `invitation:${p.memberId}`,
    });
  }

  private async onTaskAssigned(p: DomainEventMap['task.assigned']): Promise<void> {
    if (!p.responsibleAccountId || p.responsibleAccountId === p.assignedByAccountId) return;
    const [who] = await planRecipients(this.db.manager, p.planId, { memberIds: [p.responsibleMemberId] });
    if (!who?.accountId) return;
    const [plan] = (await this.db.query(`SELECT title FROM plans WHERE id = $1`, [p.planId])) as { title: string }[];
    const [assigner] = (await this.db.query(`SELECT name FROM accounts WHERE id = $1`, [p.assignedByAccountId])) as { name: string }[];
    await this.notifications.notify([
      {
        tenantId: p.tenantId,
        recipient: { accountId: who.accountId },
        kind: 'task_assigned',
        params: { taskTitle: p.title, planTitle: plan?.title ?? '', dueDate: p.dueDate, assignedBy: assigner?.name ?? null },
        link: `/planer/${p.planId}/tiltak/${p.taskId}`,
        planId: p.planId,
      },
    ]);
  }

  /**
   * Each recipient gets their own invitation (they are its ATTENDEE). The UID is the meeting's,
   * so calendars update the entry they have; SEQUENCE is the meeting's, grown on every move.
   */
  private async onMeeting(name: keyof typeof MEETING_KINDS, m: MeetingNotice): Promise<void> {
    const kind = MEETING_KINDS[name];
    const link = `/planer/${m.planId}/moter/${m.meetingId}`;
    const list: NewNotification[] = m.recipients
      .filter((r) => r.accountId !== m.actorAccountId)
      .map((r) => ({
        tenantId: m.tenantId,
        recipient: { accountId: r.accountId },
        kind,
        params: { meetingTitle: m.title, planTitle: m.planTitle, startsAt: m.startsAt, location: m.location || null, videoUrl: m.videoUrl },
        link,
        planId: m.planId,
        dedupeKey: `${kind}:${m.meetingId}:${r.memberId}:${m.sequence}`,
        calendar: {
          method: name === 'meeting.cancelled' ? 'CANCEL' : 'REQUEST',
          uid: meetingUid(m.meetingId),
          sequence: m.sequence,
          start: new Date(m.startsAt),
          end: m.endsAt ? new Date(m.endsAt) : null,
          // The calendar entry names no person: calendars are shared and synced widely.
          summary: 'Ansvarsgruppemøte (Fellesplan)',
          location: [m.location, m.videoUrl].filter(Boolean).join(' – ') || undefined,
          url: `${this.config.publicUrl.replace(/\/$/, '')}${link}`,
        },
      }));
    await this.notifications.notify(list);
  }

  private async onCoordinatorAppointed(p: DomainEventMap['plan.coordinator.appointed']): Promise<void> {
    if (p.coordinatorAccountId === p.appointedBy.accountId) return;
    await this.notifications.notify([
      {
        tenantId: p.tenantId,
        recipient: { accountId: p.coordinatorAccountId },
        kind: 'coordinator_appointed',
        params: { appointedBy: p.appointedBy.name, personName: p.personName },
        link: `/planer/${p.planId}`,
        planId: p.planId,
      },
    ]);
  }

  private async onMention(p: DomainEventMap['journal.mention']): Promise<void> {
    const accountIds = p.mentionedAccountIds.filter((id) => id !== p.authorAccountId);
    if (!accountIds.length) return;
    const [entry] = (await this.db.query(
      `SELECT j.body, p.title AS plan_title FROM journal_entries j JOIN plans p ON p.id = j.plan_id WHERE j.id = $1 AND j.plan_id = $2`,
      [p.entryId, p.planId],
    )) as { body: string; plan_title: string }[];
    const readers = await planRecipients(this.db.manager, p.planId);
    const allowed = new Set(readers.map((r) => r.accountId));
    await this.notifications.notify(
      accountIds
        .filter((id) => allowed.has(id))
        .map((accountId) => ({
          tenantId: p.tenantId,
          recipient: { accountId },
          kind: 'mention' as const,
          params: { authorName: p.authorName, planTitle: entry?.plan_title ?? '', excerpt: excerpt(entry?.body ?? '') },
          link: `/planer/${p.planId}/journal/${p.entryId}`,
          planId: p.planId,
          dedupeKey: `mention:${p.entryId}:${accountId}`,
        })),
    );
  }
  private async onPlanEvent({ tenantId, event }: DomainEventMap['plan.event']): Promise<void> {
    if (event.entityType === 'comment' && event.action === 'created')
      await this.onComment(tenantId, event.planId, event.patch as unknown as CommentView);
  }

  /**
   * A comment on a goal or a task: the members it mentions are told ('mention'), and so is the
   * task's responsible member ('comment') if not mentioned already; never the author, and only
   * those who may read the plan now.
   */
  private async onComment(tenantId: string, planId: string, c: CommentView): Promise<void> {
    const mentioned = Array.isArray(c.mentionedMemberIds) ? c.mentionedMemberIds : [];
    const [task] =
      c.targetType === 'task'
        ? ((await this.db.query(`SELECT title, responsible_member_id FROM tasks WHERE id = $1 AND plan_id = $2`, [c.targetId, planId])) as {
            title: string;
            responsible_member_id: string | null;
          }[])
        : [];
    const responsible = task?.responsible_member_id ?? null;
    const memberIds = [...new Set([...mentioned, ...(responsible ? [responsible] : [])])];
    if (!memberIds.length) return;
    const readers = (await planRecipients(this.db.manager, planId, { memberIds })).filter(
      (r) => r.accountId && r.accountId !== c.author.accountId,
    );
    if (!readers.length) return;
    const [plan] = (await this.db.query(`SELECT title FROM plans WHERE id = $1`, [planId])) as { title: string }[];
    const link = c.targetType === 'task' ? `/planer/${planId}/tiltak/${c.targetId}` : `/planer/${planId}`;
    await this.notifications.notify(
      readers.map((r) => {
        const kind: NotificationKind = mentioned.includes(r.memberId) ? 'mention' : 'comment';
        return {
          tenantId,
          recipient: { accountId: r.accountId! },
          kind,
          params: { authorName: c.author.name, planTitle: plan?.title ?? '', taskTitle: task?.title ?? null, excerpt: excerpt(c.body) },
          link,
          planId,
          dedupeKey: `${kind}:comment:${c.id}:${r.accountId}`,
        };
      }),
    );
  }
}

/** A short, plain excerpt of a comment for the in-app list (never for e-mail). */
export function excerpt(body: string, max = 140): string {
  const plain = body.replace(/\s+/g, ' ').trim();
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}
