/**
 * Live collaboration over socket.io (docs/realtime-protocol.md): the gateway, the plan rooms
 * with their ordered event delivery and catch-up, presence, plan commands through the same
 * services as REST, revocation, and fan-out between api nodes.
 */
import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { GoalsModule } from '../goals/goals.module';
import { JournalModule } from '../journal/journal.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { PlansModule } from '../plans/plans.module';
import { TasksModule } from '../tasks/tasks.module';
import { PlanCommandsService } from './plan-commands.service';
import { PlanRoomsService } from './plan-rooms.service';
import { PresenceService } from './presence.service';
import { RealtimeServer } from './realtime-server';
import { RealtimeGateway } from './realtime.gateway';
import { SharedTextController } from './shared-text/shared-text.controller';
import { SharedTextService } from './shared-text/shared-text.service';

@Module({
  imports: [AuditModule, AuthModule, PlansModule, GoalsModule, TasksModule, MeetingsModule, JournalModule],
  controllers: [SharedTextController],
  providers: [RealtimeServer, PresenceService, PlanRoomsService, PlanCommandsService, SharedTextService, RealtimeGateway],
  // Health checks the adapter through the server; the home shows who is present.
  exports: [RealtimeServer, PresenceService],
})
export class RealtimeModule {}
