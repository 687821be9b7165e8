import { DynamicModule, Module } from '@nestjs/common';
import { AccountsModule } from './accounts/accounts.module';
import { AttendanceModule } from './attendance/attendance.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { AppConfig } from './config/config';
import { CommentsModule } from './comments/comments.module';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { DeletedItemsModule } from './deleted/deleted-items.module';
import { DomainEventsModule } from './events/events.module';
import { EvaluationsModule } from './evaluations/evaluations.module';
import { ExportsModule } from './exports/exports.module';
import { ConsentModule } from './consent/consent.module';
import { GoalsModule } from './goals/goals.module';
import { HealthModule } from './health/health.module';
import { HomeModule } from './home/home.module';
import { JournalModule } from './journal/journal.module';
import { MeetingsModule } from './meetings/meetings.module';
import { MembersModule } from './members/members.module';
import { MetricsModule } from './metrics/metrics.module';
import { PlansModule } from './plans/plans.module';
import { RealtimeModule } from './realtime/realtime.module';
import { TasksModule } from './tasks/tasks.module';
import { NeedsModule } from './needs/needs.module';
import { NotificationsModule } from './notifications/notifications.module';
import { CoordinationConfigModule } from './overview/coordination.config';
import { OverviewModule } from './overview/overview.module';
import { RemindersModule } from './reminders/reminders.module';
import { TrainingModule } from './training/training.module';

/** The whole api: one module per feature, wired with the validated config and the database url. */
@Module({})
export class AppModule {
  static register(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(databaseUrl, { max: config.DATABASE_POOL_MAX, idleSeconds: config.DATABASE_POOL_IDLE_SECONDS }),
        DomainEventsModule,
        AuditModule,
        AuthModule,
        AccountsModule,
        HealthModule,
        MetricsModule,
        PlansModule,
        MembersModule,
        ConsentModule,
        GoalsModule,
        TasksModule,
        MeetingsModule,
        AttendanceModule,
        JournalModule,
        DeletedItemsModule,
        CommentsModule,
        EvaluationsModule,
        CoordinationConfigModule,
        NotificationsModule,
        TrainingModule,
        NeedsModule,
        OverviewModule,
        RemindersModule,
        ExportsModule,
        RealtimeModule,
        HomeModule,
      ],
    };
  }
}
