/** What follows a commit: in-process domain events, and the outbox for what must not be lost. */
import { Global, Module } from '@nestjs/common';
import { DomainEvents } from './domain-events';
import { Outbox } from './outbox.service';

@Global()
@Module({ providers: [DomainEvents, Outbox], exports: [DomainEvents, Outbox] })
export class DomainEventsModule {}
