/**
 * Reminders: a job on a timer in every api node (REMINDER_INTERVAL_SECONDS) and on demand,
 * making each reminder once: tasks due soon and overdue, evaluations due, daily digests.
 */
import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { RemindersController } from './reminders.controller';
import { RemindersService } from './reminders.service';

@Module({
  imports: [AccountsModule, NotificationsModule, EvaluationsModule],
  controllers: [RemindersController],
  providers: [RemindersService],
  exports: [RemindersService],
})
export class RemindersModule {}
