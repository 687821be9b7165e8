/** Meeting attendance (RSVP): answered in the app or by SMS JA/NEI, seen before the meeting. */
import { Module } from '@nestjs/common';
import { PlansModule } from '../plans/plans.module';
import { SmsModule } from '../sms/sms.module';
import { AttendanceController } from './attendance.controller';
import { AttendanceService } from './attendance.service';

@Module({
  imports: [PlansModule, SmsModule],
  controllers: [AttendanceController],
  providers: [AttendanceService],
})
export class AttendanceModule {}
