/** Ansvarsgruppemøter of a plan: agenda, attendees, minutes, decisions that become tasks. */
import { Module } from '@nestjs/common';
import { PlansModule } from '../plans/plans.module';
import { TasksModule } from '../tasks/tasks.module';
import { MeetingsController } from './meetings.controller';
import { MeetingsService } from './meetings.service';

@Module({
  imports: [PlansModule, TasksModule],
  controllers: [MeetingsController],
  providers: [MeetingsService],
  // The realtime gateway calls MeetingsService.update for 'meeting.update' commands.
  exports: [MeetingsService],
})
export class MeetingsModule {}
