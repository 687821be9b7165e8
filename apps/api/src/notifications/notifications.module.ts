/**
 * Notifications: the in-app list, e-mail (nodemailer; logged when SMTP_URL is unset), the
 * per-kind preferences (at once, daily digest, off; and SMS, sms/), and the listener that turns committed plan
 * changes into notifications for the people concerned.
 */
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SmsModule } from '../sms/sms.module';
import { Mailer } from './mailer.service';
import { NotificationPreference } from './notification-preference.entity';
import { Notification } from './notification.entity';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { PlanNotificationsListener } from './plan-notifications.listener';

@Module({
  imports: [TypeOrmModule.forFeature([Notification, NotificationPreference]), SmsModule],
  controllers: [NotificationsController],
  providers: [Mailer, NotificationsService, PlanNotificationsListener],
  exports: [NotificationsService, Mailer, SmsModule],
})
export class NotificationsModule {}
