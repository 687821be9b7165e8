/**
 * In-process domain events, emitted after a transaction commits. Realtime and notifications
 * listen here; nothing is emitted that was not committed. Work that must not be lost when the
 * node dies right after the commit goes through the outbox instead (outbox.service.ts).
 */
import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import type { PlanEventView, RevokeReason, FieldConflictNotice } from '#contracts';
import { AppConfig } from '../config/config';

export interface DomainEventMap {
  /** An account was disabled: its sessions end and its sockets are closed. */
  'account.disabled': { accountId: string; tenantId: string };
  /** Every session of an account was ended (password reset or change, "log out everywhere"): its sockets close. */
  'account.signed-out': { accountId: string; tenantId: string; reason: 'password_reset' | 'password_changed' | 'signed_out_everywhere' };
  /**
   * A field edit was not applied because someone else changed the field meanwhile: the other
   * writer is told too (docs/conflicts.md), not only the one whose edit came back.
   */
  'plan.conflict': { tenantId: string; notice: FieldConflictNotice; toAccountIds: string[] };
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
  /** Tests only: `<entityType>.<action>` of the plan change after whose commit the process dies. */
  private readonly killAfter: string | undefined;

  constructor(config: AppConfig) {
    this.killAfter = config.TEST_KILL_AFTER_COMMIT;
  }

  emit<K extends keyof DomainEventMap>(name: K, payload: DomainEventMap[K]): void {
    if (this.killAfter && name === 'plan.event') this.dieIfChosen((payload as DomainEventMap['plan.event']).event);
    this.emitter.emit(name, payload);
  }

  /**
   * The test hook for "a node dies between commit and what follows it": every plan change is
   * emitted here right after its commit, before realtime publishes it and before any after-commit
   * work, so dying here is dying at the worst moment.
   */
  private dieIfChosen(event: PlanEventView): void {
    if (`${event.entityType}.${event.action}` === this.killAfter) process.kill(process.pid, 'SIGKILL');
  }

  on<K extends keyof DomainEventMap>(name: K, listener: Listener<DomainEventMap[K]>): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }
}
