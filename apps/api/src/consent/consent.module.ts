/** Consent (samtykke) to the plan and to each member seeing it; consent recorded from paper; reminders. */
import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { PlansModule } from '../plans/plans.module';
import { ConsentRecordsController } from './consent-records.controller';
import { ConsentRecordsService } from './consent-records.service';
import { ConsentController } from './consent.controller';
import { ConsentService } from './consent.service';

@Module({
  imports: [PlansModule, NotificationsModule],
  controllers: [ConsentController, ConsentRecordsController],
  providers: [ConsentService, ConsentRecordsService],
  exports: [ConsentService],
})
export class ConsentModule {}
