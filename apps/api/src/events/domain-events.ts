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
