/**
 * In-process domain events, emitted after a transaction commits. Realtime and notifications
 * listen here; nothing is emitted that was not committed.
 */
import { Global, Injectable, Module } from '@nestjs/common';
import { EventEmitter } from 'node:events';

export interface DomainEventMap {
  /** An account was disabled: its sessions end and its sockets are closed. */
  'account.disabled': { accountId: string; tenantId: string };
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
