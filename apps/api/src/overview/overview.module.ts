/**
 * Koordinerende enhet's overview for the systemkoordinator (metadata only), and the settings of
 * koordinerende enhet's features (CoordinationConfig).
 */
import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { MembersModule } from '../members/members.module';
import { NeedsModule } from '../needs/needs.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { TrainingModule } from '../training/training.module';
import { OverviewController } from './overview.controller';
import { OverviewService } from './overview.service';

@Module({
  imports: [AccountsModule, MembersModule, NeedsModule, NotificationsModule, TrainingModule],
  controllers: [OverviewController],
  providers: [OverviewService],
})
export class OverviewModule {}
