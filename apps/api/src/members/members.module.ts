/** The plan's members (ansvarsgruppe) and one-time invitations. */
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { PlansModule } from '../plans/plans.module';
import { SmsModule } from '../sms/sms.module';
import { DirectoryController, GuardianshipsController, InvitationsController, MembersController } from './members.controller';
import { MembersService } from './members.service';

@Module({
  imports: [PlansModule, AuthModule, SmsModule],
  controllers: [MembersController, InvitationsController, DirectoryController, GuardianshipsController],
  providers: [MembersService],
  exports: [MembersService],
})
export class MembersModule {}
