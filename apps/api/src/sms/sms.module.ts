/**
 * SMS (docs/sms.md): the SMPP client (one bound session per node; logged without SMS_SMPP_URL),
 * sms_messages sent through the outbox, quiet hours, replies (STOPP, JA/NEI) and the SMS
 * preferences. Below the features: NotificationsService sends through it, the attendance feature
 * registers the handler for JA/NEI.
 */
import { Module } from '@nestjs/common';
import { SmppTransport } from './smpp-transport.service';
import { SmsService } from './sms.service';

@Module({
  providers: [SmppTransport, SmsService],
  exports: [SmsService],
})
export class SmsModule {}
