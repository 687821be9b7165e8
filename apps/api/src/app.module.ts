import { DynamicModule, Module } from '@nestjs/common';
import { AccountsModule } from './accounts/accounts.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { DomainEventsModule } from './events/domain-events';
import { ConsentModule } from './consent/consent.module';
import { GoalsModule } from './goals/goals.module';
import { HealthModule } from './health/health.module';
import { MembersModule } from './members/members.module';
import { PlansModule } from './plans/plans.module';
import { TasksModule } from './tasks/tasks.module';

/** The whole api: one module per feature, wired with the validated config and the database url. */
@Module({})
export class AppModule {
  static register(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(databaseUrl),
        DomainEventsModule,
        AuditModule,
        AuthModule,
        AccountsModule,
        HealthModule,
        PlansModule,
        MembersModule,
        ConsentModule,
        GoalsModule,
        TasksModule,
      ],
    };
  }
}
