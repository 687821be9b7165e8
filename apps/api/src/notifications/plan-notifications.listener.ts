/**
 * Turns committed plan changes into notifications: an invitation, a task given to someone, a
 * meeting scheduled, moved or cancelled (with a calendar invitation or cancellation), a journal
 * entry that mentions someone, a comment on a goal or task (to those it mentions and to the task's
 * responsible), a coordinator appointed, staff picked into a plan's group, a meeting closed (its
 * summary, meeting-summary.ts). The plan features write these to the outbox in
 * the change's own transaction, and this handles them there (events/outbox.service.ts): each
 * notification is made in the transaction that takes its message out of the outbox, so a node
 * dying after the change loses none and a message carried out twice makes none twice. The
 * invitation is the exception: its one-time link is never stored, so it is sent from memory
 * after commit (a domain event); the inviter has the link too and can send a new one.
 * Everyone told must still be able to read the plan (active member, consent in force where the
 * role needs it), and nobody is told about their own change.
 */
import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { NotificationKind } from '#contracts';
import { AppConfig } from '../config/config';
import { DomainEvents, type DomainEventMap, type MeetingNotice } from '../events/domain-events';
import { Outbox, type AfterOutboxCommit, type OutboxMessageMap, type OutboxName } from '../events/outbox.service';
import { meetingUid } from './ics';
import { meetingSummaryNotifications } from './meeting-summary';
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
    private readonly events: DomainEvents,
    private readonly outbox: Outbox,
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.listen('plan.member.invited', (p) => this.onInvited(p));
    this.handle('task.assigned', (tx, p, id) => this.onTaskAssigned(tx, p, id));
    for (const name of ['meeting.scheduled', 'meeting.moved', 'meeting.cancelled'] as const) {
      this.handle(name, (_tx, p) => this.onMeeting(name, p));
    }
    this.handle('journal.mention', (tx, p) => this.onMention(tx, p));
    this.handle('plan.coordinator.appointed', (_tx, p, id) => this.onCoordinatorAppointed(p, id));
    this.handle('comment.created', (tx, p) => this.onComment(tx, p));
    this.handle('plan.member.added', (tx, p, id) => this.onMemberAdded(tx, p, id));
    this.handle('meeting.summary', (tx, p) => meetingSummaryNotifications(tx, p));
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

  /**
   * An outbox message: the notifications are made in its transaction and e-mailed after that
   * commits. They are dated when the change was made (the message's time), however late they are made.
   */
  private handle<K extends OutboxName>(
    name: K,
    build: (tx: EntityManager, payload: OutboxMessageMap[K], messageId: string) => NewNotification[] | Promise<NewNotification[]>,
  ): void {
    this.outbox.handle(name, async (tx, payload, { id, createdAt }): Promise<AfterOutboxCommit> => {
      const list = await build(tx, payload, id);
      const created = await this.notifications.createAll(
        tx,
        list.map((n) => ({ ...n, createdAt })),
      );
      return () => this.notifications.deliverSoon(created);
    });
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

  private async onTaskAssigned(tx: EntityManager, p: OutboxMessageMap['task.assigned'], messageId: string): Promise<NewNotification[]> {
    if (!p.responsibleAccountId || p.responsibleAccountId === p.assignedByAccountId) return [];
    const [who] = await planRecipients(tx, p.planId, { memberIds: [p.responsibleMemberId] });
    if (!who?.accountId) return [];
    const [plan] = (await tx.query(`SELECT title FROM plans WHERE id = $1`, [p.planId])) as { title: string }[];
    const [assigner] = (await tx.query(`SELECT name FROM accounts WHERE id = $1`, [p.assignedByAccountId])) as { name: string }[];
    return [
      {
        tenantId: p.tenantId,
        recipient: { accountId: who.accountId },
        kind: 'task_assigned',
        params: { taskTitle: p.title, planTitle: plan?.title ?? '', dueDate: p.dueDate, assignedBy: assigner?.name ?? null },
        link: `/planer/${p.planId}/tiltak/${p.taskId}`,
        planId: p.planId,
        dedupeKey: `task_assigned:${messageId}`,
      },
    ];
  }

  /**
   * Each recipient gets their own invitation (they are its ATTENDEE). The UID is the meeting's,
   * so calendars update the entry they have; SEQUENCE is the meeting's, grown on every move.
   */
  private onMeeting(name: keyof typeof MEETING_KINDS, m: MeetingNotice): NewNotification[] {
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
    return list;
  }

  private onCoordinatorAppointed(p: OutboxMessageMap['plan.coordinator.appointed'], messageId: string): NewNotification[] {
    if (p.coordinatorAccountId === p.appointedBy.accountId) return [];
    return [
      {
        tenantId: p.tenantId,
        recipient: { accountId: p.coordinatorAccountId },
        kind: 'coordinator_appointed',
        params: { appointedBy: p.appointedBy.name, personName: p.personName },
        link: `/planer/${p.planId}`,
        planId: p.planId,
        dedupeKey: `coordinator_appointed:${messageId}`,
      },
    ];
  }

  /** Staff picked from the directory: told at once, if they are still in the group (a removal right after tells nobody). */
  private async onMemberAdded(tx: EntityManager, p: OutboxMessageMap['plan.member.added'], messageId: string): Promise<NewNotification[]> {
    if (p.accountId === p.addedBy.accountId) return [];
    const still = (await tx.query(`SELECT 1 FROM plan_members WHERE id = $1 AND plan_id = $2 AND status = 'active' AND account_id = $3`, [
      p.memberId,
      p.planId,
      p.accountId,
    ])) as unknown[];
    if (!still.length) return [];
    return [
      {
        tenantId: p.tenantId,
        recipient: { accountId: p.accountId },
        kind: 'member_added',
        params: { addedBy: p.addedBy.name, planTitle: p.planTitle, personName: p.personName },
        link: `/planer/${p.planId}`,
        planId: p.planId,
        dedupeKey: `member_added:${messageId}`,
      },
    ];
  }

  private async onMention(tx: EntityManager, p: OutboxMessageMap['journal.mention']): Promise<NewNotification[]> {
    const accountIds = p.mentionedAccountIds.filter((id) => id !== p.authorAccountId);
    if (!accountIds.length) return [];
    const [entry] = (await tx.query(
      `SELECT j.body, p.title AS plan_title FROM journal_entries j JOIN plans p ON p.id = j.plan_id WHERE j.id = $1 AND j.plan_id = $2`,
      [p.entryId, p.planId],
    )) as { body: string; plan_title: string }[];
    const readers = await planRecipients(tx, p.planId);
    const allowed = new Set(readers.map((r) => r.accountId));
    return accountIds
      .filter((id) => allowed.has(id))
      .map((accountId) => ({
        tenantId: p.tenantId,
        recipient: { accountId },
        kind: 'mention' as const,
        params: { authorName: p.authorName, planTitle: entry?.plan_title ?? '', excerpt: excerpt(entry?.body ?? '') },
        link: `/planer/${p.planId}/journal/${p.entryId}`,
        planId: p.planId,
        dedupeKey: `mention:${p.entryId}:${accountId}`,
      }));
  }

  /**
   * A comment on a goal or a task: the members it mentions are told ('mention'), and so is the
   * task's responsible member ('comment') if not mentioned already; never the author, and only
   * those who may read the plan now.
   */
  private async onComment(tx: EntityManager, c: OutboxMessageMap['comment.created']): Promise<NewNotification[]> {
    const [task] =
      c.targetType === 'task'
        ? ((await tx.query(`SELECT title, responsible_member_id FROM tasks WHERE id = $1 AND plan_id = $2`, [c.targetId, c.planId])) as {
            title: string;
            responsible_member_id: string | null;
          }[])
        : [];
    const responsible = task?.responsible_member_id ?? null;
    const memberIds = [...new Set([...c.mentionedMemberIds, ...(responsible ? [responsible] : [])])];
    if (!memberIds.length) return [];
    const readers = (await planRecipients(tx, c.planId, { memberIds })).filter((r) => r.accountId && r.accountId !== c.authorAccountId);
    if (!readers.length) return [];
    const [row] = (await tx.query(
      `SELECT cm.body, p.title AS plan_title FROM comments cm JOIN plans p ON p.id = cm.plan_id WHERE cm.id = $1 AND cm.plan_id = $2`,
      [c.commentId, c.planId],
    )) as { body: string; plan_title: string }[];
    const link = c.targetType === 'task' ? `/planer/${c.planId}/tiltak/${c.targetId}` : `/planer/${c.planId}`;
    return readers.map((r) => {
      const kind: NotificationKind = c.mentionedMemberIds.includes(r.memberId) ? 'mention' : 'comment';
      return {
        tenantId: c.tenantId,
        recipient: { accountId: r.accountId! },
        kind,
        params: {
          authorName: c.authorName,
          planTitle: row?.plan_title ?? '',
          taskTitle: task?.title ?? null,
          excerpt: excerpt(row?.body ?? ''),
        },
        link,
        planId: c.planId,
        dedupeKey: `${kind}:comment:${c.commentId}:${r.accountId}`,
      };
    });
  }
}

/** A short, plain excerpt of a comment for the in-app list (never for e-mail). */
export function excerpt(body: string, max = 140): string {
  const plain = body.replace(/\s+/g, ' ').trim();
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}
