/** The plan's journal: progress notes and comments on the plan, its goals, tasks and meetings. */
import { Module } from '@nestjs/common';
import { PlansModule } from '../plans/plans.module';
import { JournalController } from './journal.controller';
import { JournalService } from './journal.service';

@Module({ imports: [PlansModule], controllers: [JournalController], providers: [JournalService], exports: [JournalService] })
export class JournalModule {}
