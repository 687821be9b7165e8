/** Plans: the plan itself, the access rule, the one write path, the change log. */
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module';
import { Consent } from '../consent/consent.entity';
import { Goal } from '../goals/goal.entity';
import { JournalEntry } from '../journal/journal-entry.entity';
import { Meeting } from '../meetings/meeting.entity';
import { PlanMember } from '../members/plan-member.entity';
import { Task } from '../tasks/task.entity';
import { PlanAccessService } from './plan-access.service';
import { PlanEvent } from './plan-event.entity';
import { PlanWriter } from './plan-writer.service';
import { Plan } from './plan.entity';
import { PlansController } from './plans.controller';
import { PlansService } from './plans.service';

@Module({
  // The plan's parts are registered here because the snapshot reads them in one transaction.
  imports: [TypeOrmModule.forFeature([Plan, PlanEvent, PlanMember, Consent, Goal, Task, Meeting, JournalEntry]), AccountsModule],
  controllers: [PlansController],
  providers: [PlanAccessService, PlanWriter, PlansService],
  exports: [PlanAccessService, PlanWriter, PlansService],
})
export class PlansModule {}
