/**
 * In-process domain events, emitted after a transaction commits. Realtime and notifications
 * listen here; nothing is emitted that was not committed.
 */
import { Global, Injectable, Module } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import type { PlanEventView, RevokeReason } from '#contracts';

export interface DomainEventMap {
  /** An account was disabled: its sessions end and its sockets are closed. */
  'account.disabled': { accountId: string; tenantId: string };
  /** Every session of an account was ended (password reset or change, "log out everywhere"): its sockets close. */
  'account.signed-out': { accountId: string; tenantId: string; reason: 'password_reset' | 'password_changed' | 'signed_out_everywhere' };
  /** A change to a plan was committed (revision order per plan). */
  'plan.event': { tenantId: string; event: PlanEventView };
  /** Someone was invited to a plan: the invitation e-mail goes out. */
  'plan.member.invited': {
    tenantId: string;
    planId: string;
    planTitle: string;
    memberId: string;
    email: string;
    name: string;
    invitedByName: string;
    invitationUrl: string;
  };
  /** An account lost access to a plan: removed, consent revoked, or the plan closed. */
  'plan.access.revoked': { planId: string; accountId: string; reason: RevokeReason };
  /** A planned meeting still ahead was created, or a cancelled one restored: invitations (.ics, METHOD:REQUEST) go out. */
  'meeting.scheduled': MeetingNotice;
  /** A planned meeting ahead got a new time or place (its sequence grew): updated invitations go out. */
  'meeting.moved': MeetingNotice;
  /** A planned meeting ahead was cancelled or deleted: cancellations (.ics, METHOD:CANCEL) go out. */
  'meeting.cancelled': MeetingNotice;
  /** A task got a responsible member (on create, or when the responsible changed). */
  'task.assigned': {
    tenantId: string;
    planId: string;
    taskId: string;
    title: string;
    dueDate: string | null;
    responsibleMemberId: string;
    /** The responsible member's account; null while they have not accepted their invitation. */
    responsibleAccountId: string | null;
    assignedByAccountId: string;
  };
  /** A journal entry mentioned members by name (@Name); only members who may read the journal. */
  'journal.mention': {
    tenantId: string;
    planId: string;
    entryId: string;
    authorName: string;
    authorAccountId: string;
    mentionedAccountIds: string[];
  };
  /**
   * A coordinator was made the plan's coordinator by someone else (koordinerende enhet, or the
   * creator of the plan naming them): the new coordinator is told.
   */
  'plan.coordinator.appointed': {
    tenantId: string;
    planId: string;
    personName: string;
    coordinatorAccountId: string;
    previousCoordinatorAccountId: string | null;
    appointedBy: { accountId: string; name: string };
  };
}

/** Who is told about a meeting: active members who may see the plan (consent in force where needed). */
export interface MeetingRecipient {
  memberId: string;
  accountId: string;
  email: string | null;
  name: string;
}

/** Everything a calendar invitation needs; times as ISO strings. */
export interface MeetingNotice {
  tenantId: string;
  planId: string;
  planTitle: string;
  meetingId: string;
  title: string;
  startsAt: string;
  endsAt: string | null;
  location: string;
  videoUrl: string | null;
  /** iCalendar SEQUENCE: grows with every change of time or place, and on cancellation. */
  sequence: number;
  /** Who made the change (the notifications need not tell them). */
  actorAccountId: string;
  recipients: MeetingRecipient[];
}

type Listener<T> = (payload: T) => void;

@Injectable()
export class DomainEvents {
  private readonly emitter = new EventEmitter().setMaxListeners(100);

  emit<K extends keyof DomainEventMap>(name: K, payload: DomainEventMap[K]): void {
    this.emitter.emit(name, payload);
  }

  on<K extends keyof DomainEventMap>(name: K, listener: Listener<DomainEventMap[K]>): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }
}

@Global()
@Module({ providers: [DomainEvents], exports: [DomainEvents] })
export class DomainEventsModule {}
